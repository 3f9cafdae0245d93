package vn.tthc.hub.sync;

/**
 * Decides at intake, from a dossier's stored head and an incoming version of it, whether that version
 * is new (to be stored), already known, older than what is stored, or a second, different content for
 * a version already received.
 */
public final class VersionDecision {
    private VersionDecision() {
    }

    /** What intake does with the incoming version, with the outcome and HTTP status it answers. */
    public enum Decision {
        /** Newer than the head with other content: stored with its deliveries, once its status transition and routing check out. */
        NEW_VERSION(IntakeResult.Outcome.STORED, 202),
        /** Same content as the head (a re-send, or only the revision or update time moved): acknowledged, nothing stored. */
        UNCHANGED(IntakeResult.Outcome.UNCHANGED, 202),
        /** Older than the head (arrived late, out of order): acknowledged, nothing stored. */
        STALE(IntakeResult.Outcome.STALE, 202),
        /** The head's version with different content: the source reused a revision number, so it is refused and quarantined. */
        CONFLICT(IntakeResult.Outcome.REJECTED, 409);

        private final IntakeResult.Outcome outcome;
        private final int httpStatus;

        Decision(IntakeResult.Outcome outcome, int httpStatus) {
            this.outcome = outcome;
            this.httpStatus = httpStatus;
        }

        public IntakeResult.Outcome outcome() {
            return outcome;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    /**
     * @param head    the stored head of the dossier, or null when the dossier is new
     * @param version the incoming version
     * @param hash    the incoming content hash ({@link vn.tthc.hub.dossier.CanonicalJson#contentHash})
     */
    public static Decision decide(VersionStore.DossierHead head, long version, String hash) {
        if (head == null) {
            return Decision.NEW_VERSION;
        }
        // an older version is stale even with the head's content: acknowledging it as unchanged would hide a reordering
        if (version < head.version()) {
            return Decision.STALE;
        }
        // the head is always the highest stored version: only an equal version can have been stored already
        if (version == head.version()) {
            return hash.equals(head.contentHash()) ? Decision.UNCHANGED : Decision.CONFLICT;
        }
        return hash.equals(head.contentHash()) ? Decision.UNCHANGED : Decision.NEW_VERSION;
    }

    /**
     * The first progress step the targets have not seen: the steps the head already had, or all of them for a
     * new dossier; never past the incoming count (a version with fewer steps than the head brings no new ones).
     */
    public static int stepsFrom(VersionStore.DossierHead head, int steps) {
        return head == null ? 0 : Math.min(head.stepsCount(), steps);
    }
}
