package vn.tthc.hub.sim.dvcqg;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sim.common.SimControl;
import vn.tthc.hub.sim.common.SimControlEndpoints;

/**
 * HTTP face of the portal simulator under {@code /sim/dvcqg}: the adapter API
 * ({@code adapter/login}, {@code adapter/integration}) and the {@code _control} endpoints
 * (ledger, raw requests, knobs, reset, one dossier). Off with {@code hub.simulators.enabled=false}.
 */
@RestController
@RequestMapping("/sim/dvcqg")
public class DvcqgSimController extends SimControlEndpoints {


    private final DvcqgSimulator simulator;

    /** Built by Spring: credentials are read from the environment at every login (the hub fills them at start-up). */
    @Autowired
    public DvcqgSimController(
            Environment env,
            @Value("${hub.partners.dvcqg.dstcode:DVCQG}") String dstcode,
            @Value("${hub.sim.dvcqg.session-ttl-seconds:1800}") double sessionTtlSeconds,
            @Value("${hub.sim.dvcqg.max-batch:10}") int maxBatch,
            @Value("${hub.sim.dvcqg.max-body-bytes:4194304}") int maxBodyBytes,
            @Value("${hub.mappings-dir:mappings}") String mappingsDir) {
        this(new DvcqgSimulator(
                new DvcqgConfig(null, null, dstcode, Math.round(sessionTtlSeconds * 1000), maxBatch, maxBodyBytes,
                        Path.of(mappingsDir)),
                Clock.systemUTC(),
                () -> new DvcqgSimulator.Credentials(
                        env.getProperty("hub.partners.dvcqg.username", ""),
                        env.getProperty("hub.partners.dvcqg.password", ""))));
    }

    /** For tests and embedding: serve the given simulator. */
    public DvcqgSimController(DvcqgSimulator simulator) {
        this.simulator = simulator;
    }

    public DvcqgSimulator simulator() {
        return simulator;
    }

    @PostMapping("/adapter/login")
    public ResponseEntity<String> login(
            @RequestHeader(name = "dstcode", required = false) String dstcode,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        return toResponse(simulator.login(dstcode, contentType, body));
    }

    @PostMapping("/adapter/integration")
    public ResponseEntity<String> integration(
            @RequestHeader(name = "dstcode", required = false) String dstcode,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        return toResponse(simulator.integration(dstcode, contentType, body));
    }

    @Override
    protected SimControl control() {
        return simulator;
    }

    /** Drops every session, as a portal restart does: the next call of each client must log in again. */
    @PostMapping(path = "/_control/expire-sessions", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> expireSessions() {
        return Map.of("expired", simulator.expireSessions());
    }

    /** {@code {"drop":N}}, {@code {"stale":N}} or {@code {"alter":N}}, optionally {@code "among":[codes]} → {@code {"codes":[…]}} (400 naming a bad field). */
    @PostMapping(path = "/_control/drift", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> drift(@RequestBody(required = false) String body) {
        try {
            return ResponseEntity.ok(Map.of("codes", simulator.drift(vn.tthc.hub.sim.common.SimDrift.parse(body,
                    java.util.Set.of("drop", "stale", "alter")))));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }

    @GetMapping(path = "/_control/dossiers/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> dossier(@PathVariable("code") String code) {
        ObjectNode view = simulator.dossier(code);
        if (view == null) {
            return ResponseEntity.status(404).body(Map.of("error", "unknown dossier: " + code));
        }
        return ResponseEntity.ok(view);
    }

    private static ResponseEntity<String> toResponse(DvcqgSimulator.Reply reply) {
        return ResponseEntity.status(reply.status())
                .header(HttpHeaders.CONTENT_TYPE, reply.contentType())
                .body(reply.body());
    }
}
