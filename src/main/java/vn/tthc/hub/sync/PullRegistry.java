package vn.tthc.hub.sync;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Finds the pull source a scheduled route names. */
@Component
public class PullRegistry {
    private final Map<String, PullSource> sources;

    public PullRegistry(org.springframework.beans.factory.ObjectProvider<PullSource> single,
                        org.springframework.beans.factory.ObjectProvider<PullSourceGroup> groups) {
        this.sources = java.util.stream.Stream.concat(single.orderedStream(), groups.orderedStream().flatMap(g -> g.sources().stream()))
                .collect(Collectors.toMap(PullSource::id, Function.identity()));
    }

    public java.util.Set<String> ids() {
        return sources.keySet();
    }

    public int pull(String source) {
        PullSource s = sources.get(source);
        if (s == null) {
            throw new IllegalArgumentException("no pull source '" + source + "'; known: " + sources.keySet());
        }
        return s.pullOnce();
    }
}
