package vn.tthc.hub.dossier;

/**
 * One reason an input was not accepted: which field, which rule, and a sentence for people.
 *
 * @param field   the field path in the canonical model (e.g. {@code applicant.idNumber}) or {@code body}
 * @param rule    a stable rule id (e.g. {@code required}, {@code format}, {@code transition})
 * @param message what is wrong, without personal data
 */
public record FieldError(String field, String rule, String message) {
    @Override
    public String toString() {
        return field + ": " + message + " [" + rule + "]";
    }
}
