package vn.tthc.hub.console;

import java.time.Instant;
import java.util.List;

/**
 * One quarantined input in full: what the list shows, the payload (masked of identity and phone numbers unless asked in
 * full by an operator or admin — {@code payloadMasked} says which), whether it was kept whole (only then can it be
 * re-submitted), and how it was settled: re-submit attempts, the outcome of the accepted one (the dossier code and
 * version it became), or the dismissal's reason.
 */
public record QuarantineDetail(QuarantineItem item, String payload, boolean payloadMasked, boolean payloadComplete,
                               int resubmits, Instant lastResubmitAt, String lastResubmitBy, String resubmitOutcome,
                               String resubmitDossierCode, Long resubmitVersion, String resolutionNote) {
}
