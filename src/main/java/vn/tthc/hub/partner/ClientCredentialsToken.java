package vn.tthc.hub.partner;

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
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An OAuth2 client-credentials token of one partner ({@code hub.partners.<id>}: {@code token-url},
 * or {@code base-url}/token; client id and secret in the form or as HTTP Basic per {@code token-auth}),
 * cached and renewed before it expires (when less than min(60 s, 20 % of its lifetime) remains; one
 * thread fetches while the others wait; a failed renewal keeps the current token until it expires), and
 * {@link #call} runs a request with it, renewing once and retrying once on a 401.
 *
 * <p>Never throws for HTTP or network failures of the token endpoint: a refused token comes back as the
 * endpoint's status with {@code {"error","error_description","stage":"token"}}, a network failure or 5xx
 * as it is (transient). Tokens and the client secret are never logged nor put in an answer. Metrics:
 * {@code hub.<id>.token.requests}, {@code hub.<id>.token.failures}, {@code hub.<id>.unauthorized.retries}.
 */
public final class ClientCredentialsToken {
    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsToken.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_MARGIN = Duration.ofSeconds(60);
    private static final double DEFAULT_EXPIRES_IN = 60;

    private final String partnerId;
    private final String label;
    private final PartnerHttp http;
    private final ClientCredentials props;
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
    public record Result(String token, PartnerHttp.Response failure) {
    }

    /**
     * @param partnerId the partner's id under {@code hub.partners}
     * @param label     how logs and refusals name the partner, e.g. {@code NDXP}
     */
    public ClientCredentialsToken(String partnerId, String label, PartnerHttp http, ClientCredentials props, Clock clock,
                                  MeterRegistry meters) {
        this.partnerId = partnerId;
        this.label = label;
        this.http = http;
        this.props = props;
        this.clock = clock;
        this.tokenRequests = Counter.builder("hub." + partnerId + ".token.requests")
                .description("Token requests sent to " + label).register(meters);
        this.tokenFailures = Counter.builder("hub." + partnerId + ".token.failures")
                .description("Token requests of " + label + " that gave no token").register(meters);
        this.unauthorizedRetries = Counter.builder("hub." + partnerId + ".unauthorized.retries")
                .description(label + " calls answered 401 and retried once with a new token").register(meters);
    }

    /**
     * Runs {@code request} with the token (its argument); on a 401 renews the token and runs it once more.
     * A token that cannot be had is the answer.
     */
    public PartnerHttp.Response call(Function<String, PartnerHttp.Response> request) {
        Result t = token(null);
        if (t.failure() != null) {
            return t.failure();
        }
        PartnerHttp.Response r = request.apply(t.token());
        if (r.status() == 401) {
            unauthorizedRetries.increment();
            log.debug("{} answered 401: renewing the token and retrying once", label);
            Result renewed = token(t.token());
            if (renewed.failure() != null) {
                return renewed.failure();
            }
            r = request.apply(renewed.token());
        }
        return r;
    }

    /** Forgets the cached token (the next call fetches a new one). */
    public void invalidate() {
        current = null;
    }

    /**
     * The token to use: the cached one while it is fresh; otherwise one thread fetches a new one while
     * the others wait for it. {@code rejected} is a token the partner has just refused: it is replaced
     * unless another thread has replaced it already.
     */
    public Result token(String rejected) {
        Token c = current;
        if (rejected == null && c != null && clock.instant().isBefore(c.refreshAt())) {
            return new Result(c.value(), null);
        }
        lock.lock();
        try {
            c = current;
            Instant now = clock.instant();
            if (c != null && !c.value().equals(rejected) && now.isBefore(c.refreshAt())) {
                return new Result(c.value(), null);
            }
            Result fetched = fetch(now);
            if (fetched.failure() == null) {
                return fetched;
            }
            if (rejected == null && c != null && clock.instant().isBefore(c.expiresAt())) {
                log.warn("{} token renewal failed ({}); the current token stays in use until {}",
                        label, fetched.failure().describe(), c.expiresAt());
                return new Result(c.value(), null);
            }
            current = null;
            return fetched;
        } finally {
            lock.unlock();
        }
    }

    private Result fetch(Instant start) {
        ClientCredentials p = props;
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
            log.warn("{} token request failed: {}", label, failure.describe());
            return new Result(null, failure);
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
            log.warn("{} token answer unreadable (HTTP {})", label, r.status());
            return new Result(null, new PartnerHttp.Response(0, null, null, label + " token answer unreadable"));
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
        log.debug("{} token renewed; expires in {} s at {}, renewal from {}", label, expiresIn, expiresAt, token.refreshAt());
        return new Result(value, null);
    }

    /**
     * The answer given to the caller when no token could be had: network failures and 5xx as they are
     * (transient), otherwise the endpoint's status with only its {@code error} and
     * {@code error_description}, the secret masked should it ever be echoed.
     */
    private PartnerHttp.Response refusal(PartnerHttp.Response r, String secret) {
        if (r.networkError() != null) {
            return new PartnerHttp.Response(0, null, null, label + " token request: " + mask(r.networkError(), secret));
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
        out.put("error_description", mask(label + " token request refused (HTTP " + r.status() + ")"
                + (description.isEmpty() ? "" : ": " + description), secret));
        out.put("stage", "token");
        return new PartnerHttp.Response(r.status(), out.toString(), "application/json", null);
    }

    private static String mask(String text, String secret) {
        return secret == null || secret.isEmpty() || text == null ? text : text.replace(secret, "***");
    }

    private static String trimSlash(String s) {
        String v = nz(s);
        return v.endsWith("/") ? v.substring(0, v.length() - 1) : v;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
