package vn.tthc.hub.sync;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Checks at start that configuration and {@code routes/} agree: every configured target has a
 * delivery route (an instance of {@code target-delivery}), every pull source a pull route (an
 * instance of {@code source-pull}), and no route instance names a target or source that is not
 * configured. A mismatch stops the hub with both sides named, before an operator wonders why a
 * partner receives nothing.
 */
@Component
public class RouteCoverage {
    static final String QUEUE_PREFIX = OutboxRelay.queueOf("");
    static final String PULL_PREFIX = "pull/";

    private final CamelContext camel;
    private final TargetRegistry targets;
    private final PullRegistry pulls;

    public RouteCoverage(CamelContext camel, TargetRegistry targets, PullRegistry pulls) {
        this.camel = camel;
        this.targets = targets;
        this.pulls = pulls;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void check() {
        Map<String, String> consumers = new TreeMap<>();
        for (Route r : camel.getRoutes()) {
            consumers.put(r.getRouteId(), r.getEndpoint().getEndpointUri());
        }
        List<String> problems = problems(targets.allTargets(), pulls.ids(), consumers);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("configuration and routes/ disagree: " + String.join("; ", problems));
        }
    }

    /**
     * What does not match, one sentence each.
     *
     * @param consumers route id → the URI of the endpoint the route consumes
     */
    static List<String> problems(Collection<String> configuredTargets, Collection<String> configuredSources, Map<String, String> consumers) {
        Map<String, String> deliveryRoutes = new TreeMap<>();
        Map<String, String> pullRoutes = new TreeMap<>();
        consumers.forEach((routeId, uri) -> {
            String path = uri.replaceFirst("^[a-z]+:(//)?", "").replaceFirst("\\?.*$", "");
            if (uri.startsWith("jms:") && path.startsWith("queue:" + QUEUE_PREFIX)) {
                deliveryRoutes.put(path.substring(("queue:" + QUEUE_PREFIX).length()), routeId);
            } else if (uri.startsWith("quartz:") && path.startsWith(PULL_PREFIX)) {
                pullRoutes.put(path.substring(PULL_PREFIX.length()), routeId);
            }
        });
        List<String> problems = new ArrayList<>();
        for (String t : new TreeSet<>(configuredTargets)) {
            if (!deliveryRoutes.containsKey(t)) {
                problems.add("target '" + t + "' is configured (hub.flows, hub.partners, hub.ministries) but no route in routes/ "
                        + "delivers to it (a templatedRoute of target-delivery with target: " + t + ")");
            }
        }
        deliveryRoutes.forEach((t, routeId) -> {
            if (!configuredTargets.contains(t)) {
                problems.add("route '" + routeId + "' in routes/ delivers to target '" + t + "', which is not configured (known: "
                        + new TreeSet<>(configuredTargets) + ")");
            }
        });
        for (String s : new TreeSet<>(configuredSources)) {
            if (!pullRoutes.containsKey(s)) {
                problems.add("source '" + s + "' is configured but no route in routes/ pulls it (a templatedRoute of source-pull "
                        + "with source: " + s + ")");
            }
        }
        pullRoutes.forEach((s, routeId) -> {
            if (!configuredSources.contains(s)) {
                problems.add("route '" + routeId + "' in routes/ pulls source '" + s + "', which is not configured (known: "
                        + new TreeSet<>(configuredSources) + ")");
            }
        });
        return problems;
    }
}
