package vn.tthc.hub.sim.ndxp;

/** An answer of the NDXP gateway simulator or of a backend behind it: HTTP status, Content-Type, body text (UTF-8). */
public record NdxpReply(int status, String contentType, String body) {

    public static NdxpReply json(int status, String body) {
        return new NdxpReply(status, "application/json", body);
    }
}
