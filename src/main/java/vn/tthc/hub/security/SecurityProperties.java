package vn.tthc.hub.security;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Sign-in settings ({@code hub.security.*}); users are checked by {@link ConfiguredUsers} at start. */
@ConfigurationProperties("hub.security")
public class SecurityProperties {
    /** Users by name: a bcrypt hash ({@code {bcrypt}$2a$…} or {@code $2a$…}) and roles (viewer, operator, admin). */
    private Map<String, User> users = new LinkedHashMap<>();
    /** Password of the built-in user {@code admin} (from {@code HUB_ADMIN_PASSWORD}); blank: generated once, kept hashed. */
    private String adminPassword = "";
    /** Where the generated admin password's hash is kept (the hub's data directory). */
    private String dataDir = "./data";
    private Throttle throttle = new Throttle();

    public static class User {
        private String passwordHash;
        private List<String> roles = new ArrayList<>();

        public String getPasswordHash() {
            return passwordHash;
        }

        public void setPasswordHash(String passwordHash) {
            this.passwordHash = passwordHash;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }
    }

    public static class Throttle {
        private Duration window = Duration.ofMinutes(15);
        private int maxFailures = 5;
        private int maxFailuresPerAddress = 5;

        public Duration getWindow() {
            return window;
        }

        public void setWindow(Duration window) {
            this.window = window;
        }

        public int getMaxFailures() {
            return maxFailures;
        }

        public void setMaxFailures(int maxFailures) {
            this.maxFailures = maxFailures;
        }

        public int getMaxFailuresPerAddress() {
            return maxFailuresPerAddress;
        }

        public void setMaxFailuresPerAddress(int maxFailuresPerAddress) {
            this.maxFailuresPerAddress = maxFailuresPerAddress;
        }
    }

    public Map<String, User> getUsers() {
        return users;
    }

    public void setUsers(Map<String, User> users) {
        this.users = users;
    }

    public String getAdminPassword() {
        return adminPassword;
    }

    public void setAdminPassword(String adminPassword) {
        this.adminPassword = adminPassword;
    }

    public String getDataDir() {
        return dataDir;
    }

    public void setDataDir(String dataDir) {
        this.dataDir = dataDir;
    }

    public Throttle getThrottle() {
        return throttle;
    }

    public void setThrottle(Throttle throttle) {
        this.throttle = throttle;
    }
}
