package vn.tthc.hub.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The users of {@code hub.security.users.<name>}, checked at start: each needs a bcrypt hash (never
 * a plain password: anything else stops the hub, naming the property) and at least one known role.
 */
final class ConfiguredUsers {
    static final Set<String> ROLES = Set.of("viewer", "operator", "admin");
    private static final Pattern BCRYPT = Pattern.compile("^(\\{bcrypt})?\\$2[aby]?\\$\\d{2}\\$[./A-Za-z0-9]{53}$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9._-]{1,64}$");

    private ConfiguredUsers() {
    }

    static List<UserDetails> of(Map<String, SecurityProperties.User> users) {
        List<UserDetails> out = new ArrayList<>();
        users.forEach((name, u) -> {
            String prefix = "hub.security.users." + name;
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException(prefix + ": a user name is 1-64 letters, digits, '.', '_' or '-'");
            }
            String hash = u.getPasswordHash();
            if (hash == null || !BCRYPT.matcher(hash.trim()).matches()) {
                // the value itself is never repeated: it may be a plain password
                throw new IllegalStateException(prefix + ".password-hash must be a bcrypt hash ({bcrypt}$2a$10$… or $2a$10$…), "
                        + "never a plain password");
            }
            if (u.getRoles() == null || u.getRoles().isEmpty()) {
                throw new IllegalStateException(prefix + ".roles: at least one of " + ROLES);
            }
            List<String> roles = new ArrayList<>();
            for (String r : u.getRoles()) {
                String role = r == null ? "" : r.trim().toLowerCase(Locale.ROOT);
                if (!ROLES.contains(role)) {
                    throw new IllegalStateException(prefix + ".roles: unknown role '" + r + "', known: viewer, operator, admin");
                }
                roles.add(role.toUpperCase(Locale.ROOT));
            }
            out.add(user(name, hash.trim(), roles.toArray(String[]::new)));
        });
        return out;
    }

    static UserDetails user(String name, String hash, String... roles) {
        return User.withUsername(name).password(hash.startsWith("{") ? hash : "{bcrypt}" + hash).roles(roles).build();
    }
}
