package vn.tthc.hub.sim.dvcqg;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions issued by the simulated portal's login: random opaque tokens valid for a fixed time
 * from login (the real lifetime is unknown; absolute expiry is <b>assumed</b>, the stricter case
 * for the client, which must re-login once and retry).
 */
final class DvcqgSessions {

    private static final int PURGE_THRESHOLD = 1024;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final ConcurrentHashMap<String, Long> expiries = new ConcurrentHashMap<>();

    DvcqgSessions(Clock clock) {
        this.clock = clock;
    }

    /** Issues a new session valid for {@code ttlMillis}. */
    String issue(long ttlMillis) {
        long now = clock.millis();
        if (expiries.size() >= PURGE_THRESHOLD) {
            expiries.values().removeIf(expiry -> expiry <= now);
        }
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        expiries.put(token, now + ttlMillis);
        return token;
    }

    /** Whether {@code token} was issued and has not expired; an expired token is forgotten. */
    boolean isValid(String token) {
        if (token == null) {
            return false;
        }
        Long expiry = expiries.get(token);
        if (expiry == null) {
            return false;
        }
        if (expiry <= clock.millis()) {
            expiries.remove(token, expiry);
            return false;
        }
        return true;
    }

    /** How many sessions are currently held (expired ones included until purged). */
    int size() {
        return expiries.size();
    }

    void clear() {
        expiries.clear();
    }
}
