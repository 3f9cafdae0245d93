package vn.tthc.hub.sync;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import vn.tthc.hub.dossier.Dossier;

/**
 * Knows the target adapters and decides which targets a stored version goes to: a province dossier
 * whose procedure is handled by a ministry system (routing table, by reception date) goes to that
 * ministry; everything else follows its source's flow ({@code hub.flows.<source>}, or
 * {@code hub.flows.ministry-*} for any ministry), filtered by what each target wants.
 */
@Component
public class TargetRegistry {
    /** The source whose dossiers are routed by procedure (the province's one-stop system). */
    public static final String ROUTED_SOURCE = "province";
    public static final String PROVINCE_HANDLER = "province";

    private final Map<String, TargetAdapter> adapters = new LinkedHashMap<>();
    private final SyncProperties props;
    private final ProcedureRouter router;

    public TargetRegistry(ObjectProvider<TargetAdapter> single, ObjectProvider<TargetAdapterGroup> groups, SyncProperties props,
                          ProcedureRouter router) {
        this.props = props;
        this.router = router;
        Stream.concat(single.orderedStream(), groups.orderedStream().flatMap(g -> g.adapters().stream()))
                .forEach(a -> adapters.put(a.id(), a));
        for (String t : props.flowTargets()) {
            if (!adapters.containsKey(t)) {
                throw new IllegalStateException("target '" + t + "' (hub.flows) has no adapter; known: " + adapters.keySet());
            }
        }
    }

    public List<String> targetsFor(String source, Dossier d, int stepsFrom) {
        List<String> candidates = props.flowOf(source);
        if (ROUTED_SOURCE.equals(source)) {
            Instant at = d.receivedAt() != null ? d.receivedAt() : d.submittedAt();
            String handler = router.handlerFor(d.procedureCode(), at);
            if (!PROVINCE_HANDLER.equals(handler)) {
                if (!adapters.containsKey(handler)) {
                    throw new RoutingException("procedure " + d.procedureCode() + " is handled by " + handler
                            + " (mappings/catalogue/routing.csv), but no such ministry system is configured under hub.ministries");
                }
                candidates = List.of(handler);
            }
        }
        return candidates.stream().filter(t -> adapters.get(t).wants(d, stepsFrom)).toList();
    }

    public TargetAdapter adapter(String id) {
        TargetAdapter a = adapters.get(id);
        if (a == null) {
            throw new IllegalArgumentException("unknown target " + id);
        }
        return a;
    }

    /** Every target: those the flows name, then the other adapters' (the ministry systems, reached by routing). */
    public List<String> allTargets() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>(props.flowTargets());
        all.addAll(adapters.keySet());
        return List.copyOf(all);
    }

    /** A dossier names a handler the hub cannot reach: refused (and quarantined) rather than sent the wrong way. */
    public static class RoutingException extends RuntimeException {
        public RoutingException(String message) {
            super(message);
        }
    }
}
