package vn.tthc.hub.console;

import java.time.Instant;
import java.util.List;

/**
 * One quarantined input as the management API lists it: codes, reasons, its field errors (field and rule, masked) and
 * sizes, never the payload itself; where it stands (OPEN, RESUBMITTED, DISMISSED) and who closed it when.
 */
public record QuarantineItem(long id, Instant receivedAt, String source, String channel, String dossierCode, int httpStatus,
                             String reason, String payloadHash, int payloadSize, String contentType, int repeats,
                             Instant lastSeenAt, String state, List<QuarantineError> errors, Instant resolvedAt, String resolvedBy) {
}
