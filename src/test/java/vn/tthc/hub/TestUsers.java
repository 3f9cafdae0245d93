package vn.tthc.hub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The sign-in users of every test hub: hashes made here at cost 4 (fast, test only; the hub itself
 * hashes at cost 10), so that no hash or password of a real installation is in the repository.
 */
public final class TestUsers {
    public static final String TESTER = "tester";
    public static final String TESTER_PASSWORD = "tester-test-password";
    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "viewer-test-password";
    public static final String OPERATOR = "operator";
    public static final String OPERATOR_PASSWORD = "operator-test-password";
    /** Only for the throttling test: locked out for 15 minutes by it. */
    public static final String THROTTLED = "throttled";
    public static final String THROTTLED_PASSWORD = "throttled-test-password";
    /** admin's password as HUB_ADMIN_PASSWORD would give it (its property equivalent). */
    public static final String ADMIN_PASSWORD = "admin-test-password";
    /** The Authorization header the test helpers send to /api/** and /actuator/** (operator and admin). */
    public static final String BASIC = basic(TESTER, TESTER_PASSWORD);
    private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder(4);

    private TestUsers() {
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The users, admin's password and the data folder of a test hub. */
    public static void register(DynamicPropertyRegistry r, Path data) {
        r.add("hub.security.data-dir", data::toString);
        r.add("hub.security.admin-password", () -> ADMIN_PASSWORD);
        user(r, TESTER, TESTER_PASSWORD, "operator,admin");
        user(r, VIEWER, VIEWER_PASSWORD, "viewer");
        user(r, OPERATOR, OPERATOR_PASSWORD, "operator");
        user(r, THROTTLED, THROTTLED_PASSWORD, "viewer");
        // every test runs from 127.0.0.1: the per-address limit is unit-tested (LoginThrottleTest), the per-user one here
        r.add("hub.security.throttle.max-failures-per-address", () -> "100000");
    }

    private static void user(DynamicPropertyRegistry r, String name, String password, String roles) {
        String hash = "{bcrypt}" + BCRYPT.encode(password);
        r.add("hub.security.users." + name + ".password-hash", () -> hash);
        r.add("hub.security.users." + name + ".roles", () -> roles);
    }
}
