package vn.tthc.hub.sim.province;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vn.tthc.hub.sim.common.SimJson;

/**
 * The province's Keycloak-style token endpoint logic: client-credentials grant checked against
 * the configured client, HS256-signed JWT access tokens that expire after the configured lifetime,
 * and Bearer checks for the API.
 */
public final class ProvinceTokens {

    /** The scope granted to the hub's client. */
    public static final String SCOPE = "profile email";
    private static final int PURGE_THRESHOLD = 10_000;

    private final Supplier<String> clientId;
    private final Supplier<String> clientSecret;
    private final LongSupplier ttlSeconds;
    private final Clock clock;
    private final byte[] signingKey = new byte[32];
    /** Issued tokens and their expiry (epoch milliseconds). */
    private final ConcurrentHashMap<String, Long> tokens = new ConcurrentHashMap<>();

    /**
     * @param clientId     the expected client id, read at every request (the hub may fill it at start-up)
     * @param clientSecret the expected client secret, read at every request; blank refuses every request
     * @param ttlSeconds   the lifetime of new tokens
     */
    public ProvinceTokens(Supplier<String> clientId, Supplier<String> clientSecret, LongSupplier ttlSeconds, Clock clock) {
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.ttlSeconds = ttlSeconds;
        this.clock = clock;
        new SecureRandom().nextBytes(signingKey);
    }

    /**
     * Handles a token request.
     *
     * @param realm         the realm in the path (any realm is served)
     * @param grantType     the form's {@code grant_type}
     * @param formClientId  the form's {@code client_id}
     * @param formSecret    the form's {@code client_secret}
     * @param authorization the {@code Authorization} header ({@code Basic base64(id:secret)}), or {@code null}
     * @return the token response body
     * @throws ProvinceApiException 400 {@code invalid_request}/{@code unsupported_grant_type}, 401 {@code invalid_client}
     */
    public Map<String, Object> issue(String realm, String grantType, String formClientId, String formSecret,
                                     String authorization) {
        if (grantType == null || grantType.isBlank()) {
            throw ProvinceApiException.of(400, "invalid_request", "Missing form parameter: grant_type");
        }
        String id = formClientId;
        String secret = formSecret;
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ProvinceApiException.of(401, "invalid_client", "Invalid client or Invalid client credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw ProvinceApiException.of(401, "invalid_client", "Invalid client or Invalid client credentials");
            }
            id = decoded.substring(0, colon);
            secret = decoded.substring(colon + 1);
        }
        String expectedId = clientId.get();
        String expectedSecret = clientSecret.get();
        if (expectedId == null || expectedId.isBlank() || expectedSecret == null || expectedSecret.isBlank()) {
            throw ProvinceApiException.of(401, "invalid_client", "Invalid client or Invalid client credentials");
        }
        if (id == null || secret == null || !constantTimeEquals(id, expectedId) || !constantTimeEquals(secret, expectedSecret)) {
            throw ProvinceApiException.of(401, "invalid_client", "Invalid client or Invalid client credentials");
        }
        if (!"client_credentials".equals(grantType)) {
            throw ProvinceApiException.of(400, "unsupported_grant_type", "Unsupported grant_type");
        }
        long ttl = ttlSeconds.getAsLong();
        long now = clock.millis();
        long expiry = now + ttl * 1000;
        String token = jwt(realm, id, now / 1000, expiry / 1000);
        if (tokens.size() > PURGE_THRESHOLD) {
            tokens.values().removeIf(exp -> exp <= now);
        }
        tokens.put(token, expiry);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("expires_in", ttl);
        body.put("refresh_expires_in", 0);
        body.put("token_type", "Bearer");
        body.put("not-before-policy", 0);
        body.put("scope", SCOPE);
        return body;
    }

    /** Whether the {@code Authorization} header carries a Bearer token issued here and not yet expired. */
    public boolean isValid(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        String token = authorization.substring(7).trim();
        Long expiry = tokens.get(token);
        if (expiry == null) {
            return false;
        }
        if (expiry <= clock.millis()) {
            tokens.remove(token, expiry);
            return false;
        }
        return true;
    }

    /** Forgets every issued token. */
    public void clear() {
        tokens.clear();
    }

    private String jwt(String realm, String client, long iat, long exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "HS256");
        header.put("typ", "JWT");
        header.put("kid", "tthc-sim-province");
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("exp", exp);
        claims.put("iat", iat);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iss", "/sim/province/auth/realms/" + realm);
        claims.put("typ", "Bearer");
        claims.put("azp", client);
        claims.put("scope", SCOPE);
        claims.put("clientId", client);
        String signingInput = b64.encodeToString(SimJson.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(SimJson.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
            return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
