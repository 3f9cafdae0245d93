package vn.tthc.hub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Any pull feed as the reconciliation's source listing: the same pages the incremental pull reads, from the window's
 * start, partition by partition, up to the first record changed after the window's end; each record handed over as
 * {@link PullFeed#inbound} makes it, so that the intake mapping sees exactly what the pull gives it.
 */
public final class FeedListing implements SourceListing {
    /** A bound on the pages of one partition, against a source whose paging never ends. */
    static final int MAX_PAGES = 100_000;

    private final PullFeed feed;

    public FeedListing(PullFeed feed) {
        this.feed = feed;
    }

    @Override
    public String source() {
        return feed.id();
    }

    @Override
    public String mapping() {
        return feed.mapping();
    }

    @Override
    public void changed(Instant from, Instant to, Consumer<List<JsonNode>> page) {
        for (String partition : feed.partitions()) {
            for (int p = 0; p < MAX_PAGES; p++) {
                PullFeed.Page read = feed.page(from, partition, p);
                List<JsonNode> records = new ArrayList<>(read.records().size());
                boolean past = false;
                for (JsonNode r : read.records()) {
                    Instant at = feed.changedAt(r);
                    // the pages are sorted by change time: the first record after the window ends this partition
                    if (at != null && at.isAfter(to)) {
                        past = true;
                        break;
                    }
                    records.add(feed.inbound(r));
                }
                if (!records.isEmpty()) {
                    page.accept(records);
                }
                if (past || read.last() || read.records().isEmpty()) {
                    break;
                }
            }
        }
    }
}
