package vn.tthc.hub.sim.ndxp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import vn.tthc.hub.sim.common.SimControl;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimFaults.FaultDecision;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.common.SimKnobs;
import vn.tthc.hub.sim.common.SimLedger;

/**
 * The NDXP / LGSP gateway simulator (WSO2 API Manager conventions), independent of HTTP: an OAuth2
 * client-credentials token endpoint issuing random opaque Bearer tokens with a TTL, and API calls
 * {@code /{context}/{version}/{resource}} checked for a valid token (WSO2 faults 900902 missing,
 * 900901 invalid or expired; 404 for an unknown context) and routed in-process to the
 * {@link NdxpBackend} of that context.
 *
 * <p>Knobs: the {@link SimFaults} ones (errorRate → 503 gateway outage, hangRate/hangMs → 504,
 * latencyMs, rejectRate → 400 before routing, dropAfterApplyRate → routed, then the answer is late)
 * plus {@code tokenTtlSeconds} (fractions allowed). Expected credentials are read at every token
 * request (blank → every token refused). Ledger: {@code tokensIssued, calls, unauthorized,
 * tokenRequests, tokenRefused, errors}; the raw requests kept are token forms with the secret
 * replaced by {@code ***} and API request lines with their bodies (never an Authorization header).
 */
public final class NdxpGateway implements SimControl {

    /** The credentials the gateway expects, read at each token request. */
    public record Credentials(String clientId, String clientSecret) {
    }

    public static final String TOKEN_TTL_SECONDS = "tokenTtlSeconds";
    public static final double DEFAULT_TOKEN_TTL_SECONDS = 3600;
    private static final long MAX_TTL_MILLIS = 7L * 24 * 3600 * 1000;
    private static final int MAX_RECORDED_BODY = 4000;

    static final String TOKENS_ISSUED = "tokensIssued";
    static final String CALLS = "calls";
    static final String UNAUTHORIZED = "unauthorized";
    static final String TOKEN_REQUESTS = "tokenRequests";
    static final String TOKEN_REFUSED = "tokenRefused";
    static final String ERRORS = "errors";

    private final Supplier<Credentials> credentials;
    private final Supplier<? extends Iterable<NdxpBackend>> backendSource;
    private final Clock clock;
    private final long defaultTtlMillis;
    private final SimFaults faults = new SimFaults();
    private final SimLedger ledger = new SimLedger(SimLedger.DEFAULT_CAPACITY,
            TOKENS_ISSUED, CALLS, UNAUTHORIZED, TOKEN_REQUESTS, TOKEN_REFUSED, ERRORS);
    /** Issued token → its expiry. */
    private final ConcurrentHashMap<String, Instant> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private volatile long ttlMillis;
    private volatile Map<String, NdxpBackend> backends;

    /**
     * @param credentials     the expected client id and secret, read at each token request
     * @param backends        the backends behind the gateway, resolved at the first API call
     * @param clock           time source of token expiry
     * @param tokenTtlSeconds default token lifetime (the {@code tokenTtlSeconds} knob's reset value)
     */
    public NdxpGateway(Supplier<Credentials> credentials, Supplier<? extends Iterable<NdxpBackend>> backends,
                       Clock clock, double tokenTtlSeconds) {
        this.credentials = credentials;
        this.backendSource = backends;
        this.clock = clock;
        this.defaultTtlMillis = ttlMillis(tokenTtlSeconds);
        this.ttlMillis = defaultTtlMillis;
    }

    // ---- token endpoint -------------------------------------------------------------------------

