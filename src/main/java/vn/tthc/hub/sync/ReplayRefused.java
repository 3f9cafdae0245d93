package vn.tthc.hub.sync;

/**
 * A replay, a discard or a bulk-replay action that cannot be done, with why: the delivery or job does not exist, it is
 * not in a state that allows it (e.g. no longer DEAD), the delivery is superseded by a later version already
 * delivered, or a field of the request is wrong.
 */
public class ReplayRefused extends RuntimeException {
    public enum Kind { NOT_FOUND, CONFLICT, SUPERSEDED, INVALID }

    private final Kind kind;
    private final String field;

    public ReplayRefused(Kind kind, String field, String message) {
        super(message);
        this.kind = kind;
        this.field = field;
    }

    public static ReplayRefused notFound(String message) {
        return new ReplayRefused(Kind.NOT_FOUND, null, message);
    }

    public static ReplayRefused conflict(String message) {
        return new ReplayRefused(Kind.CONFLICT, null, message);
    }

    public static ReplayRefused invalid(String field, String rule) {
        return new ReplayRefused(Kind.INVALID, field, rule);
    }

    public Kind kind() {
        return kind;
    }

    /** The request field to blame (INVALID only). */
    public String field() {
        return field;
    }
}
