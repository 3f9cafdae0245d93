package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import vn.tthc.hub.sync.DeliveryService.Outcome;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult.Kind;

/**
 * The delivery state machine, row by row: a closed delivery's message is a duplicate, a later version
 * waits behind an open earlier one, and an attempt's result with the attempts made and the retry policy
 * gives the new state, the next attempt time and the outcome.
 */
class DeliveryDecisionTest {
    static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");

    /** A jitter source that always draws {@code value}: 0 gives the shortest delay, 0.5 the base, just under 1 the longest. */
    static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException("only nextDouble is drawn");
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    /** The hub's defaults (15 attempts, 5 s, ×2, at most 10 min, ±20 %) with another budget. */
    static RetrySettings retry(int maxAttempts) {
        RetrySettings r = new RetrySettings();
        r.setMaxAttempts(maxAttempts);
        return r;
    }

    @ParameterizedTest(name = "{0} on attempt {1} of {2}, jitter draw {3} -> {4} {5} (retry after {6} ms)")
    @CsvSource(nullValues = "none", textBlock = """
            # kind,    attempt, budget, draw,  state,     outcome,   retry after (ms)
              DELIVERED, 1,     15,     0.5,   DELIVERED, DELIVERED, none
              DELIVERED, 15,    15,     0.5,   DELIVERED, DELIVERED, none
              PERMANENT, 1,     15,     0.5,   DEAD,      DEAD,      none
              PERMANENT, 14,    15,     0.5,   DEAD,      DEAD,      none
              TRANSIENT, 1,     15,     0.5,   FAILED,    FAILED,    5000
              TRANSIENT, 1,     15,     0.0,   FAILED,    FAILED,    4000
              TRANSIENT, 1,     15,     0.999, FAILED,    FAILED,    5998
              TRANSIENT, 2,     15,     0.5,   FAILED,    FAILED,    10000
              TRANSIENT, 3,     15,     0.5,   FAILED,    FAILED,    20000
              TRANSIENT, 7,     15,     0.5,   FAILED,    FAILED,    320000
              TRANSIENT, 8,     15,     0.5,   FAILED,    FAILED,    600000
              TRANSIENT, 8,     15,     0.0,   FAILED,    FAILED,    480000
              TRANSIENT, 14,    15,     0.999, FAILED,    FAILED,    719760
              TRANSIENT, 15,    15,     0.5,   DEAD,      DEAD,      none
              TRANSIENT, 16,    15,     0.5,   DEAD,      DEAD,      none
              TRANSIENT, 1,     1,      0.5,   DEAD,      DEAD,      none
              TRANSIENT, 2,     3,      0.5,   FAILED,    FAILED,    10000
              TRANSIENT, 3,     3,      0.5,   DEAD,      DEAD,      none
            """)
    void anAttemptsResultGivesTheNextState(Kind kind, int attempts, int budget, double draw, DeliveryState state, Outcome outcome,
                                           Long retryAfterMs) {
        DeliveryDecision.Next next = DeliveryDecision.next(kind, attempts, "HTTP 503", retry(budget), NOW, fixed(draw));

        assertThat(next.state()).isEqualTo(state);
        assertThat(next.outcome()).isEqualTo(outcome);
        assertThat(next.nextAttempt()).isEqualTo(retryAfterMs == null ? null : NOW.plusMillis(retryAfterMs));
        // only running out of retries rewrites the error, so the dead-letter list says why a transient failure ended DEAD
        boolean exhausted = kind == Kind.TRANSIENT && state == DeliveryState.DEAD;
        assertThat(next.error()).isEqualTo(exhausted ? "retries exhausted after " + attempts + " attempts; last error: HTTP 503" : "HTTP 503");
    }

    @Test
    void aRetryWithRealJitterStaysWithinTwentyPercentOfItsBackoff() {
        RandomGenerator random = new SplittableRandom(7);
        IntStream.range(0, 2_000).forEach(i -> {
            int attempts = 1 + i % 14;
            long base = Math.min(5_000L << (attempts - 1), 600_000L);
            DeliveryDecision.Next next = DeliveryDecision.next(Kind.TRANSIENT, attempts, null, retry(15), NOW, random);
            assertThat(next.state()).isEqualTo(DeliveryState.FAILED);
            assertThat(Duration.between(NOW, next.nextAttempt()).toMillis()).as("attempt %d", attempts)
                    .isBetween(Math.round(base * 0.8), Math.round(base * 1.2));
        });
    }

    @ParameterizedTest
    @EnumSource(DeliveryState.class)
    void onlyAClosedDeliveryMakesItsMessageADuplicate(DeliveryState state) {
        boolean closed = state == DeliveryState.DELIVERED || state == DeliveryState.DEAD || state == DeliveryState.DISCARDED;
        assertThat(DeliveryDecision.closed(state)).isEqualTo(closed);
    }

    @ParameterizedTest(name = "predecessor due at now{0} s, defer delay {1} ms -> waits {2} ms")
    @CsvSource(textBlock = """
            # predecessor due (s from now), defer delay (ms), waits (ms)
              -600,                          1000,             1000
              0,                             1000,             1000
              0,                             250,              250
              5,                             1000,             6000
              30,                            5000,             35000
              59,                            1000,             60000
              600,                           1000,             60000
              -5,                            120000,           60000
            """)
    void aLaterVersionWaitsJustPastItsPredecessorButAtMostAMinute(long predecessorDueSeconds, long deferDelayMs, long waitsMs) {
        Instant at = DeliveryDecision.deferredUntil(NOW, NOW.plusSeconds(predecessorDueSeconds), Duration.ofMillis(deferDelayMs));

        assertThat(at).isEqualTo(NOW.plusMillis(waitsMs));
    }
}
