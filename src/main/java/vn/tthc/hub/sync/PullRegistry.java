package vn.tthc.hub.sync;

import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Makes one watermarked pull of every partner feed, finds the pull a scheduled route names, and lists every feed for the reconciliation. */
@Component
public class PullRegistry {
    private final Map<String, PullSource> sources;
    private final Map<String, PullFeed> feeds;

    public PullRegistry(ObjectProvider<PullFeed> single, ObjectProvider<PullFeedGroup> groups, IntakeService intake,
                        WatermarkStore watermarks, Clock clock) {
        this.feeds = Stream.concat(single.orderedStream(), groups.orderedStream().flatMap(g -> g.feeds().stream()))
                .collect(Collectors.toMap(PullFeed::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));
        this.sources = feeds.values().stream().map(feed -> (PullSource) new WatermarkedPull(feed, intake, watermarks, clock))
                .collect(Collectors.toMap(PullSource::id, Function.identity()));
    }

    /** The feed of a source (e.g. for a back-fill, which reads the same pages by another rule). */
    public java.util.Optional<PullFeed> feed(String source) {
        return java.util.Optional.ofNullable(feeds.get(source));
    }

    /** Every feed as a source listing of the reconciliation (it reads the same pages as the pull). */
    public java.util.List<SourceListing> listings() {
        return feeds.values().stream().map(feed -> (SourceListing) new FeedListing(feed)).toList();
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
