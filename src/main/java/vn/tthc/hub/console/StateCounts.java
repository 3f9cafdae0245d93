package vn.tthc.hub.console;

import java.util.Map;
import vn.tthc.hub.sync.DeliveryState;

/**
 * How many deliveries are in each {@link DeliveryState}; the components follow the enum's order
 * (the partners answer has always listed the states that way, and a test holds them together).
 */
public record StateCounts(long pending, long failed, long delivered, long dead, long discarded) {
    public static final StateCounts NONE = new StateCounts(0, 0, 0, 0, 0);

    /** Counts of the four states of the worker, none discarded. */
    public StateCounts(long pending, long failed, long delivered, long dead) {
        this(pending, failed, delivered, dead, 0);
    }

    /** From counts keyed by state name; a state without a count has none. */
    public static StateCounts of(Map<String, Long> byState) {
        return new StateCounts(byState.getOrDefault(DeliveryState.PENDING.name(), 0L),
                byState.getOrDefault(DeliveryState.FAILED.name(), 0L),
                byState.getOrDefault(DeliveryState.DELIVERED.name(), 0L),
                byState.getOrDefault(DeliveryState.DEAD.name(), 0L),
                byState.getOrDefault(DeliveryState.DISCARDED.name(), 0L));
    }
}
