package vn.tthc.hub.sim.common;

import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;

/**
 * The bodies of the shared control endpoints, for a given simulator: {@link SimControlEndpoints}
 * serves one fixed simulator with them, and controllers that pick the simulator from a path variable
 * (e.g. {@code /sim/ministry-{code}}) call them directly.
 */
public final class SimControlActions {
    public static final int DEFAULT_REQUEST_LIMIT = 100;

    private SimControlActions() {
    }

    public static Map<String, Object> ledger(SimControl control) {
        return control.ledgerSnapshot();
    }

    public static List<String> requests(SimControl control, int limit) {
        return control.lastRequests(limit);
    }

    public static Map<String, Object> knobs(SimControl control) {
        return control.knobs();
    }

    /** Applies the JSON object of knobs; 400 {@code {"error":…}} naming a bad key or value. */
    public static ResponseEntity<Object> updateKnobs(SimControl control, String body) {
        try {
            return ResponseEntity.ok(control.updateKnobs(SimJson.parseObject(body)));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", e.getMessage()));
        }
    }

    public static Map<String, Object> reset(SimControl control) {
        control.reset();
        return control.ledgerSnapshot();
    }
}
