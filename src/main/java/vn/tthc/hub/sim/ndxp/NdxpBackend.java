package vn.tthc.hub.sim.ndxp;

/**
 * A system behind the NDXP gateway simulator (a ministry, the coordination system…), registered as a
 * Spring bean and reached in-process for the API context it serves: a valid call to
 * {@code /sim/ndxp/{context}/{version}/{resource}} is handed to the backend whose {@link #context()}
 * matches. Only the Content-Type header is forwarded; the gateway has already checked the token.
 */
public interface NdxpBackend {

    /** The API context this backend serves (the first path segment after the gateway, e.g. {@code bkhcn}). */
    String context();

    /**
     * Handles one authorized call.
     *
     * @param method       HTTP method (upper case)
     * @param version      the API version segment (e.g. {@code v1})
     * @param resourcePath the rest of the path after the version, starting with {@code /} (or empty)
     * @param query        the raw query string, or null
     * @param contentType  the request's Content-Type, or null
     * @param body         the request body (empty when none)
     */
    NdxpReply handle(String method, String version, String resourcePath, String query, String contentType, byte[] body);
}
