package vn.tthc.hub.sim.common;

import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The control endpoints shared by the partner simulators, under their own path:
 * {@code _control/ledger}, {@code _control/ledger/requests?limit=K}, {@code _control/faults}
 * (GET shows, POST changes), {@code _control/reset}.
 */
public abstract class SimControlEndpoints {
    private static final int DEFAULT_REQUEST_LIMIT = SimControlActions.DEFAULT_REQUEST_LIMIT;

    protected abstract SimControl control();

    @GetMapping(path = "/_control/ledger", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> ledger() {
        return SimControlActions.ledger(control());
    }

    @GetMapping(path = "/_control/ledger/requests", produces = MediaType.APPLICATION_JSON_VALUE)
    public List<String> requests(@RequestParam(name = "limit", defaultValue = "" + DEFAULT_REQUEST_LIMIT) int limit) {
        return SimControlActions.requests(control(), limit);
    }

    @GetMapping(path = "/_control/faults", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> knobs() {
        return SimControlActions.knobs(control());
    }

    @PostMapping(path = "/_control/faults", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Object> updateKnobs(@RequestBody(required = false) String body) {
        return SimControlActions.updateKnobs(control(), body);
    }

    @PostMapping(path = "/_control/reset", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> reset() {
        return SimControlActions.reset(control());
    }
}
