package vn.tthc.hub.partner.ndxp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.tthc.hub.config.HubProperties;
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
 * client secret are never logged nor put in an answer.
 */
@Component
public class NdxpClient {
    private static final Logger log = LoggerFactory.getLogger(NdxpClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PARTNER = "ndxp";
    private static final Duration MAX_MARGIN = Duration.ofSeconds(60);
    private static final double DEFAULT_EXPIRES_IN = 60;

    private final PartnerHttp http;
    private final HubProperties props;
    private final Clock clock;
    private final Counter tokenRequests;
    private final Counter tokenFailures;
    private final Counter unauthorizedRetries;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Token current;

    /** A token with the time to renew it and the time it expires. */
    private record Token(String value, Instant refreshAt, Instant expiresAt) {
    }

    /** Either a token or the answer explaining why there is none. */
    private record TokenResult(String token, PartnerHttp.Response failure) {
    }

    public NdxpClient(PartnerHttp http, HubProperties props, Clock clock, MeterRegistry meters) {
        this.http = http;
        this.props = props;
        this.clock = clock;
        this.tokenRequests = Counter.builder("hub.ndxp.token.requests")
                .description("Token requests sent to the NDXP gateway").register(meters);
        this.tokenFailures = Counter.builder("hub.ndxp.token.failures")
                .description("Token requests of the NDXP gateway that gave no token").register(meters);
        this.unauthorizedRetries = Counter.builder("hub.ndxp.unauthorized.retries")
                .description("NDXP calls answered 401 and retried once with a new token").register(meters);
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
        TokenResult t = token(null);
        if (t.failure() != null) {
            return t.failure();
        }
        PartnerHttp.Response r = send(m, url, query, contentType, body, headers, t.token());
        if (r.status() == 401) {
            unauthorizedRetries.increment();
            log.debug("NDXP answered 401 for /{}/{}: renewing the token and retrying once", context, version);
            TokenResult renewed = token(t.token());
            if (renewed.failure() != null) {
                return renewed.failure();
            }
            r = send(m, url, query, contentType, body, headers, renewed.token());
        }
        return r;
    }

    /** Forgets the cached token (the next call fetches a new one). */
    public void invalidateToken() {
        current = null;
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
        String base = trimSlash(partner().getBaseUrl());
        String res = resource == null ? "" : resource.startsWith("/") ? resource.substring(1) : resource;
        return base + "/" + context + "/" + version + (res.isEmpty() ? "" : "/" + res);
    }

    /**
     * The token to use: the cached one while it is fresh; otherwise one thread fetches a new one while
     * the others wait for it. {@code rejected} is a token the gateway has just refused: it is replaced
     * unless another thread has replaced it already.
     */
    private TokenResult token(String rejected) {
        Token c = current;
        if (rejected == null && c != null && clock.instant().isBefore(c.refreshAt())) {
            return new TokenResult(c.value(), null);
        }
        lock.lock();
        try {
            c = current;
            Instant now = clock.instant();
            if (c != null && !c.value().equals(rejected) && now.isBefore(c.refreshAt())) {
                return new TokenResult(c.value(), null);
            }
            TokenResult fetched = fetch(now);
            if (fetched.failure() == null) {
                return fetched;
            }
            if (rejected == null && c != null && clock.instant().isBefore(c.expiresAt())) {
                log.warn("NDXP token renewal failed ({}); the current token stays in use until {}",
                        fetched.failure().describe(), c.expiresAt());
                return new TokenResult(c.value(), null);
            }
            current = null;
            return fetched;
        } finally {
            lock.unlock();
        }
    }

    private TokenResult fetch(Instant start) {
        HubProperties.Partner p = partner();
        String id = nz(p.getClientId());
        String secret = nz(p.getClientSecret());
        String tokenUrl = p.getTokenUrl() == null || p.getTokenUrl().isBlank()
                ? trimSlash(p.getBaseUrl()) + "/token" : p.getTokenUrl();
        Map<String, String> headers = new LinkedHashMap<>();
        String form = "grant_type=client_credentials";
        if ("basic".equalsIgnoreCase(nz(p.getTokenAuth()).trim())) {
            headers.put("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        } else {
            form += "&client_id=" + URLEncoder.encode(id, StandardCharsets.UTF_8)
                    + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        }
        tokenRequests.increment();
        PartnerHttp.Response r = http.post(tokenUrl, "application/x-www-form-urlencoded", form, headers);
        if (!r.ok()) {
            tokenFailures.increment();
            PartnerHttp.Response failure = refusal(r, secret);
            log.warn("NDXP token request failed: {}", failure.describe());
            return new TokenResult(null, failure);
        }
        JsonNode t;
        try {
            t = JSON.readTree(r.body());
        } catch (Exception e) {
            t = null;
        }
        String value = t == null ? "" : t.path("access_token").asText("");
        if (value.isBlank()) {
            tokenFailures.increment();
            log.warn("NDXP token answer unreadable (HTTP {})", r.status());
            return new TokenResult(null, new PartnerHttp.Response(0, null, null, "NDXP token answer unreadable"));
        }
        double expiresIn = t.path("expires_in").isNumber() ? t.path("expires_in").asDouble() : DEFAULT_EXPIRES_IN;
        Duration lifetime = Duration.ofMillis(Math.max(0, Math.round(expiresIn * 1000)));
        Duration margin = lifetime.dividedBy(5);
        if (margin.compareTo(MAX_MARGIN) > 0) {
            margin = MAX_MARGIN;
        }
        Instant expiresAt = start.plus(lifetime);
        Token token = new Token(value, expiresAt.minus(margin), expiresAt);
        current = token;
        log.debug("NDXP token renewed; expires in {} s at {}, renewal from {}", expiresIn, expiresAt, token.refreshAt());
        return new TokenResult(value, null);
    }

    /**
     * The answer given to the caller when no token could be had: network failures and 5xx as they are
     * (transient), otherwise the endpoint's status with only its {@code error} and
     * {@code error_description}, the secret masked should it ever be echoed.
     */
    private static PartnerHttp.Response refusal(PartnerHttp.Response r, String secret) {
        if (r.networkError() != null) {
            return new PartnerHttp.Response(0, null, null, "NDXP token request: " + mask(r.networkError(), secret));
        }
        String error = "token_refused";
        String description = "";
        try {
            JsonNode n = JSON.readTree(r.body() == null ? "" : r.body());
            if (n != null) {
                error = n.path("error").asText(error);
                description = n.path("error_description").asText("");
                if (description.isEmpty() && n.path("fault").isObject()) {
                    description = n.path("fault").path("description").asText("");
                }
            }
        } catch (Exception e) {
            // not JSON: keep the status only
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("error", mask(error, secret));
        out.put("error_description", mask("NDXP token request refused (HTTP " + r.status() + ")"
                + (description.isEmpty() ? "" : ": " + description), secret));
        out.put("stage", "token");
        return new PartnerHttp.Response(r.status(), out.toString(), "application/json", null);
    }

    private static String mask(String text, String secret) {
        return secret == null || secret.isEmpty() || text == null ? text : text.replace(secret, "***");
    }

    private HubProperties.Partner partner() {
        return props.partner(PARTNER);
    }

    private static String trimSlash(String s) {
        String v = nz(s);
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
