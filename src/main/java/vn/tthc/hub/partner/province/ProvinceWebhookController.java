package vn.tthc.hub.partner.province;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.config.HubProperties;
import vn.tthc.hub.sync.IntakeResult;
import vn.tthc.hub.sync.IntakeService;

/**
 * The province system's webhook: authenticates the push by HMAC-SHA256 of the exact body with the
 * shared secret ({@code X-Hub-Signature-256: sha256=<hex>}), reads at most the configured body
 * size, and answers 202 only after the change is committed; refused bodies get a 4xx naming the
 * field and the rule, and are kept in quarantine.
 */
@RestController
public class ProvinceWebhookController {
    private static final Logger log = LoggerFactory.getLogger(ProvinceWebhookController.class);
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";

    private final IntakeService intake;
    private final HubProperties props;

    public ProvinceWebhookController(IntakeService intake, HubProperties props) {
        this.intake = intake;
        this.props = props;
    }

    @PostMapping("/api/v1/intake/province")
    public ResponseEntity<Map<String, Object>> push(HttpServletRequest request) throws IOException {
        byte[] body = readLimited(request.getInputStream(), props.getMaxBodyBytes());
        if (body.length > props.getMaxBodyBytes()) {
            // refused before authentication so that a huge body costs nothing more; a prefix is kept
            IntakeResult r = intake.acceptRaw(ProvincePuller.SOURCE, "webhook", body, request.getContentType());
            return ResponseEntity.status(r.httpStatus()).body(error("too_large", Map.of("field", "body", "rule", "size",
                    "message", r.errors().get(0).message(), "quarantineId", r.quarantineId())));
        }
        String secret = props.partner(ProvincePuller.SOURCE).getWebhookSecret();
        if (secret == null || secret.isEmpty() || !validSignature(secret, body, request.getHeader(SIGNATURE_HEADER))) {
            log.warn("Refused a province push with a missing or wrong signature from {}", request.getRemoteAddr());
            return ResponseEntity.status(401).body(error("unauthorized", Map.of("field", SIGNATURE_HEADER,
                    "rule", "hmac-sha256", "message", "missing or wrong HMAC-SHA256 signature of the body")));
        }
        IntakeResult r = intake.acceptRaw(ProvincePuller.SOURCE, "webhook", body, request.getContentType());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("result", r.outcome().name());
        out.put("dossier", r.dossierCode());
        out.put("version", r.version());
        if (!r.accepted()) {
            out.put("error", "rejected");
            out.put("quarantineId", r.quarantineId());
            out.put("errors", r.errors());
        }
        return ResponseEntity.status(r.httpStatus()).body(out);
    }

    /** Reads up to limit + 1 bytes: enough to tell an oversize body without holding all of it. */
    static byte[] readLimited(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit + 1);
    }

    static boolean validSignature(String secret, byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal(body);
            byte[] given = HexFormat.of().parseHex(header.substring(7).trim().toLowerCase());
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException e) {
            return false;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> error(String code, Map<String, Object> detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("errors", java.util.List.of(detail));
        return m;
    }
}
