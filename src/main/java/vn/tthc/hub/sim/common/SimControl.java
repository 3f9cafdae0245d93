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

    Map<String, Object> knobs();

    /** Applies knobs all or nothing; an unknown key or bad value throws IllegalArgumentException naming it. */
    Map<String, Object> updateKnobs(Map<String, Object> changes);

    /** Clears state, ledger and knobs. */
    void reset();
}
