package vn.tthc.hub.sync;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Makes one watermarked pull of every partner feed, and finds the pull a scheduled route names. */
@Component
public class PullRegistry {
    private final Map<String, PullSource> sources;

    public PullRegistry(ObjectProvider<PullFeed> single, ObjectProvider<PullFeedGroup> groups, IntakeService intake,
                        WatermarkStore watermarks, Clock clock) {
        this.sources = Stream.concat(single.orderedStream(), groups.orderedStream().flatMap(g -> g.feeds().stream()))
                .map(feed -> (PullSource) new WatermarkedPull(feed, intake, watermarks, clock))
                .collect(Collectors.toMap(PullSource::id, Function.identity()));
    }

    public Set<String> ids() {
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
