package vn.tthc.hub.sim.common;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Thread-safe fault knobs of a simulator (error share, added latency, hangs, apply-then-drop),
 * updated from a JSON map and consulted once per call through {@link #decide()}.
 *
 * <p>Knobs (all optional; a {@code null} or {@code 0} value clears a knob):
 * <ul>
 *   <li>{@code errorRate} 0..1: share of calls answered HTTP 503 before any effect;</li>
 *   <li>{@code latencyMs} &ge; 0: delay added to every call that is not an error;</li>
 *   <li>{@code hangRate} 0..1 and {@code hangMs} &ge; 0: share of calls that sleep {@code hangMs}
 *       before any effect and then answer 504;</li>
 *   <li>{@code dropAfterApplyRate} 0..1: share of calls that apply the change, then sleep
 *       {@code hangMs} before answering (the response is lost to a client with a shorter timeout).</li>
 * </ul>
 * The three rates are shares of one draw, taken in the order error, hang, drop-after-apply: with
 * errorRate 0.1 and hangRate 0.05, 10 % of calls fail and a further 5 % hang (a sum above 1 is
 * capped). The state is one immutable snapshot swapped atomically, so the hot path never locks.
 */
public final class SimFaults implements SimKnobs {

    /** What a single call should suffer. */
    public enum FaultDecision { NONE, ERROR, REJECT, HANG, DROP_AFTER_APPLY }

    public static final String ERROR_RATE = "errorRate";
    public static final String LATENCY_MS = "latencyMs";
    public static final String HANG_RATE = "hangRate";
    public static final String HANG_MS = "hangMs";
    public static final String DROP_AFTER_APPLY_RATE = "dropAfterApplyRate";
    /** Share of calls refused with a permanent business rejection (4xx or the partner's error code) before any effect. */
    public static final String REJECT_RATE = "rejectRate";

    /** The knob names this class owns; a simulator with extra knobs routes the others elsewhere. */
    public static final Set<String> KNOBS = Set.of(ERROR_RATE, LATENCY_MS, HANG_RATE, HANG_MS, DROP_AFTER_APPLY_RATE, REJECT_RATE);

    /** Upper bound for the delays, so that a typo cannot park request threads for hours. */
    public static final long MAX_DELAY_MS = 600_000L;

    private record Knobs(double errorRate, long latencyMs, double hangRate, long hangMs, double dropAfterApplyRate,
                         double rejectRate) {
        static final Knobs NONE = new Knobs(0, 0, 0, 0, 0, 0);
    }

    private volatile Knobs knobs = Knobs.NONE;

    /** Whether {@code key} is one of this class's knobs. */
    public static boolean isKnob(String key) {
        return KNOBS.contains(key);
    }

    /**
     * Applies the given knobs on top of the current ones, all or nothing.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     */
    @Override
    public synchronized void update(Map<String, Object> changes) {
        Knobs k = knobs;
        double errorRate = k.errorRate();
        long latencyMs = k.latencyMs();
        double hangRate = k.hangRate();
        long hangMs = k.hangMs();
        double dropRate = k.dropAfterApplyRate();
        double rejectRate = k.rejectRate();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            switch (key) {
                case ERROR_RATE -> errorRate = rate(key, value);
                case LATENCY_MS -> latencyMs = delay(key, value);
                case HANG_RATE -> hangRate = rate(key, value);
                case HANG_MS -> hangMs = delay(key, value);
                case DROP_AFTER_APPLY_RATE -> dropRate = rate(key, value);
                case REJECT_RATE -> rejectRate = rate(key, value);
                default -> throw new IllegalArgumentException("unknown fault knob: " + key);
            }
        }
        knobs = new Knobs(errorRate, latencyMs, hangRate, hangMs, dropRate, rejectRate);
    }

    /** Checks the given knobs without applying them (same errors as {@link #update(Map)}). */
    public void validate(Map<String, Object> changes) {
        new SimFaults().update(changes);
    }

    /** The current knobs, in a stable order. */
    @Override
    public Map<String, Object> snapshot() {
        Knobs k = knobs;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(ERROR_RATE, k.errorRate());
        m.put(LATENCY_MS, k.latencyMs());
        m.put(HANG_RATE, k.hangRate());
        m.put(HANG_MS, k.hangMs());
        m.put(DROP_AFTER_APPLY_RATE, k.dropAfterApplyRate());
        m.put(REJECT_RATE, k.rejectRate());
        return m;
    }

    /** Clears every knob. */
    @Override
    public void reset() {
        knobs = Knobs.NONE;
    }

    /** Decides the fault of one call with the thread-local random generator. */
    public FaultDecision decide() {
        return decide(ThreadLocalRandom.current());
    }

    /** Decides the fault of one call with the given generator (one draw). */
    public FaultDecision decide(RandomGenerator random) {
        Knobs k = knobs;
        if (k.errorRate() <= 0 && k.rejectRate() <= 0 && k.hangRate() <= 0 && k.dropAfterApplyRate() <= 0) {
            return FaultDecision.NONE;
        }
        double r = random.nextDouble();
        double bound = k.errorRate();
        if (r < bound) {
            return FaultDecision.ERROR;
        }
        bound += k.rejectRate();
        if (r < bound) {
            return FaultDecision.REJECT;
        }
        bound += k.hangRate();
        if (r < bound) {
            return FaultDecision.HANG;
        }
        bound += k.dropAfterApplyRate();
        if (r < bound) {
            return FaultDecision.DROP_AFTER_APPLY;
        }
        return FaultDecision.NONE;
    }

    public long latencyMs() {
        return knobs.latencyMs();
    }

    public long hangMs() {
        return knobs.hangMs();
    }

    /** Sleeps the configured added latency (no-op at 0); keeps the interrupt flag if interrupted. */
    public void sleepLatency() {
        sleep(knobs.latencyMs());
    }

    /** Sleeps {@code hangMs} (used for HANG and DROP_AFTER_APPLY); keeps the interrupt flag if interrupted. */
    public void sleepHang() {
        sleep(knobs.hangMs());
    }

    private static void sleep(long ms) {
        if (ms <= 0) {
            return;
        }
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double rate(String key, Object value) {
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException(key + ": must be a number between 0 and 1");
        }
        double d = n.doubleValue();
        if (Double.isNaN(d) || d < 0 || d > 1) {
            throw new IllegalArgumentException(key + ": must be a number between 0 and 1");
        }
        return d;
    }

    private static long delay(String key, Object value) {
        if (value == null) {
            return 0;
        }
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException(key + ": must be a whole number of milliseconds");
        }
        long ms = n.longValue();
        if (ms < 0 || ms > MAX_DELAY_MS) {
            throw new IllegalArgumentException(key + ": must be between 0 and " + MAX_DELAY_MS);
        }
        return ms;
    }
}
