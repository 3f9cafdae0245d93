package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult.Kind;

/** The circuit of one target: when it opens, what a probe is, what closes it, what it wakes and how it caps retries. */
class PartnerCircuitsTest {
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final List<String> woken = new ArrayList<>();

    PartnerCircuits circuits(int threshold, Duration open) {
        CircuitSettings s = new CircuitSettings();
        s.setFailureThreshold(threshold);
        s.setOpenDuration(open);
        s.setHealthyMaxDelay(Duration.ofSeconds(10));
        return new PartnerCircuits(t -> s, Clock.systemUTC(), meters, woken::add);
    }

    void attempt(PartnerCircuits c, Kind kind) {
        assertThat(c.gate("dvcqg").permitted()).as("permitted").isTrue();
        c.record("dvcqg", kind, false, 5);
    }

    double gauge() {
        return meters.get("hub.partner.circuit.state").tag("target", "dvcqg").gauge().value();
    }

    @Test
    void aTransientFailureAfterTheTargetTookPartOfTheAttemptIsTheTargetAnswering() {
        PartnerCircuits c = circuits(5, Duration.ofSeconds(30));
        // a three-call delivery at 30 % 503s per call: the dossier stored, then a progress chunk refused — many times
        for (int i = 0; i < 20; i++) {
            assertThat(c.gate("dvcqg").permitted()).isTrue();
            c.record("dvcqg", Kind.TRANSIENT, false, true, 5);
        }
        assertThat(c.label("dvcqg")).isEqualTo("closed");
        // without progress the same failures are a target that does not answer
        for (int i = 0; i < 5; i++) {
            attempt(c, Kind.TRANSIENT);
        }
        assertThat(c.label("dvcqg")).isEqualTo("open");
    }

    @Test
    void opensAfterTheThresholdOfTransientFailuresInARowOnly() {
        PartnerCircuits c = circuits(5, Duration.ofSeconds(30));
        for (int i = 0; i < 4; i++) {
            attempt(c, Kind.TRANSIENT);
        }
        attempt(c, Kind.DELIVERED); // a success breaks the run
        for (int i = 0; i < 4; i++) {
            attempt(c, Kind.TRANSIENT);
        }
        // a business rejection is the target answering: it breaks the run too
        attempt(c, Kind.PERMANENT);
        for (int i = 0; i < 4; i++) {
            attempt(c, Kind.TRANSIENT);
        }
        assertThat(c.label("dvcqg")).isEqualTo("closed");
        assertThat(gauge()).isZero();
        attempt(c, Kind.TRANSIENT);
        assertThat(c.label("dvcqg")).isEqualTo("open");
        assertThat(gauge()).isEqualTo(2);
        assertThat(meters.get("hub.partner.circuit.opens").tag("target", "dvcqg").counter().count()).isEqualTo(1);
        // while open nothing goes out; the delivery is deferred to after the open interval
        Instant now = Instant.now();
        PartnerCircuits.Gate g = c.gate("dvcqg");
        assertThat(g.permitted()).isFalse();
        assertThat(g.deferUntil()).isAfter(now.plusSeconds(29)).isBefore(now.plusSeconds(61));
    }

    @Test
    void aHubFaultIsNotTheTargetsFailure() {
        PartnerCircuits c = circuits(2, Duration.ofSeconds(30));
        for (int i = 0; i < 5; i++) {
            assertThat(c.gate("dvcqg").permitted()).isTrue();
            c.record("dvcqg", Kind.TRANSIENT, true, 1);
        }
        assertThat(c.label("dvcqg")).isEqualTo("closed");
    }

    @Test
    void afterTheOpenIntervalOneProbeAtATimeASuccessClosesAndWakesTheTarget() throws Exception {
        PartnerCircuits c = circuits(3, Duration.ofMillis(200));
        for (int i = 0; i < 3; i++) {
            attempt(c, Kind.TRANSIENT);
        }
        assertThat(c.gate("dvcqg").permitted()).isFalse();
        Thread.sleep(250);
        // the probe fails: open again, nothing woken
        assertThat(c.gate("dvcqg").permitted()).as("the probe").isTrue();
        assertThat(c.label("dvcqg")).isEqualTo("half-open");
        assertThat(gauge()).isEqualTo(1);
        assertThat(c.gate("dvcqg").permitted()).as("a second call while the probe is out").isFalse();
        c.record("dvcqg", Kind.TRANSIENT, false, 5);
        assertThat(c.label("dvcqg")).isEqualTo("open");
        assertThat(c.gate("dvcqg").permitted()).isFalse();
        assertThat(woken).isEmpty();
        Thread.sleep(250);
        assertThat(c.gate("dvcqg").permitted()).as("the next probe").isTrue();
        assertThat(c.gate("dvcqg").permitted()).isFalse();
        c.record("dvcqg", Kind.DELIVERED, false, 5);
        assertThat(c.label("dvcqg")).isEqualTo("closed");
        assertThat(woken).containsExactly("dvcqg");
        assertThat(meters.get("hub.partner.circuit.opens").tag("target", "dvcqg").counter().count()).isEqualTo(2);
        for (int i = 0; i < 10; i++) {
            attempt(c, Kind.DELIVERED);
        }
        assertThat(woken).as("woken once, when it became healthy").containsExactly("dvcqg");
    }

    @Test
    void whileTheCircuitIsClosedATransientFailureIsRetriedSoonWhileOpenItBacksOff() {
        PartnerCircuits c = circuits(10, Duration.ofSeconds(30));
        RetrySettings retry = new RetrySettings(); // 5 s × 2 up to 10 min
        for (int i = 0; i < 19; i++) {
            attempt(c, i % 10 < 3 ? Kind.TRANSIENT : Kind.DELIVERED); // 30 % fail
        }
        for (int i = 0; i < 9; i++) {
            attempt(c, Kind.TRANSIENT); // one call of the last ten answered: still closed
        }
        assertThat(c.label("dvcqg")).isEqualTo("closed");
        RetrySettings healthy = c.retryFor("dvcqg", retry);
        assertThat(healthy.getMaxDelay()).isEqualTo(Duration.ofSeconds(10));
        assertThat(RetryPolicy.delay(healthy, 7, new java.util.Random(1))).isLessThanOrEqualTo(Duration.ofSeconds(12));
        // sooner, not fewer in time: as many attempts as fit in the policy's own budget
        assertThat(healthy.getMaxAttempts()).isGreaterThan(retry.getMaxAttempts());
        assertThat(RetryPolicy.budget(healthy)).isGreaterThanOrEqualTo(RetryPolicy.budget(retry));
        assertThat(healthy.getInitialDelay()).isEqualTo(retry.getInitialDelay());
        attempt(c, Kind.TRANSIENT);
        assertThat(c.label("dvcqg")).isEqualTo("open");
        assertThat(c.retryFor("dvcqg", retry)).isSameAs(retry);
        assertThat(woken).isEmpty();
    }
}
