package vn.tthc.hub.sync;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with jitter: initial × multiplier^(n−1), capped, then spread by ±jitter. */
public final class RetryPolicy {
    private RetryPolicy() {
    }

    /** Delay before retry number {@code failedAttempts} (1 after the first failure). */
    public static Duration delay(RetrySettings r, int failedAttempts, RandomGenerator random) {
        double base = r.getInitialDelay().toMillis() * Math.pow(r.getMultiplier(), Math.max(0, failedAttempts - 1));
        double capped = Math.min(base, r.getMaxDelay().toMillis());
        double spread = 1 - r.getJitter() + 2 * r.getJitter() * random.nextDouble();
        return Duration.ofMillis(Math.max(1, Math.round(capped * spread)));
    }

    /** How long the schedule waits in all before its last attempt (without jitter): the policy's time budget. */
    public static Duration budget(RetrySettings r) {
        double total = 0;
        for (int n = 1; n < r.getMaxAttempts(); n++) {
            total += Math.min(r.getInitialDelay().toMillis() * Math.pow(r.getMultiplier(), n - 1), r.getMaxDelay().toMillis());
        }
        return Duration.ofMillis(Math.round(total));
    }

    /**
     * The same policy with its waits capped at {@code cap}, and as many attempts as fit in the original policy's time
     * budget (at least its own number, at most {@code MAX_CAPPED_ATTEMPTS}): retrying sooner must not make a delivery
     * give up sooner.
     */
    public static RetrySettings capped(RetrySettings r, Duration cap) {
        RetrySettings c = new RetrySettings();
        c.setInitialDelay(r.getInitialDelay());
        c.setMultiplier(r.getMultiplier());
        c.setJitter(r.getJitter());
        c.setMaxDelay(cap);
        long budget = budget(r).toMillis();
        int attempts = 1;
        double waited = 0;
        while (waited < budget && attempts < MAX_CAPPED_ATTEMPTS) {
            waited += Math.min(r.getInitialDelay().toMillis() * Math.pow(r.getMultiplier(), attempts - 1), cap.toMillis());
            attempts++;
        }
        c.setMaxAttempts(Math.max(r.getMaxAttempts(), attempts));
        return c;
    }

    /** Bound of {@link #capped}'s attempts (about 80 minutes at 5 s for the default policy's budget). */
    static final int MAX_CAPPED_ATTEMPTS = 2_000;

    public static boolean exhausted(RetrySettings r, int attempts) {
        return attempts >= r.getMaxAttempts();
    }
}
