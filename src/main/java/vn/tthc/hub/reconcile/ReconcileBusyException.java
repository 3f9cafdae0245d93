package vn.tthc.hub.reconcile;

/** Another reconciliation is RUNNING (on this or another hub instance): only one may run at a time. */
public class ReconcileBusyException extends RuntimeException {
    private final long runningId;

    public ReconcileBusyException(long runningId) {
        super("reconciliation #" + runningId + " is running");
        this.runningId = runningId;
    }

    public long runningId() {
        return runningId;
    }
}
