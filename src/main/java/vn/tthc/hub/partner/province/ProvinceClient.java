package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.partner.ClientCredentialsToken;
import vn.tthc.hub.partner.PartnerHttp;

/**
 * Reads the province system's dossier API and writes progress back into it, with an OAuth2
 * client-credentials token of its Keycloak realm ({@link ClientCredentialsToken}: cached, renewed before
 * expiry, renewed once on a 401). Tokens and the client secret are never logged.
 */
@Component
public class ProvinceClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PartnerHttp http;
    private final ProvinceProperties props;
    private final ClientCredentialsToken tokens;

    public ProvinceClient(PartnerHttp http, ProvinceProperties props, Clock clock, MeterRegistry meters) {
        this.http = http;
        this.props = props;
        this.tokens = new ClientCredentialsToken("province", "Province", http, props, clock, meters);
    }

    /** One page of dossiers updated at or after {@code updatedFrom} (ISO-8601 with offset). */
    public JsonNode page(String updatedFrom, int page, int size) {
        String query = "updatedFrom=" + enc(updatedFrom) + "&page=" + page + "&size=" + size;
        PartnerHttp.Response r = tokens.call(t -> http.get(base() + "/api/v1/dossiers", query, bearer(t)));
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
        return tokens.call(t -> http.get(base() + "/api/v1/dossiers/" + enc(code), null, bearer(t)));
    }

    /** Writes progress steps, status and results of a dossier processed elsewhere back into the province system. */
    public PartnerHttp.Response writeBack(String code, String body) {
        return tokens.call(t -> http.post(base() + "/api/v1/dossiers/" + enc(code) + "/progress", "application/json; charset=utf-8",
                body, bearer(t)));
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    private String base() {
        return props.getBaseUrl();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The province system could not be read; the pull tries again at its next run. */
    public static class ProvinceException extends RuntimeException {
        public ProvinceException(String message) {
            super(message);
        }
    }
}
