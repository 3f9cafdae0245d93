package vn.tthc.hub.sync;

import java.util.List;
import vn.tthc.hub.dossier.FieldError;

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
    public static IntakeResult rejected(int httpStatus, String code, Long version, SyncStore.Quarantined q, List<FieldError> errors) {
        return new IntakeResult(Outcome.REJECTED, httpStatus, code, version, q.id(), errors, q.repeat());
    }

    public boolean accepted() {
        return outcome != Outcome.REJECTED;
    }
}
