package vn.tthc.hub.sync;

import java.util.List;
import vn.tthc.hub.dossier.FieldError;
import vn.tthc.hub.dossier.Pii;

/**
 * What became of one inbound record: stored as a new version, recognised as unchanged or stale,
 * or refused (and quarantined) with field-level errors.
 */
public record IntakeResult(Outcome outcome, int httpStatus, String dossierCode, Long version, Long quarantineId,
                           List<FieldError> errors, boolean repeat) {

    public enum Outcome { STORED, UNCHANGED, STALE, REJECTED }

    public static IntakeResult ok(Outcome outcome, String code, long version) {
        return new IntakeResult(outcome, 202, code, version, null, List.of(), false);
    }

    /** Refused and quarantined; {@code repeat} when the same input was already in quarantine (its repeat is counted there). */
    public static IntakeResult rejected(int httpStatus, String code, Long version, QuarantineStore.Quarantined q, List<FieldError> errors) {
        // errors may quote input values: masked like logs, since they are answered and logged
        List<FieldError> masked = errors.stream()
                .map(e -> new FieldError(Pii.maskText(e.field()), e.rule(), Pii.maskText(e.message()))).toList();
        return new IntakeResult(Outcome.REJECTED, httpStatus, Pii.maskText(code), version, q.id(), masked, q.repeat());
    }

    public boolean accepted() {
        return outcome != Outcome.REJECTED;
    }
}
