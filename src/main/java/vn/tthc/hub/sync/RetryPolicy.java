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

    public static boolean exhausted(RetrySettings r, int attempts) {
        return attempts >= r.getMaxAttempts();
    }
}
