package vn.tthc.hub.sim.province;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The province's Keycloak-style token endpoint ({@code client_credentials}, form or HTTP Basic client authentication). */
@RestController
public class ProvinceAuthController extends ProvinceControllerSupport {

    public ProvinceAuthController(ProvinceSimulator sim) {
        super(sim);
    }

    @PostMapping("/sim/province/auth/realms/{realm}/protocol/openid-connect/token")
    public ResponseEntity<Map<String, Object>> token(@PathVariable String realm,
                                                     @RequestParam MultiValueMap<String, String> form,
                                                     @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        sim.ledger().recordRequest(masked(form));
        Map<String, Object> body = sim.tokens().issue(realm, form.getFirst("grant_type"), form.getFirst("client_id"),
                form.getFirst("client_secret"), authorization);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").body(body);
    }

    /** The form re-encoded with the client secret replaced by {@code ***}. */
    static String masked(MultiValueMap<String, String> form) {
        StringBuilder sb = new StringBuilder();
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
}
