package vn.tthc.hub.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** At most N mails per recipient in any sliding hour, so a storm of incidents cannot flood an inbox. */
public final class RecipientThrottle {
    private static final Duration WINDOW = Duration.ofHours(1);
    private final Clock clock;
    private final int maxPerHour;
    private final Map<String, Deque<Instant>> sent = new HashMap<>();

    public RecipientThrottle(Clock clock, int maxPerHour) {
        this.clock = clock;
        this.maxPerHour = maxPerHour;
    }

    /** The recipients still allowed a mail now, each of them counted as having got one. */
    public synchronized List<String> admit(List<String> recipients) {
        Instant now = clock.instant();
        return recipients.stream().filter(r -> {
            Deque<Instant> times = sent.computeIfAbsent(r.toLowerCase(java.util.Locale.ROOT), k -> new ArrayDeque<>());
            while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
                times.pollFirst();
            }
            if (times.size() >= maxPerHour) {
                return false;
            }
            times.addLast(now);
            return true;
        }).toList();
    }
}
