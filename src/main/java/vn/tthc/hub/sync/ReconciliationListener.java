package vn.tthc.hub.sync;

import java.util.Map;

/**
 * Told about a finished reconciliation run, per partner, so that the packages that react (alerts) depend on sync and the
 * reconciliation never depends on them.
 */
public interface ReconciliationListener {

    /**
     * Called once per run that ended DONE, with every partner that had differences; must not throw into the run.
     *
     * @param byPartner partner (target, or the source for a change the hub never stored) → its differences
     */
    void onRun(long runId, Map<String, Outcome> byPartner);

    /** A partner's differences in one run: found, healed, and what is left for a person. */
    record Outcome(long found, long healed) {
        public long unhealed() {
            return found - healed;
        }
    }
}
