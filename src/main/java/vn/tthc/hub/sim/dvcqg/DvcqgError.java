package vn.tthc.hub.sim.dvcqg;

/**
 * A refusal by the simulated portal: the HTTP status, the portal's {@code error_code} and its
 * Vietnamese message. Thrown on the request path, so it carries no stack trace.
 */
public final class DvcqgError extends RuntimeException {

    /** Which kind of rule a validation refusal broke (the portal answers -1 for all of them). */
    public enum Rule { FORMAT, MISSING, AGENCY }

    /** Generic error (validation, unknown service, missing dossier). */
    static final int GENERIC = -1;
    /**
     * Authentication failure: wrong credentials or unknown/expired session. No public error table
     * exists; code 2 is <b>assumed</b> (see PARTNERS.md).
     */
    static final int AUTH = 2;

    private final int httpStatus;
    private final int errorCode;
    private final Rule rule;

    DvcqgError(int httpStatus, int errorCode, String message) {
        this(httpStatus, errorCode, message, Rule.FORMAT);
    }

    private DvcqgError(int httpStatus, int errorCode, String message, Rule rule) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.rule = rule;
    }

    /** A business refusal: HTTP 200 with a non-zero error_code, as the portal answers. */
    static DvcqgError of(int errorCode, String message) {
        return new DvcqgError(200, errorCode, message);
    }

    /** A generic (-1) business refusal. */
    static DvcqgError invalid(String message) {
        return new DvcqgError(200, GENERIC, message);
    }

    /** A generic (-1) validation refusal of the given kind. */
    static DvcqgError invalid(Rule rule, String message) {
        return new DvcqgError(200, GENERIC, message, rule);
    }

    /** The kind of validation rule broken ({@code FORMAT} for every other refusal). */
    public Rule rule() {
        return rule;
    }

    int httpStatus() {
        return httpStatus;
    }

    int errorCode() {
        return errorCode;
    }
}
