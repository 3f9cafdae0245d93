package vn.tthc.hub.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;
import vn.tthc.hub.sync.DeliveryService.Outcome;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;

/**
 * Decides where one delivery goes next — skipped as a duplicate, deferred behind an earlier version,
 * or, after an attempt, delivered, failed with its retry time, or dead — from its state, the attempt's
 * result and the target's retry policy, without touching the store.
 */
public final class DeliveryDecision {
    /** The longest a deferred delivery waits before it looks at its predecessor again, however late that one is due. */
    static final Duration MAX_DEFER = Duration.ofSeconds(60);

    private DeliveryDecision() {
    }

    /** The state to record after an attempt, when to try again (FAILED only, else null), the error to keep, and the outcome. */
    public record Next(DeliveryState state, Instant nextAttempt, String error, Outcome outcome) {
    }

    /**
     * A closed delivery named by a message again (a re-sent or stale re-published message) is a duplicate: never attempted
     * again. DEAD is closed until a person replays it (back to PENDING through the outbox); DISCARDED for good.
     */
    public static boolean closed(DeliveryState state) {
        return state == DeliveryState.DELIVERED || state == DeliveryState.DEAD || state == DeliveryState.DISCARDED;
    }

    /**
     * When a delivery waiting for an earlier version of its dossier is next due: a little after that version is
     * next due itself (and never before {@code deferDelay} from now, so a due predecessor gets its turn first), but
     * within {@link #MAX_DEFER}: a predecessor can close long before its own next due time.
     */
    public static Instant deferredUntil(Instant now, Instant predecessorDue, Duration deferDelay) {
        Instant at = later(now.plus(deferDelay), predecessorDue.plus(deferDelay));
        return earlier(at, now.plus(MAX_DEFER));
    }

    /**
     * After an attempt.
     *
     * @param kind     the adapter's result
     * @param attempts attempts made, this one included
     * @param error    the attempt's error (already masked), or null
     * @param now      when the attempt ended
     * @param random   the jitter's source
     */
    public static Next next(AdapterResult.Kind kind, int attempts, String error, RetrySettings retry, Instant now, RandomGenerator random) {
        return switch (kind) {
            case DELIVERED -> new Next(DeliveryState.DELIVERED, null, error, Outcome.DELIVERED);
            // the target refused this version for good: retrying cannot change its answer
            case PERMANENT -> new Next(DeliveryState.DEAD, null, error, Outcome.DEAD);
            case TRANSIENT -> RetryPolicy.exhausted(retry, attempts)
                    ? new Next(DeliveryState.DEAD, null, "retries exhausted after " + attempts + " attempts; last error: " + error, Outcome.DEAD)
                    : new Next(DeliveryState.FAILED, now.plus(RetryPolicy.delay(retry, attempts, random)), error, Outcome.FAILED);
        };
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
