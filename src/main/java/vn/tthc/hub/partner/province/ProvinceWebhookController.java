package vn.tthc.hub.partner.province;

import jakarta.servlet.http.HttpServletRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sync.SyncProperties;
import vn.tthc.hub.sync.IntakeResult;
import vn.tthc.hub.sync.IntakeService;

/**
 * The province system's webhook. The signature comes first: a call without a well-formed
 * {@code X-Hub-Signature-256: sha256=<hex>} header is refused before its body is read, and a body
 * is read (at most {@code hub.intake.max-read-bytes}, holding at most {@code hub.max-body-bytes})
 * only to check its HMAC-SHA256 with the shared secret. Unauthenticated calls are counted, logged
 * with the sender's address (rate-limited), answered 429 past a sender's allowance, and never
 * stored. An authenticated body is answered 202 only after the change is committed; refused ones
 * get a 4xx naming the field and the rule and are kept in quarantine, an oversize one as a
 * bounded prefix.
 */
@RestController
public class ProvinceWebhookController {
    private static final Logger log = LoggerFactory.getLogger(ProvinceWebhookController.class);
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    private static final Pattern SIGNATURE = Pattern.compile("sha256=([0-9a-fA-F]{64})");

    private final IntakeService intake;
    private final SyncProperties props;
    private final ProvinceProperties province;
    private final UnauthenticatedCalls unauthenticated;
    private final MeterRegistry meters;

    public ProvinceWebhookController(IntakeService intake, SyncProperties props, ProvinceProperties province, Clock clock,
                                     MeterRegistry meters) {
        this.province = province;
        this.intake = intake;
        this.props = props;
        this.meters = meters;
        this.unauthenticated = new UnauthenticatedCalls(clock, props.getIntake().getUnauthenticatedPerMinute());
    }

    @PostMapping("/api/v1/intake/province")
    public ResponseEntity<Map<String, Object>> push(HttpServletRequest request) throws IOException {
        String sender = request.getRemoteAddr();
        if (unauthenticated.overAllowance(sender)) {
            refused(sender, "throttled");
            return ResponseEntity.status(429).header("Retry-After", String.valueOf(UnauthenticatedCalls.WINDOW.toSeconds()))
                    .body(error("too_many_unauthenticated", SIGNATURE_HEADER, "rate",
                            "too many unauthenticated calls from this address; try again in a minute"));
        }
        String secret = province.getWebhookSecret();
        Matcher signature = SIGNATURE.matcher(String.valueOf(request.getHeader(SIGNATURE_HEADER)).trim());
        if (secret == null || secret.isEmpty() || !signature.matches()) {
            refused(sender, "missing-signature");
            return unauthorized("missing or malformed signature header (sha256=<64 hex digits>)");
        }
        long ceiling = Math.max(props.getIntake().getMaxReadBytes(), props.getMaxBodyBytes());
        if (request.getContentLengthLong() > ceiling) {
            // too large to be read even for its signature: it cannot be known to be the province's, so it is not kept
            refused(sender, "unverifiable-size");
            return ResponseEntity.status(413).body(error("too_large", "body", "size",
                    "body is " + request.getContentLengthLong() + " bytes, at most " + props.getMaxBodyBytes() + " are accepted"));
        }
        SignedBody body = SignedBody.read(request.getInputStream(), props.getMaxBodyBytes(), ceiling, secret);
        if (body.overCeiling()) {
            refused(sender, "unverifiable-size");
            return ResponseEntity.status(413).body(error("too_large", "body", "size",
                    "body is more than " + ceiling + " bytes, at most " + props.getMaxBodyBytes() + " are accepted"));
        }
        if (!MessageDigest.isEqual(body.mac(), HexFormat.of().parseHex(signature.group(1).toLowerCase()))) {
            refused(sender, "wrong-signature");
            return unauthorized("wrong HMAC-SHA256 signature of the body");
        }
        if (body.size() > props.getMaxBodyBytes()) {
            // authenticated, so the province really sent it: a bounded prefix is kept as evidence
            IntakeResult r = intake.acceptOversize(ProvinceFeed.SOURCE, "webhook", body.kept(), body.size(), request.getContentType());
            Map<String, Object> out = error("too_large", "body", "size", r.errors().get(0).message());
            out.put("quarantineId", r.quarantineId());
            return ResponseEntity.status(r.httpStatus()).body(out);
        }
        IntakeResult r = intake.acceptRaw(ProvinceFeed.SOURCE, "webhook", body.kept(), request.getContentType());
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

    /** Unauthenticated calls so far: totals by reason, last time and sender. */
    @GetMapping("/api/v1/intake/province/unauthenticated")
    public Map<String, Object> unauthenticated() {
        return unauthenticated.totals();
    }

    private void refused(String sender, String reason) {
        meters.counter("hub.intake.unauthenticated", "source", ProvinceFeed.SOURCE, "reason", reason).increment();
        long unlogged = unauthenticated.record(sender, reason);
        if (unlogged >= 0) {
            log.warn("Refused an unauthenticated province push from {} ({}){}; nothing of it is stored", sender, reason,
                    unlogged == 0 ? "" : "; " + unlogged + " more from this address in the previous minute were not logged");
        }
    }

    private ResponseEntity<Map<String, Object>> unauthorized(String message) {
        return ResponseEntity.status(401).body(error("unauthorized", SIGNATURE_HEADER, "hmac-sha256", message));
    }

    private static Map<String, Object> error(String code, String field, String rule, String message) {
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("field", field);
        detail.put("rule", rule);
        detail.put("message", message);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", code);
        m.put("errors", List.of(detail));
        return m;
    }

    /**
     * A body read for its signature: the HMAC of every byte read, at most {@code keep} bytes held, and
     * reading stopped past {@code ceiling} (then {@code overCeiling}, and the MAC is not complete).
     */
    record SignedBody(byte[] kept, long size, byte[] mac, boolean overCeiling) {
        static SignedBody read(InputStream in, int keep, long ceiling, String secret) throws IOException {
            Mac mac;
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
            ByteArrayOutputStream held = new ByteArrayOutputStream(Math.min(keep, 64 * 1024));
            byte[] buffer = new byte[16 * 1024];
            long size = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                size += n;
                if (size > ceiling) {
                    return new SignedBody(new byte[0], size, new byte[0], true);
                }
                mac.update(buffer, 0, n);
                int room = keep - held.size();
                if (room > 0) {
                    held.write(buffer, 0, Math.min(room, n));
                }
            }
            return new SignedBody(held.toByteArray(), size, mac.doFinal(), false);
        }
    }
}
