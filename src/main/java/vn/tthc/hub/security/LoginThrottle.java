package vn.tthc.hub.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses sign-in attempts for a user name, or from an address, that failed too often: after
 * {@code maxFailures} failures within {@code window}, every further attempt is refused (even with
 * the right password) until the oldest of those failures leaves the window. Refused attempts are not
 * counted, so a refusal never extends itself. Kept in memory (per hub instance): a restart forgets.
 */
public class LoginThrottle {
    /** Most keys kept; beyond it the expired ones are dropped first. */
    static final int MAX_KEYS = 100_000;
    private final Clock clock;
    private final Duration window;
    private final int maxPerUser;
    private final int maxPerAddress;
    private final Map<String, Deque<Instant>> failures = new HashMap<>();

    public LoginThrottle(Clock clock, Duration window, int maxPerUser, int maxPerAddress) {
        if (window.isNegative() || window.isZero() || maxPerUser < 1 || maxPerAddress < 1) {
            throw new IllegalArgumentException("login throttle needs a positive window and limits");
        }
        this.clock = clock;
        this.window = window;
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
    }

    /** Whether an attempt for this user name from this address must be refused now (either may be null). */
    public synchronized boolean refused(String username, String address) {
        Instant now = clock.instant();
        return count(userKey(username), now) >= maxPerUser || count(addressKey(address), now) >= maxPerAddress;
    }

    /** How long until an attempt for this user and address is accepted again (zero when it is now). */
    public synchronized Duration retryAfter(String username, String address) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String[] k : new String[][] {{userKey(username), String.valueOf(maxPerUser)}, {addressKey(address), String.valueOf(maxPerAddress)}}) {
            int max = Integer.parseInt(k[1]);
            Deque<Instant> q = k[0] == null ? null : failures.get(k[0]);
            if (q != null && count(k[0], now) >= max) {
                // the attempt is accepted again when the failures within the window drop below the limit
                Instant[] times = q.toArray(Instant[]::new);
                Instant freeAt = times[times.length - max].plus(window);
                Duration d = Duration.between(now, freeAt);
                if (d.compareTo(wait) > 0) {
                    wait = d;
                }
            }
        }
        return wait;
    }

    /** Counts one failed attempt against the user name and the address. */
    public synchronized void failed(String username, String address) {
        Instant now = clock.instant();
        if (failures.size() >= MAX_KEYS) {
            prune(now);
        }
        for (String key : new String[] {userKey(username), addressKey(address)}) {
            if (key != null) {
                failures.computeIfAbsent(key, k -> new ArrayDeque<>()).addLast(now);
                count(key, now);
            }
        }
    }

    /** A successful sign-in clears the user name's failures (not the address's). */
    public synchronized void succeeded(String username) {
        String key = userKey(username);
        if (key != null) {
            failures.remove(key);
        }
    }

    private int count(String key, Instant now) {
        if (key == null) {
            return 0;
        }
        Deque<Instant> q = failures.get(key);
        if (q == null) {
            return 0;
        }
        Instant oldest = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(oldest)) {
            q.removeFirst();
        }
        if (q.isEmpty()) {
            failures.remove(key);
            return 0;
        }
        return q.size();
    }

    private void prune(Instant now) {
        for (Iterator<String> it = failures.keySet().iterator(); it.hasNext();) {
            Deque<Instant> q = failures.get(it.next());
            if (q.isEmpty() || !q.peekLast().isAfter(now.minus(window))) {
                it.remove();
            }
        }
        // still full of live keys (an attack from many addresses): drop everything rather than grow without bound
        if (failures.size() >= MAX_KEYS) {
            failures.clear();
        }
    }

    private static String userKey(String username) {
        return username == null || username.isBlank() ? null : "u:" + username.trim().toLowerCase(Locale.ROOT);
    }

    private static String addressKey(String address) {
        return address == null || address.isBlank() ? null : "a:" + address;
    }
}
