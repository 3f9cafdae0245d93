package vn.tthc.hub.sim.ministry;

/**
 * A refusal in the LGSP answer style ({@code status 0, errorCode, errorName}): the codes are those
 * PARTNERS.md lists for LGSP services; which ministry uses which is <b>assumed</b>. Thrown on the
 * request path, so it carries no stack trace.
 */
public final class MinistryError extends RuntimeException {

    public static final int AGENCY_ID_INCORRECT = 106;
    public static final int RECORD_UNCOMPLETE = 200;
    public static final int RECORD_NOT_FOUND = 201;
    public static final int DATA_TYPE_INVALID = 302;
    public static final int DATA_INCORRECT = 500;

    private final int httpStatus;
    private final int code;

    public MinistryError(int httpStatus, int code, String message) {
        super(message, null, false, false);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    /** A business refusal: HTTP 200, status 0. */
    public static MinistryError of(int code, String message) {
        return new MinistryError(200, code, message);
    }

    public int httpStatus() {
        return httpStatus;
    }

    public int code() {
        return code;
    }

    public String codeName() {
        return name(code);
    }

    public static String name(int code) {
        return switch (code) {
            case AGENCY_ID_INCORRECT -> "AGENCY_ID_INCORRECT";
            case RECORD_UNCOMPLETE -> "RECORD_UNCOMPLETE";
            case RECORD_NOT_FOUND -> "RECORD_NOT_FOUND";
            case DATA_TYPE_INVALID -> "DATA_TYPE_INVALID";
            case DATA_INCORRECT -> "DATA_INCORRECT";
            case 0 -> "SUCCESS";
            default -> "ERROR";
        };
    }
}
