package vn.tthc.hub.reconcile;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A run as the API answers it: {@code {"id","state","trigger","startedBy","reason","heal","from","to","startedAt",
 * "finishedAt","counts":{category:n,…,"checked":n},"healed"}}, with byTarget, byProcedure, byAgency, unchecked and error
 * beside in the detail. A RUNNING run's counts are the differences stored so far (its counts are written when it ends).
 */
@Component
public class ReconcileSummaries {
    private final ReconcileStore store;

    public ReconcileSummaries(ReconcileStore store) {
        this.store = store;
    }

    /** category key → n for every category, and "checked"; a RUNNING run's from the differences found so far. */
    public Map<String, Long> categoryCounts(ReconcileStore.Run r) {
        Map<String, Long> byCategory = new LinkedHashMap<>();
        if (r.running()) {
            Map<String, Long> live = store.liveCategoryCounts(r.id());
            for (Category c : Category.values()) {
                byCategory.put(c.key(), live.getOrDefault(c.key(), 0L));
            }
        } else {
            Map<String, Map<String, Long>> counts = store.counts(r.id()).getOrDefault("category", Map.of());
            for (Category c : Category.values()) {
                Map<String, Long> n = counts.get(c.key());
                byCategory.put(c.key(), n == null ? 0L : n.getOrDefault(c.key(), 0L));
            }
        }
        byCategory.put("checked", r.checked());
        return byCategory;
    }

    /** The notes of what was compared on the hub's side only, or not at all. */
    public static List<String> unchecked(ReconcileStore.Run r) {
        return r.unchecked() == null || r.unchecked().isBlank() ? List.of() : List.of(r.unchecked().split("; "));
    }

    public Map<String, Object> of(ReconcileStore.Run r, boolean detail) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("state", r.state());
        m.put("trigger", r.trigger());
        m.put("startedBy", r.startedBy());
        m.put("reason", r.reason());
        m.put("heal", r.heal());
        m.put("from", String.valueOf(r.from()));
        m.put("to", String.valueOf(r.to()));
        m.put("startedAt", String.valueOf(r.startedAt()));
        m.put("finishedAt", r.finishedAt() == null ? null : r.finishedAt().toString());
        m.put("counts", categoryCounts(r));
        m.put("healed", r.healed());
        m.put("unchecked", unchecked(r));
        if (detail) {
            Map<String, Map<String, Map<String, Long>>> counts = store.counts(r.id());
            m.put("byTarget", counts.getOrDefault("target", Map.of()));
            m.put("byProcedure", counts.getOrDefault("procedure", Map.of()));
            m.put("byAgency", counts.getOrDefault("agency", Map.of()));
            m.put("error", r.error());
        }
        return m;
    }
}
