package vn.tthc.hub.sim.ndxp;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sim.common.SimControl;
import vn.tthc.hub.sim.common.SimControlEndpoints;

/**
 * HTTP face of the NDXP gateway simulator under {@code /sim/ndxp}: {@code POST token}, every API
 * call {@code {context}/{version}/**} (routed in-process to the {@link NdxpBackend} beans), and the
 * {@code _control} endpoints (ledger, raw requests, knobs, reset, {@code revoke-tokens}).
 * Off with {@code hub.simulators.enabled=false}.
 */
@RestController
@RequestMapping(NdxpSimController.ROOT)
public class NdxpSimController extends SimControlEndpoints {
    static final String ROOT = "/sim/ndxp";

    private final NdxpGateway gateway;

    /** Built by Spring: credentials are read from the environment at every token request (the hub fills them at start-up). */
    @Autowired
    public NdxpSimController(Environment env, ObjectProvider<NdxpBackend> backends, ObjectProvider<NdxpBackendGroup> groups,
                             @Value("${hub.sim.ndxp.token-ttl-seconds:3600}") double tokenTtlSeconds) {
        this(new NdxpGateway(
                () -> new NdxpGateway.Credentials(
                        env.getProperty("hub.partners.ndxp.client-id", ""),
                        env.getProperty("hub.partners.ndxp.client-secret", "")),
                () -> java.util.stream.Stream.concat(backends.orderedStream(),
                        groups.orderedStream().flatMap(g -> g.backends().stream())).toList(),
                Clock.systemUTC(), tokenTtlSeconds));
    }

    /** For tests and embedding: serve the given gateway. */
    public NdxpSimController(NdxpGateway gateway) {
        this.gateway = gateway;
    }

    public NdxpGateway gateway() {
        return gateway;
    }

    @PostMapping("/token")
    public ResponseEntity<byte[]> token(@RequestParam MultiValueMap<String, String> form,
                                        @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        ResponseEntity<byte[]> r = toResponse(gateway.token(form, authorization));
        return ResponseEntity.status(r.getStatusCode()).headers(h -> {
            h.putAll(r.getHeaders());
            h.setCacheControl("no-store");
            h.setPragma("no-cache");
        }).body(r.getBody());
    }

    /** Every issued token becomes invalid, as when the key manager restarts. */
    @PostMapping(path = "/_control/revoke-tokens", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> revokeTokens() {
        return Map.of("revoked", gateway.revokeTokens());
    }

    @RequestMapping("/{context}/{version}/**")
    public ResponseEntity<byte[]> api(HttpServletRequest request,
                                      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                      @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                      @RequestBody(required = false) byte[] body) {
        String uri = request.getRequestURI();
        String prefix = request.getContextPath() + ROOT;
        String path = uri.startsWith(prefix) ? uri.substring(prefix.length()) : uri;
        return toResponse(gateway.api(request.getMethod(), path, request.getQueryString(), authorization, contentType, body));
    }

    @Override
    protected SimControl control() {
        return gateway;
    }

    private static ResponseEntity<byte[]> toResponse(NdxpReply reply) {
        String ct = reply.contentType() == null ? "application/json" : reply.contentType();
        String lower = ct.toLowerCase(Locale.ROOT);
        if (!lower.contains("charset") && (lower.startsWith("text/") || lower.contains("xml") || lower.contains("json"))) {
            ct = ct + ";charset=UTF-8";
        }
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        return ResponseEntity.status(reply.status()).header(HttpHeaders.CONTENT_TYPE, ct).body(bytes);
    }
}
