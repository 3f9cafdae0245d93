package vn.tthc.hub.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sync.DeliveryState;
import vn.tthc.hub.sync.SyncStore;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * Read-only management API over the sync state: one dossier with its deliveries, per-target
 * counts, deliveries by state, a delivery's attempts, and the quarantine. Lists carry codes and
 * reasons, never personal data.
 */
@RestController
public class ApiController {
    private final SyncStore store;
    private final TargetRegistry targets;
    private final vn.tthc.hub.sync.PullRegistry pulls;

    public ApiController(SyncStore store, TargetRegistry targets, vn.tthc.hub.sync.PullRegistry pulls) {
        this.store = store;
        this.targets = targets;
        this.pulls = pulls;
    }

    /**
     * One dossier: the first source's view on top (for a province dossier, the province's), every
     * source's view under {@code views}, and every delivery with its source.
     */
    @GetMapping("/api/v1/dossiers/{code}")
    public ResponseEntity<Map<String, Object>> dossier(@PathVariable String code) {
        List<Map<String, Object>> views = store.dossierViews(code);
        if (views.isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "not_found", "message", "no dossier " + code));
        }
        Map<String, Object> d = new LinkedHashMap<>(views.get(0));
        d.put("views", views);
        d.put("deliveries", store.deliveriesOf(code));
        return ResponseEntity.ok(d);
    }

    /**
     * Every partner: each target with its deliveries by state; each pulled source that is not also a
     * target (the coordination system) with the deliveries its versions produced and its watermark.
     */
    @GetMapping("/api/v1/partners")
    public Map<String, Map<String, Object>> partners() {
        Map<String, Map<String, Long>> byTarget = store.countsByTarget();
        Map<String, Map<String, Long>> bySource = store.countsBySource();
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (String t : targets.allTargets()) {
            out.put(t, states(byTarget.getOrDefault(t, Map.of())));
        }
        for (String source : new java.util.TreeSet<>(pulls.ids())) {
            if (!out.containsKey(source)) {
                Map<String, Object> m = states(bySource.getOrDefault(source, Map.of()));
                m.put("role", "source");
                m.put("watermark", store.watermark(source).orElse(null));
                out.put(source, m);
            }
        }
        return out;
    }

    private static Map<String, Object> states(Map<String, Long> byState) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (DeliveryState s : DeliveryState.values()) {
            m.put(s.name().toLowerCase(), byState.getOrDefault(s.name(), 0L));
        }
        return m;
    }

    @GetMapping("/api/v1/deliveries")
    public List<Map<String, Object>> deliveries(@RequestParam(required = false) String target,
                                                @RequestParam(required = false) String state,
                                                @RequestParam(defaultValue = "100") int limit) {
        return store.listDeliveries(target, state == null ? null : state.toUpperCase(), Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/api/v1/deliveries/{id}/attempts")
    public List<Map<String, Object>> attempts(@PathVariable long id) {
        return store.attemptsOf(id);
    }

    @GetMapping("/api/v1/quarantine")
    public Map<String, Object> quarantine(@RequestParam(defaultValue = "100") int limit) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", store.countQuarantine());
        out.put("items", store.listQuarantine(Math.min(Math.max(limit, 1), 1000)));
        return out;
    }
}
