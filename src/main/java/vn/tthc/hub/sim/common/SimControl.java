package vn.tthc.hub.sim.common;

import java.util.List;
import java.util.Map;

/** What every simulator exposes to its control endpoints: ledger, recent requests, fault knobs, reset. */
public interface SimControl {
    Map<String, Object> ledgerSnapshot();

    List<String> lastRequests(int limit);

    Map<String, Object> knobs();

    /** Applies knobs all or nothing; an unknown key or bad value throws IllegalArgumentException naming it. */
    Map<String, Object> updateKnobs(Map<String, Object> changes);

    /** Clears state, ledger and knobs. */
    void reset();
}