    /**
     * {@code POST /token}: {@code grant_type=client_credentials} with {@code client_id} and
     * {@code client_secret} in the form, or HTTP Basic {@code key:secret} (which wins when both are given).
     */
    public NdxpReply token(Map<String, List<String>> form, String authorization) {
        ledger.increment(TOKEN_REQUESTS);
        ledger.recordRequest("POST /token " + masked(form));
        FaultDecision decision = faults.decide();
        NdxpReply fault = outage(decision);
        if (fault != null) {
            return fault;
        }
        faults.sleepLatency();
        String clientId = first(form, "client_id");
        String clientSecret = first(form, "client_secret");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String[] pair = basic(authorization.substring(6).trim());
            if (pair == null) {
                return refuse("Malformed HTTP Basic client authentication");
            }
            clientId = pair[0];
            clientSecret = pair[1];
        }
        Credentials expected = credentials.get();
        if (expected == null || blank(expected.clientId()) || blank(expected.clientSecret())) {
            return refuse("Client authentication failed: the gateway has no application credentials configured");
        }
        if (clientId == null || clientSecret == null) {
            return refuse("Client credentials are missing");
        }
        if (!constantTimeEquals(clientId, expected.clientId()) || !constantTimeEquals(clientSecret, expected.clientSecret())) {
            return refuse("A valid OAuth client could not be found for client_id: " + clientId);
        }
        String grant = first(form, "grant_type");
        if (grant == null || grant.isBlank()) {
            return NdxpReply.json(400, SimJson.write(Map.of("error", "invalid_request",
                    "error_description", "Missing parameter: grant_type")));
        }
        if (!"client_credentials".equals(grant)) {
            return NdxpReply.json(400, SimJson.write(Map.of("error", "unsupported_grant_type",
                    "error_description", "Unsupported grant_type value: " + grant)));
        }
        Instant now = clock.instant();
        tokens.entrySet().removeIf(e -> !now.isBefore(e.getValue()));
        long ttl = ttlMillis;
        byte[] b = new byte[24];
        random.nextBytes(b);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        tokens.put(token, now.plusMillis(ttl));
        ledger.increment(TOKENS_ISSUED);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("token_type", "Bearer");
        body.put("expires_in", ttl % 1000 == 0 ? (Object) (ttl / 1000) : (Object) (ttl / 1000.0));
        body.put("scope", "default");
        return NdxpReply.json(200, SimJson.write(body));
    }

    private NdxpReply refuse(String description) {
        ledger.increment(TOKEN_REFUSED);
        return NdxpReply.json(401, SimJson.write(Map.of("error", "invalid_client", "error_description", description)));
    }

    // ---- API calls ------------------------------------------------------------------------------

    /**
     * One API call through the gateway.
     *
     * @param path          the path after the gateway root, e.g. {@code /bkhcn/v1/dossiers/123}
     * @param authorization the Authorization header, or null (checked, never stored)
     */
    public NdxpReply api(String method, String path, String query, String authorization, String contentType, byte[] body) {
        ledger.increment(CALLS);
        byte[] payload = body == null ? new byte[0] : body;
        ledger.recordRequest(method + " " + path + (query == null ? "" : "?" + query)
                + (payload.length == 0 ? "" : "\n" + recordable(payload)));
        FaultDecision decision = faults.decide();
        NdxpReply fault = outage(decision);
        if (fault != null) {
            return fault;
        }
        faults.sleepLatency();
        String[] parts = split(path);
        String context = parts[0];
        String version = parts[1];
        NdxpBackend backend = context == null ? null : backends().get(context);
        if (backend == null || version == null) {
            return NdxpReply.json(404, SimJson.write(Map.of("fault", fault(404, "Runtime Error",
                    "No matching resource found for given API Request", "Status report"))));
        }
        String token = bearer(authorization);
        if (token == null) {
            ledger.increment(UNAUTHORIZED);
            return NdxpReply.json(401, SimJson.write(Map.of("fault", fault(900902, "Missing Credentials",
                    "Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN'", null))));
        }
        Instant expiry = tokens.get(token);
        if (expiry == null || !clock.instant().isBefore(expiry)) {
            if (expiry != null) {
                tokens.remove(token, expiry);
            }
            ledger.increment(UNAUTHORIZED);
            return NdxpReply.json(401, SimJson.write(Map.of("fault", fault(900901, "Invalid Credentials",
                    "Access failure for API: /" + context + "/" + version + ", version: " + version
                            + " status: (900901) - Invalid Credentials. Make sure you have given the correct access token", null))));
        }
        if (decision == FaultDecision.REJECT) {
            ledger.addRejected(1);
            return NdxpReply.json(400, SimJson.write(Map.of("fault", fault(400, "Bad Request",
                    "The request was rejected by the gateway (simulated)", null))));
        }
        NdxpReply reply;
        try {
            reply = backend.handle(method.toUpperCase(Locale.ROOT), version, parts[2], query, contentType, payload);
            if (reply == null) {
                throw new IllegalStateException("backend " + context + " gave no answer");
            }
        } catch (RuntimeException e) {
            ledger.increment(ERRORS);
            reply = NdxpReply.json(500, SimJson.write(Map.of("fault", fault(101500, "Runtime Error",
                    "Error in the back end of API /" + context + "/" + version, null))));
        }
        if (decision == FaultDecision.DROP_AFTER_APPLY) {
            faults.sleepHang();
        }
        return reply;
    }

    /** Every issued token becomes invalid, as when the key manager restarts; returns how many there were. */
    public int revokeTokens() {
        int n = tokens.size();
        tokens.clear();
        return n;
    }

    /** Tokens currently held (issued, not revoked; expired ones may linger until the next issue). */
    public int activeTokens() {
        return tokens.size();
    }

    /** The token values currently held, for tests that check a client never leaks them (never served over HTTP). */
    public Set<String> issuedTokens() {
        return Set.copyOf(tokens.keySet());
    }

    // ---- SimControl -----------------------------------------------------------------------------

    public long counter(String name) {
        return ledger.get(name);
    }

    @Override
    public SimLedger ledger() {
        return ledger;
    }

    /** The gateway's fault knobs; {@link #knobs()} and {@link #updateKnobs} add this simulator's own. */
    @Override
    public SimKnobs knobSet() {
        return faults;
    }

    @Override
    public Map<String, Object> knobs() {
        Map<String, Object> m = new LinkedHashMap<>(faults.snapshot());
        long ttl = ttlMillis;
        m.put(TOKEN_TTL_SECONDS, ttl % 1000 == 0 ? (Object) (ttl / 1000) : (Object) (ttl / 1000.0));
        return m;
    }

    @Override
    public synchronized Map<String, Object> updateKnobs(Map<String, Object> changes) {
        Map<String, Object> faultPart = new HashMap<>();
        long ttl = ttlMillis;
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            if (SimFaults.isKnob(e.getKey())) {
                faultPart.put(e.getKey(), e.getValue());
            } else if (TOKEN_TTL_SECONDS.equals(e.getKey())) {
                if (e.getValue() == null) {
                    ttl = defaultTtlMillis;
                } else if (e.getValue() instanceof Number n) {
                    ttl = ttlMillis(n.doubleValue());
                } else {
                    throw new IllegalArgumentException(TOKEN_TTL_SECONDS + ": must be a positive number of seconds (fractions allowed, at most 7 days)");
                }
            } else {
                throw new IllegalArgumentException("unknown knob: " + e.getKey());
            }
        }
        faults.update(faultPart); // throws before anything of this update is applied
        ttlMillis = ttl;
        return knobs();
    }

    @Override
    public synchronized void reset() {
        tokens.clear();
        ledger.reset();
        faults.reset();
        ttlMillis = defaultTtlMillis;
    }

    // ---- helpers --------------------------------------------------------------------------------

    /** 503 (gateway outage) or, after hangMs, 504 — before anything else happens; null otherwise. */
    private NdxpReply outage(FaultDecision decision) {
        if (decision == FaultDecision.ERROR) {
            ledger.increment(ERRORS);
            return NdxpReply.json(503, SimJson.write(Map.of("fault", fault(101503, "Runtime Error",
                    "Error connecting to the back end", null))));
        }
        if (decision == FaultDecision.HANG) {
            faults.sleepHang();
            ledger.increment(ERRORS);
            return NdxpReply.json(504, SimJson.write(Map.of("fault", fault(101504, "Runtime Error",
                    "Send timeout", null))));
        }
        return null;
    }

    private static Map<String, Object> fault(int code, String message, String description, String type) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("code", code);
        if (type != null) {
            f.put("type", type);
        }
        f.put("message", message);
        f.put("description", description);
        return f;
    }

    private Map<String, NdxpBackend> backends() {
        Map<String, NdxpBackend> m = backends;
        if (m == null) {
            synchronized (this) {
                m = backends;
                if (m == null) {
                    m = new HashMap<>();
                    for (NdxpBackend b : backendSource.get()) {
                        NdxpBackend before = m.put(b.context(), b);
                        if (before != null) {
                            throw new IllegalStateException("two NDXP backends serve the context " + b.context());
                        }
                    }
                    backends = m;
                }
            }
        }
        return m;
    }

    /** {context, version, resourcePath} of a path; null parts when missing. */
    static String[] split(String path) {
        String p = path == null ? "" : path;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        String[] segs = p.split("/", 3);
        String context = segs.length > 0 && !segs[0].isEmpty() ? segs[0] : null;
        String version = segs.length > 1 && !segs[1].isEmpty() ? segs[1] : null;
        String resource = segs.length > 2 ? "/" + segs[2] : "";
        return new String[] {context, version, resource};
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = authorization.substring(7).trim();
        return t.isEmpty() ? null : t;
    }

    private static String[] basic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String first(Map<String, List<String>> form, String key) {
        List<String> v = form == null ? null : form.get(key);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The form re-encoded with the client secret replaced by {@code ***}. */
    static String masked(Map<String, List<String>> form) {
        StringBuilder sb = new StringBuilder();
        if (form == null) {
            return "";
        }
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            for (String value : e.getValue()) {
                if (!sb.isEmpty()) {
                    sb.append('&');
                }
                sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=');
                sb.append("client_secret".equals(e.getKey()) ? "***" : URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return sb.toString();
    }

    private static String recordable(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > MAX_RECORDED_BODY ? s.substring(0, MAX_RECORDED_BODY) + "…" : s;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static long ttlMillis(double seconds) {
        long millis = Math.round(seconds * 1000);
        if (Double.isNaN(seconds) || seconds <= 0 || millis < 1 || millis > MAX_TTL_MILLIS) {
            throw new IllegalArgumentException(TOKEN_TTL_SECONDS + ": must be a positive number of seconds (fractions allowed, at most 7 days)");
        }
        return millis;
    }
}
