package vn.tthc.hub.partner.province;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the webhook's unauthenticated calls per sender address in one-minute windows: tells when a
 * sender is over its allowance (answered 429 without reading), and when a refusal should be logged
 * (the first of each sender's window, then a summary of the rest), so that a flood neither fills
 * the log nor costs more than a counter. Nothing of such a call is stored.
 */
final class UnauthenticatedCalls {
    static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int MAX_SENDERS = 10_000;

    private final Clock clock;
    private final int perMinute;
    private final Map<String, Window> senders = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> byReason = new ConcurrentHashMap<>();
    private volatile Instant lastAt;
    private volatile String lastSender;

    UnauthenticatedCalls(Clock clock, int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** Whether the sender has used up its allowance in the current window (it is answered 429 unread). */
    boolean overAllowance(String sender) {
        Window w = senders.get(sender);
        return w != null && w.isCurrent(clock.instant()) && w.count >= perMinute;
    }

    /**
     * Records one unauthenticated call.
     *
     * @return what to log: the number of this sender's refusals not logged since the last line
     *         (0 for the first of a window), or -1 when nothing is to be logged now
     */
    long record(String sender, String reason) {
        Instant now = clock.instant();
        byReason.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
        lastAt = now;
        lastSender = sender;
        if (senders.size() > MAX_SENDERS) {
            senders.values().removeIf(w -> !w.isCurrent(now));
            if (senders.size() > MAX_SENDERS) {
                senders.clear(); // a spread-out flood: forget per-sender windows rather than grow without bound
            }
        }
        Window w = senders.compute(sender, (k, old) -> old == null || !old.isCurrent(now) ? new Window(now, old) : old);
        synchronized (w) {
            w.count++;
            if (w.count == 1) {
                long earlier = w.suppressedBefore;
                w.suppressedBefore = 0;
                return earlier;
            }
            w.suppressed++;
            return -1;
        }
    }

    /** Totals since start, by reason, with the last time and sender (for the API and the console). */
    Map<String, Object> totals() {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Long> reasons = new LinkedHashMap<>();
        new java.util.TreeMap<>(byReason).forEach((k, v) -> reasons.put(k, v.get()));
        m.put("total", reasons.values().stream().mapToLong(Long::longValue).sum());
        m.put("byReason", reasons);
        m.put("lastAt", lastAt);
        m.put("lastSender", lastSender);
        m.put("sendersOverAllowance", senders.values().stream().filter(w -> w.isCurrent(clock.instant()) && w.count >= perMinute).count());
        return m;
    }

    private static final class Window {
        final Instant start;
        int count;
        int suppressed;
        long suppressedBefore;

        Window(Instant start, Window previous) {
            this.start = start;
            this.suppressedBefore = previous == null ? 0 : previous.suppressed;
        }

        boolean isCurrent(Instant now) {
            return now.isBefore(start.plus(WINDOW));
        }
    }
}
