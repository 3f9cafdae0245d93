package vn.tthc.hub.sim.ministry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sim.common.SimControlActions;
import vn.tthc.hub.sim.common.SimDrift;
import vn.tthc.hub.sim.common.SimJson;

/**
 * Control endpoints of the ministry simulators under {@code /sim/ministry-{code}/_control/…} (ledger,
 * requests, faults, reset, advance, drift, one dossier), dispatching to the ministry of the code (404 for
 * an unknown one). The ministries' own API is reached through the NDXP gateway.
 */
@RestController
@RequestMapping(path = "/sim", produces = MediaType.APPLICATION_JSON_VALUE)
public class MinistrySimController {

    private final MinistrySims sims;

    public MinistrySimController(MinistrySims sims) {
        this.sims = sims;
    }

    @GetMapping("/ministry-{code}/_control/ledger")
    public ResponseEntity<Object> ledger(@PathVariable("code") String code) {
        MinistrySimulator s = sims.get(code);
        return s == null ? unknown(code) : ResponseEntity.ok(SimControlActions.ledger(s));
    }

    @GetMapping("/ministry-{code}/_control/ledger/requests")
    public ResponseEntity<Object> requests(@PathVariable("code") String code,
                                           @RequestParam(name = "limit", defaultValue = "" + SimControlActions.DEFAULT_REQUEST_LIMIT) int limit) {
        MinistrySimulator s = sims.get(code);
        return s == null ? unknown(code) : ResponseEntity.ok(SimControlActions.requests(s, limit));
    }

    @GetMapping("/ministry-{code}/_control/faults")
    public ResponseEntity<Object> knobs(@PathVariable("code") String code) {
        MinistrySimulator s = sims.get(code);
        return s == null ? unknown(code) : ResponseEntity.ok(SimControlActions.knobs(s));
    }

    @PostMapping("/ministry-{code}/_control/faults")
    public ResponseEntity<Object> updateKnobs(@PathVariable("code") String code, @RequestBody(required = false) String body) {
        MinistrySimulator s = sims.get(code);
        return s == null ? unknown(code) : SimControlActions.updateKnobs(s, body);
    }

    @PostMapping("/ministry-{code}/_control/reset")
    public ResponseEntity<Object> reset(@PathVariable("code") String code) {
        MinistrySimulator s = sims.get(code);
        return s == null ? unknown(code) : ResponseEntity.ok(SimControlActions.reset(s));
    }

    /** Advances each unfinished dossier one step now; body {@code {"max":n}} (optional) bounds how many. */
    @PostMapping("/ministry-{code}/_control/advance")
    public ResponseEntity<Object> advance(@PathVariable("code") String code, @RequestBody(required = false) String body) {
        MinistrySimulator s = sims.get(code);
        if (s == null) {
            return unknown(code);
        }
        int max = Integer.MAX_VALUE;
        if (body != null && !body.isBlank()) {
            try {
                JsonNode max0 = SimJson.parse(body).get("max");
                if (max0 != null && !max0.isNull()) {
                    if (!max0.canConvertToInt() || !max0.isIntegralNumber() || max0.intValue() < 0) {
                        throw new IllegalArgumentException("max: must be a whole number >= 0");
                    }
                    max = max0.intValue();
                }
            } catch (IllegalArgumentException e) {
                return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
            }
        }
        return ResponseEntity.ok(s.advance(max));
    }

    /**
     * {@code {"hidden":N}}, optionally {@code "among":[codes]} → {@code {"codes":[…]}} (400 naming a bad field): N
     * dossiers take their next step as a change the hub is never told about (dated at their previous change time, behind
     * the pull watermark, but listed by a look-up from before it).
     */
    @PostMapping("/ministry-{code}/_control/drift")
    public ResponseEntity<Object> drift(@PathVariable("code") String code, @RequestBody(required = false) String body) {
        MinistrySimulator s = sims.get(code);
        if (s == null) {
            return unknown(code);
        }
        SimDrift d;
        try {
            d = SimDrift.parse(body, Set.of("hidden"));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
        return ResponseEntity.ok(Map.of("codes", s.hide(d.count(), d.among())));
    }

    @GetMapping("/ministry-{code}/_control/dossiers/{maHoSo}")
    public ResponseEntity<Object> dossier(@PathVariable("code") String code, @PathVariable("maHoSo") String maHoSo) {
        MinistrySimulator s = sims.get(code);
        if (s == null) {
            return unknown(code);
        }
        ObjectNode view = s.dossierView(maHoSo);
        return view == null ? ResponseEntity.status(404).body(Map.of("error", "unknown dossier: " + maHoSo))
                : ResponseEntity.ok(view);
    }

    /** The configured ministries: code, name, context, format. */
    @GetMapping("/ministries")
    public List<MinistryConfig> ministries() {
        return sims.simulators().stream().map(MinistrySimulator::config).toList();
    }

    private static ResponseEntity<Object> unknown(String code) {
        return ResponseEntity.status(404).body(Map.of("error", "unknown ministry: " + code));
    }
}
