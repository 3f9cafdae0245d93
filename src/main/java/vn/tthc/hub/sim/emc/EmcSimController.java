package vn.tthc.hub.sim.emc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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
 * HTTP face of the EMC simulator under {@code /sim/emc}: {@code TrackingMCDT} and the
 * {@code _control} endpoints (ledger, raw requests, knobs, reset, one dossier's events).
 * Off with {@code hub.simulators.enabled=false}.
 */
@RestController
@RequestMapping("/sim/emc")
public class EmcSimController extends SimControlEndpoints {


    private final EmcSimulator simulator;

    @Autowired
    public EmcSimController(
            @Value("${hub.partners.emc.site-id:1}") int siteId,
            @Value("${hub.sim.emc.max-body-bytes:" + EmcSimulator.DEFAULT_MAX_BODY_BYTES + "}") int maxBodyBytes) {
        this(new EmcSimulator(siteId, maxBodyBytes));
    }

    /** For tests and embedding: serve the given simulator. */
    public EmcSimController(EmcSimulator simulator) {
        this.simulator = simulator;
    }

    public EmcSimulator simulator() {
        return simulator;
    }

    @PostMapping("/TrackingMCDT")
    public ResponseEntity<String> track(
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        EmcSimulator.Reply reply = simulator.track(contentType, body);
        return ResponseEntity.status(reply.status())
                .header(HttpHeaders.CONTENT_TYPE, reply.contentType())
                .body(reply.body());
    }

    @Override
    protected SimControl control() {
        return simulator;
    }

    @GetMapping(path = "/_control/dossiers/{code}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> dossier(@PathVariable("code") String code) {
        ArrayNode events = simulator.events(code);
        if (events == null) {
            return ResponseEntity.status(404).body(Map.of("error", "unknown dossier: " + code));
        }
        return ResponseEntity.ok(events);
    }
}
