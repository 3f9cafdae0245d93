package vn.tthc.hub.sync;

/** Lifecycle of one (dossier, version, target) delivery. */
public enum DeliveryState {
    /** Not attempted yet, or waiting for an earlier version of the same dossier. */
    PENDING,
    /** The last attempt failed transiently; a retry is scheduled. */
    FAILED,
    /** Acknowledged by the target and recorded. */
    DELIVERED,
    /** Permanently rejected or out of retries; parked in the target's dead-letter queue until replayed or discarded. */
    DEAD,
    /** A dead delivery a person gave up on, with a reason: closed, never attempted again, not an error to re-report. */
    DISCARDED
}
