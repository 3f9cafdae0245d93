package vn.tthc.hub.sim.emc;

/** A refusal by the simulated EMC: the HTTP status and the Vietnamese message; carries no stack trace. */
final class EmcError extends RuntimeException {

    private final int httpStatus;

    EmcError(int httpStatus, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
    }

    /** A validation refusal: HTTP 400 with {@code "<field>: <rule>"}. */
    static EmcError invalid(String field, String rule) {
        return new EmcError(400, field + ": " + rule);
    }

    int httpStatus() {
        return httpStatus;
    }
}
