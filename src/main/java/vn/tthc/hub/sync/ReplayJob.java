package vn.tthc.hub.sync;

import java.time.Instant;
import java.util.Map;

/**
 * One bulk replay as stored. {@code total}: the dead letters its filter matched at the dry run; {@code wouldSkip}: how
 * many of them were superseded then (a later version already delivered); {@code byTarget} / {@code byProcedure}: the
 * dry run's counts, each {@code [to replay, superseded]}. The counters say how far it got: replayed, skipped as
 * superseded, failed (changed meanwhile: replayed or discarded by someone else).
 */
public record ReplayJob(long id, DeadLetterFilter filter, String state, int ratePerSecond, long total, long wouldSkip,
                        Map<String, long[]> byTarget, Map<String, long[]> byProcedure, long maxId, long cursorId, long replayed,
                        long skippedSuperseded, long failed, String createdBy, Instant createdAt, Instant startedAt, Instant updatedAt,
                        Instant finishedAt, String lastError) {
    public static final String DRY_RUN = "DRY_RUN";
    public static final String RUNNING = "RUNNING";
    public static final String PAUSED = "PAUSED";
    public static final String CANCELLED = "CANCELLED";
    public static final String DONE = "DONE";

    /** Dead letters handled so far (replayed, skipped or failed). */
    public long processed() {
        return replayed + skippedSuperseded + failed;
    }

    /** Progress in percent (100 when done, 0 for an empty dry run not started). */
    public int percent() {
        if (DONE.equals(state)) {
            return 100;
        }
        return total <= 0 ? 0 : (int) Math.min(100, processed() * 100 / total);
    }

    public boolean finished() {
        return DONE.equals(state) || CANCELLED.equals(state);
    }
}
