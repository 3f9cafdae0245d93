package vn.tthc.hub.partner.ndxp;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.partner.ClientCredentialsToken;
import vn.tthc.hub.partner.PartnerHttp;

/**
 * The hub's client of the national data platform NDXP (and of a province LGSP), a WSO2 API Manager
 * gateway: an OAuth2 client-credentials token ({@code hub.partners.ndxp.token-url}, client id and
 * secret in the form or as HTTP Basic per {@code token-auth}), cached and renewed before it expires
 * (when less than min(60 s, 20 % of its lifetime) remains; one thread fetches while the others wait),
 * then Bearer calls on {@code {base-url}/{context}/{version}/{resource}}. A 401 (WSO2 fault 900901
 * invalid or expired token, 900902 missing credentials) gets a new token and exactly one retry.
 *
 * <p>Never throws for HTTP or network failures, of the API or of the token endpoint: everything comes
 * back as a {@link PartnerHttp.Response} for the caller to classify (a gateway outage, 5xx or
 * connect error, is transient; a refused token, 401, is permanent). A refused token answers the
 * token endpoint's status with {@code {"error","error_description","stage":"token"}}. Tokens and the
 * client secret are never logged nor put in an answer. The token handling is {@link ClientCredentialsToken}'s.
 */
@Component
public class NdxpClient {
    static final String PARTNER = "ndxp";

    private final PartnerHttp http;
    private final NdxpProperties props;
    private final ClientCredentialsToken tokens;

    public NdxpClient(PartnerHttp http, NdxpProperties props, Clock clock, MeterRegistry meters) {
        this.http = http;
        this.props = props;
        this.tokens = new ClientCredentialsToken(PARTNER, "NDXP", http, props, clock, meters);
    }

    /**
     * Calls {@code {base-url}/{context}/{version}/{resource}} with a Bearer token.
     *
     * @param method      GET or POST (what {@link PartnerHttp} carries)
     * @param resource    the resource path after the version, with or without a leading {@code /}
     * @param query       the raw query string without {@code ?}, or null
     * @param contentType the body's Content-Type (POST), or null
     * @param headers     extra headers (may be null); an Authorization given here is replaced
     * @return the gateway's answer, or the token endpoint's refusal, or a network failure
     */
    public PartnerHttp.Response call(String method, String context, String version, String resource, String query,
                                     String contentType, String body, Map<String, String> headers) {
        String m = method == null ? "GET" : method.toUpperCase(Locale.ROOT);
        if (!m.equals("GET") && !m.equals("POST")) {
            throw new IllegalArgumentException("NDXP calls support GET and POST, not " + method);
        }
        String url = url(context, version, resource);
        return tokens.call(token -> send(m, url, query, contentType, body, headers, token));
    }

    /** Forgets the cached token (the next call fetches a new one). */
    public void invalidateToken() {
        tokens.invalidate();
    }

    private PartnerHttp.Response send(String method, String url, String query, String contentType, String body,
                                      Map<String, String> headers, String token) {
        Map<String, String> h = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (!"authorization".equalsIgnoreCase(k)) {
                    h.put(k, v);
                }
            });
        }
        h.put("Authorization", "Bearer " + token);
        if (method.equals("GET")) {
            return http.get(url, query, h);
        }
        String target = query == null || query.isEmpty() ? url : url + "?" + query;
        return http.post(target, contentType, body == null ? "" : body, h);
    }

    private String url(String context, String version, String resource) {
        if (context == null || context.isBlank() || version == null || version.isBlank()) {
            throw new IllegalArgumentException("an NDXP call needs a context and a version");
        }
        String base = props.getBaseUrl();
        base = base == null ? "" : base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String res = resource == null ? "" : resource.startsWith("/") ? resource.substring(1) : resource;
        return base + "/" + context + "/" + version + (res.isEmpty() ? "" : "/" + res);
    }
}
