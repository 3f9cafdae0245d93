package vn.tthc.hub.sync;

import java.time.Instant;

/**
 * Which dead letters a list or a bulk replay is about; every part optional (null: any): the target, the dossier's
 * procedure code and agency, a piece of the last error's text (case-insensitive), and when the delivery died
 * ({@code since} inclusive, {@code until} exclusive).
 */
public record DeadLetterFilter(String target, String procedure, String agency, String error, Instant since, Instant until) {
    public static final DeadLetterFilter ANY = new DeadLetterFilter(null, null, null, null, null, null);

    /** Blank texts mean "any". */
    public DeadLetterFilter {
        target = blankToNull(target);
        procedure = blankToNull(procedure);
        agency = blankToNull(agency);
        error = blankToNull(error);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
