package vn.tthc.hub.console;

import java.time.Instant;
import java.util.List;

/**
 * The whole story of one dossier code: what it is ({@code facts}, from the head source's newest version, masked),
 * how each source sees it, every version from every source, every delivery to every partner with every attempt, the
 * quarantine records of the code, and all of that merged into one list of events in time order.
 */
public record DossierTimeline(String code, Facts facts, List<DossierView> views, List<Version> versions, List<Delivery> deliveries,
                              List<Quarantined> quarantine, List<Event> events) {

    /** What the dossier is, read from the head source's newest version; personal data masked. */
    public record Facts(String source, long version, int status, String procedureCode, String procedureName, String agencyCode,
                        String agencyName, String summary, String applicant, Instant submittedAt, Instant receivedAt, Instant dueAt,
                        Instant finishedAt, Instant updatedAt) {
    }

    /**
     * One stored version from one source ({@code stepsFrom}: the first progress step new in it; {@code bodyPrunedAt}: when
     * the retention pruner removed its body, null while it is kept).
     */
    public record Version(String source, long version, int status, String contentHash, Instant receivedAt, String receivedVia,
                          int stepsFrom, Instant bodyPrunedAt) {
    }

    /**
     * One delivery of one version to one partner, with every attempt in order; {@code payloadHash} is the hash of what
     * was last sent (the hub keeps the hash, not the partner payload).
     */
    public record Delivery(long id, String source, long version, String target, String state, int stage, Integer lastHttpStatus,
                           String lastError, Instant createdAt, Instant nextAttemptAt, Instant deliveredAt, String payloadHash,
                           List<AttemptView> attempts) {
    }

    /**
     * An input of this code that was refused and kept: its refusal (HTTP status, reason), how often it came again, and
     * {@code status}, how it was settled (OPEN until re-submitted or dismissed).
     */
    public record Quarantined(long id, Instant receivedAt, String source, String channel, int httpStatus, String reason, int repeats,
                              Instant lastSeenAt, String status) {
        public static final String OPEN = "OPEN";
    }

    /** What an event is: a version received, an attempt to deliver, an input refused. */
    public enum Kind { VERSION, ATTEMPT, QUARANTINE }

    /**
     * One event of the dossier's story. VERSION: source, version, status (the dossier status it carried), detail = how it
     * came (push, pull…). ATTEMPT: deliveryId, source, version, target, attempt, outcome, httpStatus, latencyMs, detail =
     * the error. QUARANTINE: source, httpStatus, detail = the reason.
     */
    public record Event(Instant at, Kind kind, String source, Long version, String target, Long deliveryId, Integer attempt,
                        Integer status, String outcome, Integer httpStatus, Integer latencyMs, String detail) {
    }
}
