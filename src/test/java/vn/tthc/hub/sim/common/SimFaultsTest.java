package vn.tthc.hub.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.sim.common.SimFaults.FaultDecision;

/** Checks the fault knobs: decision bands, rates, validation of keys and values, reset and latency. */
class SimFaultsTest {

    /** A generator that always returns the same double, to pin the decision bands. */
    private static RandomGenerator fixed(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void noKnobsMeansNoFault() {
        SimFaults faults = new SimFaults();
        assertThat(faults.decide()).isEqualTo(FaultDecision.NONE);
        assertThat(faults.snapshot()).containsEntry("errorRate", 0.0).containsEntry("hangMs", 0L);
    }

    @Test
    void ratesAreBandsOfOneDraw() {
        SimFaults faults = new SimFaults();
        faults.update(Map.of("errorRate", 0.1, "hangRate", 0.2, "dropAfterApplyRate", 0.3));
        assertThat(faults.decide(fixed(0.05))).isEqualTo(FaultDecision.ERROR);
        assertThat(faults.decide(fixed(0.15))).isEqualTo(FaultDecision.HANG);
        assertThat(faults.decide(fixed(0.45))).isEqualTo(FaultDecision.DROP_AFTER_APPLY);
        assertThat(faults.decide(fixed(0.65))).isEqualTo(FaultDecision.NONE);
    }

    @Test
    void shareOfErrorsFollowsTheRate() {
        SimFaults faults = new SimFaults();
        faults.update(Map.of("errorRate", 0.25));
        Map<FaultDecision, Integer> counts = new EnumMap<>(FaultDecision.class);
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 10_000; i++) {
            counts.merge(faults.decide(random), 1, Integer::sum);
        }
        assertThat(counts.get(FaultDecision.ERROR)).isBetween(2300, 2700);
        assertThat(counts).doesNotContainKeys(FaultDecision.HANG, FaultDecision.DROP_AFTER_APPLY);
    }

    @Test
    void unknownKeyIsRejectedByName() {
        SimFaults faults = new SimFaults();
        Map<String, Object> bad = new HashMap<>();
        bad.put("errorRate", 0.5);
        bad.put("eror", 1);
        assertThatThrownBy(() -> faults.update(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("eror");
        // all or nothing: the valid key of the rejected update was not applied
        assertThat(faults.snapshot()).containsEntry("errorRate", 0.0);
    }

    @Test
    void badValuesAreRejectedByName() {
        SimFaults faults = new SimFaults();
        assertThatThrownBy(() -> faults.update(Map.of("errorRate", 1.5))).hasMessageContaining("errorRate");
        assertThatThrownBy(() -> faults.update(Map.of("hangRate", "0.5"))).hasMessageContaining("hangRate");
        assertThatThrownBy(() -> faults.update(Map.of("latencyMs", -1))).hasMessageContaining("latencyMs");
        assertThatThrownBy(() -> faults.update(Map.of("hangMs", 1.5))).hasMessageContaining("hangMs");
        assertThatThrownBy(() -> faults.validate(Map.of("x", 1))).hasMessageContaining("x");
    }

    @Test
    void zeroOrNullClearsAKnobAndResetClearsAll() {
        SimFaults faults = new SimFaults();
        faults.update(Map.of("errorRate", 1, "latencyMs", 5, "hangMs", 7));
        assertThat(faults.decide()).isEqualTo(FaultDecision.ERROR);
        faults.update(Map.of("errorRate", 0));
        assertThat(faults.decide()).isEqualTo(FaultDecision.NONE);
        assertThat(faults.latencyMs()).isEqualTo(5);
        Map<String, Object> clear = new HashMap<>();
        clear.put("latencyMs", null);
        faults.update(clear);
        assertThat(faults.latencyMs()).isZero();
        faults.reset();
        assertThat(faults.hangMs()).isZero();
    }

    @Test
    void sleepLatencyWaitsTheConfiguredDelay() {
        SimFaults faults = new SimFaults();
        faults.update(Map.of("latencyMs", 60));
        long start = System.nanoTime();
        faults.sleepLatency();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(55);
    }
}
