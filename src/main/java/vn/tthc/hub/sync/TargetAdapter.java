package vn.tthc.hub.sync;

import vn.tthc.hub.dossier.Dossier;

/**
 * A target system as the delivery worker sees it: which versions concern it, and how to deliver
 * one (resuming from the stage a failed attempt reached). Implementations live in partner/&lt;id&gt;.
 */
public interface TargetAdapter {

    /** The target id, as in configuration and queue names (e.g. {@code dvcqg}). */
    String id();

    /**
     * Whether this version needs a delivery to this target at all (e.g. EMC only when there are new steps);
     * every version by default.
     */
    default boolean wants(Dossier dossier, int stepsFrom) {
        return true;
    }

    /** Delivers one version. Must not throw for partner failures: they are results. */
    AdapterResult deliver(DeliveryRequest request);

    /** The target's consumers and retry policy (its {@code hub.partners.<id>} or {@code hub.ministries.<code>} block). */
    DeliverySettings settings();

    /**
     * One delivery to attempt.
     *
     * @param source              which system this version came from (province, ministry-Gnn, coordination)
     * @param stage               how far an earlier attempt got (adapter-defined; 0 at first)
     * @param lastDeliveredHash   hash of the payload of the last version delivered to this target, or null when none was
     * @param attempts            attempts made before this one
     * @param redelivered         the broker delivers this message again (e.g. after a crash): an earlier
     *                            attempt may have reached the target without being recorded
     */
    record DeliveryRequest(long deliveryId, String source, String dossierCode, long version, Dossier dossier, int stepsFrom, int stage,
                           String lastDeliveredHash, boolean previouslyDelivered, int attempts, boolean redelivered) {
        /** Whether the target may already hold what this attempt would send. */
        public boolean outcomeUncertain() {
            return attempts > 0 || redelivered;
        }
    }

    /**
     * The outcome of one attempt. {@code answered}: the target took at least one call of a failed attempt (e.g. the
     * portal answered the look-up, then failed the upsert) — for its circuit, a target that answers is not down.
     */
    record AdapterResult(Kind kind, int stage, Integer httpStatus, String error, String payloadHash, boolean answered) {
        public enum Kind { DELIVERED, TRANSIENT, PERMANENT }

        public AdapterResult(Kind kind, int stage, Integer httpStatus, String error, String payloadHash) {
            this(kind, stage, httpStatus, error, payloadHash, false);
        }

        /** This failure, after the target had answered an earlier call of the same attempt. */
        public AdapterResult afterAnswers() {
            return new AdapterResult(kind, stage, httpStatus, error, payloadHash, true);
        }

        public static AdapterResult delivered(int stage, Integer httpStatus, String payloadHash) {
            return new AdapterResult(Kind.DELIVERED, stage, httpStatus, null, payloadHash);
        }

        public static AdapterResult transientFailure(int stage, Integer httpStatus, String error) {
            return new AdapterResult(Kind.TRANSIENT, stage, httpStatus, error, null);
        }

        public static AdapterResult permanentFailure(int stage, Integer httpStatus, String error) {
            return new AdapterResult(Kind.PERMANENT, stage, httpStatus, error, null);
        }
    }
}
