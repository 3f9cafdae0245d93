package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.config.HubProperties;
import vn.tthc.hub.partner.PartnerHttp;

/**
 * Reads the province system's dossier API: an OAuth2 client-credentials token from its Keycloak
 * realm (cached until shortly before expiry, fetched again once on a 401), then paged searches by
 * update time. Tokens and the client secret are never logged.
 */
@Component
public class ProvinceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PartnerHttp http;
    private final HubProperties props;
    private final Clock clock;
    private String token;
    private Instant tokenExpiry = Instant.EPOCH;

    public ProvinceClient(PartnerHttp http, HubProperties props, Clock clock) {
        this.http = http;
        this.props = props;
        this.clock = clock;
    }

    /** One page of dossiers updated at or after {@code updatedFrom} (ISO-8601 with offset). */
    public JsonNode page(String updatedFrom, int page, int size) {
        HubProperties.Partner p = props.partner("province");
        String query = "updatedFrom=" + URLEncoder.encode(updatedFrom, StandardCharsets.UTF_8) + "&page=" + page + "&size=" + size;
        PartnerHttp.Response r = http.get(p.getBaseUrl() + "/api/v1/dossiers", query, Map.of("Authorization", "Bearer " + token(false)));
        if (r.status() == 401) {
            r = http.get(p.getBaseUrl() + "/api/v1/dossiers", query, Map.of("Authorization", "Bearer " + token(true)));
        }
        if (!r.ok()) {
            throw new ProvinceException("dossier search failed: " + r.describe());
        }
        try {
            return JSON.readTree(r.body());
        } catch (Exception e) {
            throw new ProvinceException("dossier search answered unreadable JSON");
        }
    }

    /** One dossier as the province system holds it (404 when it has none). */
    public PartnerHttp.Response dossier(String code) {
        return withToken(t -> http.get(base() + "/api/v1/dossiers/" + enc(code), null, Map.of("Authorization", "Bearer " + t)));
    }

    /** Writes progress steps, status and results of a dossier processed elsewhere back into the province system. */
    public PartnerHttp.Response writeBack(String code, String body) {
        return withToken(t -> http.post(base() + "/api/v1/dossiers/" + enc(code) + "/progress", "application/json; charset=utf-8", body,
                Map.of("Authorization", "Bearer " + t)));
    }

    private PartnerHttp.Response withToken(java.util.function.Function<String, PartnerHttp.Response> call) {
        PartnerHttp.Response r;
        try {
            r = call.apply(token(false));
        } catch (ProvinceException e) {
            return new PartnerHttp.Response(0, null, null, e.getMessage());
        }
        if (r.status() == 401) {
            try {
                r = call.apply(token(true));
            } catch (ProvinceException e) {
                return new PartnerHttp.Response(0, null, null, e.getMessage());
            }
        }
        return r;
    }

    private String base() {
        return props.partner("province").getBaseUrl();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private synchronized String token(boolean renew) {
        Instant now = clock.instant();
        if (!renew && token != null && now.isBefore(tokenExpiry)) {
            return token;
        }
        HubProperties.Partner p = props.partner("province");
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(nz(p.getClientId()), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(nz(p.getClientSecret()), StandardCharsets.UTF_8);
        PartnerHttp.Response r = http.post(p.getTokenUrl(), "application/x-www-form-urlencoded", form, Map.of());
        if (!r.ok()) {
            // the answer of a token endpoint never carries the secret, but keep only the status
            throw new ProvinceException("token request refused: HTTP " + r.status() + (r.networkError() == null ? "" : " " + r.networkError()));
        }
        try {
            JsonNode t = JSON.readTree(r.body());
            token = t.path("access_token").asText();
            long ttl = t.path("expires_in").asLong(60);
            tokenExpiry = now.plusSeconds(Math.max(1, ttl - Math.min(30, ttl / 5)));
            return token;
        } catch (Exception e) {
            throw new ProvinceException("token answer unreadable");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The province system could not be read; the pull tries again at its next run. */
    public static class ProvinceException extends RuntimeException {
        public ProvinceException(String message) {
            super(message);
        }
    }
}
