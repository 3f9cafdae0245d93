package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** The backoff schedule, its time budget, and the capped schedule of a healthy partner keeping that budget. */
class RetryPolicyTest {

    @Test
    void theDefaultPolicysBudgetIsItsWaitsBeforeTheLastAttempt() {
        // 5, 10, 20, 40, 80, 160, 320 s, then 7 × 600 s: 14 waits before the 15th attempt
        assertThat(RetryPolicy.budget(new RetrySettings())).isEqualTo(Duration.ofSeconds(635 + 7 * 600));
    }

    @Test
    void aCappedScheduleRetriesSoonerButGivesUpNoSooner() {
        RetrySettings own = new RetrySettings();
        RetrySettings capped = RetryPolicy.capped(own, Duration.ofSeconds(5));
        assertThat(capped.getMaxDelay()).isEqualTo(Duration.ofSeconds(5));
        // at 5 s a wait, the 4 835 s of the default budget take 967 waits: 968 attempts (15 would be 75 s)
        assertThat(capped.getMaxAttempts()).isEqualTo(968);
        assertThat(RetryPolicy.budget(capped)).isGreaterThanOrEqualTo(RetryPolicy.budget(own));
        assertThat(RetryPolicy.delay(capped, 30, RandomGenerator.of("L64X128MixRandom"))).isLessThanOrEqualTo(Duration.ofSeconds(6));
        assertThat(RetryPolicy.exhausted(capped, 15)).as("15 unlucky attempts at a partner answering most calls").isFalse();
    }

    @Test
    void aCapAboveThePolicysWaitsChangesNothingButTheCapAndTheBudgetIsBounded() {
        RetrySettings quick = new RetrySettings();
        quick.setInitialDelay(Duration.ofMillis(100));
        quick.setMaxDelay(Duration.ofSeconds(1));
        quick.setMaxAttempts(30);
        assertThat(RetryPolicy.capped(quick, Duration.ofSeconds(5)).getMaxAttempts()).isEqualTo(30);
        RetrySettings huge = new RetrySettings();
        huge.setMaxAttempts(100_000);
        assertThat(RetryPolicy.capped(huge, Duration.ofMillis(1)).getMaxAttempts()).isEqualTo(100_000);
        assertThat(RetryPolicy.capped(new RetrySettings(), Duration.ofMillis(10)).getMaxAttempts()).isEqualTo(RetryPolicy.MAX_CAPPED_ATTEMPTS);
    }
}
