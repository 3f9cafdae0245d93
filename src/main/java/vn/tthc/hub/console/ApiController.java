package vn.tthc.hub.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sync.PartnerCircuits;
import vn.tthc.hub.sync.PullRegistry;
import vn.tthc.hub.sync.TargetRegistry;
import vn.tthc.hub.sync.WatermarkStore;

/**
 * Read-only management API over the sync state: one dossier with its deliveries, per-target
 * counts, deliveries by state and a delivery's attempts (the quarantine: {@link QuarantineApi}). Lists carry codes and
 * reasons, never personal data.
 */
@RestController
public class ApiController {
    private final ConsoleQueries queries;
    private final WatermarkStore watermarks;
    private final TargetRegistry targets;
    private final PullRegistry pulls;
    private final PartnerCircuits circuits;

    public ApiController(ConsoleQueries queries, WatermarkStore watermarks, TargetRegistry targets, PullRegistry pulls,
                         PartnerCircuits circuits) {
        this.circuits = circuits;
        this.queries = queries;
        this.watermarks = watermarks;
        this.targets = targets;
        this.pulls = pulls;
    }

    /**
     * One dossier: the first source's view on top (for a province dossier, the province's), every
     * source's view under {@code views}, and every delivery with its source.
     */
    @GetMapping("/api/v1/dossiers/{code}")
    public ResponseEntity<Object> dossier(@PathVariable String code) {
        List<DossierView> views = queries.dossierViews(code);
        if (views.isEmpty()) {
            // a fixed field order, and the code as asked masked like everything the API answers
            Map<String, String> notFound = new java.util.LinkedHashMap<>();
            notFound.put("error", "not_found");
            notFound.put("message", "no dossier " + vn.tthc.hub.dossier.Pii.maskText(code));
            return ResponseEntity.status(404).body(notFound);
        }
        return ResponseEntity.ok(new DossierDetail(views.get(0), views, queries.deliveriesOf(code)));
    }

    /**
     * Every partner: each target with its deliveries by state and its circuit ({@code closed|open|half-open}, this
     * instance's); each pulled source that is not also a
     * target (the coordination system) with the deliveries its versions produced and its watermark.
     */
    @GetMapping("/api/v1/partners")
    public Map<String, PartnerView> partners() {
        Map<String, StateCounts> byTarget = queries.countsByTarget();
        Map<String, StateCounts> bySource = queries.countsBySource();
        Map<String, PartnerView> out = new LinkedHashMap<>();
        for (String t : targets.allTargets()) {
            out.put(t, new PartnerView.Target(byTarget.getOrDefault(t, StateCounts.NONE), circuits.label(t)));
        }
        for (String source : new TreeSet<>(pulls.ids())) {
            if (!out.containsKey(source)) {
                out.put(source, new PartnerView.Source(bySource.getOrDefault(source, StateCounts.NONE),
                        watermarks.watermark(source).orElse(null)));
            }
        }
        return out;
    }

    @GetMapping("/api/v1/deliveries")
    public List<DeliveryListItem> deliveries(@RequestParam(required = false) String target,
                                             @RequestParam(required = false) String state,
                                             @RequestParam(defaultValue = "100") int limit) {
        return queries.listDeliveries(target, state == null ? null : state.toUpperCase(), Math.min(Math.max(limit, 1), 1000));
    }

    @GetMapping("/api/v1/deliveries/{id}/attempts")
    public List<AttemptView> attempts(@PathVariable long id) {
        return queries.attemptsOf(id);
    }
}
