package vn.tthc.hub.console;

import java.time.Instant;

/** One quarantined input as the management API lists it: codes, reasons and sizes, never the payload itself. */
public record QuarantineItem(long id, Instant receivedAt, String source, String channel, String dossierCode, int httpStatus,
                             String reason, String payloadHash, int payloadSize, String contentType, int repeats,
                             Instant lastSeenAt) {
}
