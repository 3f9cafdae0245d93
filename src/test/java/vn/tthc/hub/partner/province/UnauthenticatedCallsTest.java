package vn.tthc.hub.partner.province;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;

/** A sender's unauthenticated calls: logged once per window with a summary of the rest, throttled past the allowance. */
class UnauthenticatedCallsTest {
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T01:00:00Z"));
    final UnauthenticatedCalls calls = new UnauthenticatedCalls(clock, 3);

    @Test
    void theFirstRefusalOfAWindowIsLoggedAndTheRestSummarisedInTheNext() {
        assertThat(calls.record("10.0.0.9", "wrong-signature")).isZero();
        assertThat(calls.record("10.0.0.9", "wrong-signature")).isEqualTo(-1);
        assertThat(calls.record("10.0.0.9", "missing-signature")).isEqualTo(-1);
        assertThat(calls.record("127.0.0.7", "missing-signature")).as("another sender has its own window").isZero();
        clock.advance(Duration.ofSeconds(61));
        assertThat(calls.record("10.0.0.9", "wrong-signature")).as("2 not logged in the previous minute").isEqualTo(2);
    }

    @Test
    void aSenderOverItsAllowanceIsThrottledUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(calls.overAllowance("10.0.0.9")).isFalse();
            calls.record("10.0.0.9", "wrong-signature");
        }
        assertThat(calls.overAllowance("10.0.0.9")).isTrue();
        assertThat(calls.overAllowance("10.0.0.10")).isFalse();
        clock.advance(Duration.ofSeconds(61));
        assertThat(calls.overAllowance("10.0.0.9")).isFalse();
    }

    @Test
    void totalsCountEveryReason() {
        calls.record("a", "wrong-signature");
        calls.record("a", "wrong-signature");
        calls.record("b", "missing-signature");
        Map<String, Object> t = calls.totals();
        assertThat(t.get("total")).isEqualTo(3L);
        assertThat(t.get("byReason")).isEqualTo(Map.of("missing-signature", 1L, "wrong-signature", 2L));
        assertThat(t.get("lastSender")).isEqualTo("b");
    }
}
