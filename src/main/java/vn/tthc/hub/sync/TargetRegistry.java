package vn.tthc.hub.sync;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.tthc.hub.config.HubProperties;
import vn.tthc.hub.dossier.Dossier;

/**
 * Knows the target adapters and which targets each source feeds ({@code hub.flows.<source>}),
 * and decides which of them a stored version concerns.
 */
@Component
public class TargetRegistry {
    private final Map<String, TargetAdapter> adapters;
    private final HubProperties props;

    public TargetRegistry(List<TargetAdapter> adapters, HubProperties props) {
        this.adapters = adapters.stream().collect(Collectors.toMap(TargetAdapter::id, Function.identity()));
        this.props = props;
        props.getFlows().forEach((source, targets) -> targets.forEach(t -> {
            if (!this.adapters.containsKey(t)) {
                throw new IllegalStateException("hub.flows." + source + " names target '" + t + "', but no adapter has that id; known: "
                        + this.adapters.keySet());
            }
        }));
    }

    public List<String> targetsFor(String source, Dossier d, int stepsFrom) {
        return props.getFlows().getOrDefault(source, List.of()).stream()
                .filter(t -> adapters.get(t).wants(d, stepsFrom))
                .toList();
    }

    public TargetAdapter adapter(String id) {
        TargetAdapter a = adapters.get(id);
        if (a == null) {
            throw new IllegalArgumentException("unknown target " + id);
        }
        return a;
    }

    public List<String> allTargets() {
        return props.getFlows().values().stream().flatMap(List::stream).distinct().toList();
    }
}
