package vn.tthc.hub.sim.common;

import java.util.List;
import java.util.Map;

/** What every simulator exposes to its control endpoints: ledger, recent requests, fault knobs, reset. */
public interface SimControl {
    /** The simulator's ledger of what it received and applied. */
    SimLedger ledger();

    default Map<String, Object> ledgerSnapshot() {
        return ledger().snapshot();
    }

    default List<String> lastRequests(int limit) {
        return ledger().lastRequests(limit);
    }

    /** The simulator's knobs (a simulator with extra knobs of its own overrides the two methods below). */
    SimKnobs knobSet();

    default Map<String, Object> knobs() {
        return knobSet().snapshot();
    }

    /** Applies knobs all or nothing; an unknown key or bad value throws IllegalArgumentException naming it. */
    default Map<String, Object> updateKnobs(Map<String, Object> changes) {
        knobSet().update(changes);
        return knobSet().snapshot();
    }

    /** Clears state, ledger and knobs. */
    void reset();
}
