package vn.tthc.hub.backfill;

import java.time.Duration;
import java.time.Instant;

/**
 * One back-fill job as stored: what it syncs (source, target, submission range), where it is
 * (state, read position) and how far it got. {@code total} is the number of records the source
 * listed for the scan when it started (records changed since the range's start, an upper bound of
 * what is in range); {@code scanned} counts records read, {@code synced} those in range that the hub
 * now holds (stored, or already there unchanged), {@code refused} those in range it quarantined.
 */
public record BackfillJob(long id, String source, String target, Instant from, Instant to, String state, Instant cursorUpdated,
                          String cursorCode, Long total, long scanned, long synced, long refused, Instant createdAt,
                          Instant startedAt, Instant updatedAt, Instant finishedAt, String lastError) {

    /** Records read per second since the job started (0 before its first step). */
    public double ratePerSecond(Instant now) {
        if (startedAt == null || scanned == 0) {
            return 0;
        }
        Instant end = finishedAt != null ? finishedAt : now;
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        return scanned / seconds;
    }

    /** Seconds left at the current rate, or null when unknown (no rate yet, no total, or finished). */
    public Long etaSeconds(Instant now) {
        double rate = ratePerSecond(now);
        if (total == null || rate <= 0 || !"RUNNING".equals(state)) {
            return null;
        }
        return (long) Math.ceil(Math.max(0, total - scanned) / rate);
    }
}
