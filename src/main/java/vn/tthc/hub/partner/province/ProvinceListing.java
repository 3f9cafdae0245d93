package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import vn.tthc.hub.sync.PullFeed;
import vn.tthc.hub.sync.SourceListing;

/** The province system's paged dossier search as the reconciliation's source listing (records changed in a range). */
@Component
public class ProvinceListing implements SourceListing {
    private static final int MAX_PAGES = 100_000;

    private final ProvinceFeed feed;

    public ProvinceListing(ProvinceFeed feed) {
        this.feed = feed;
    }

    @Override
    public String source() {
        return ProvinceFeed.SOURCE;
    }

    @Override
    public String mapping() {
        return feed.mapping();
    }

    @Override
    public void changed(Instant from, Instant to, Consumer<List<JsonNode>> page) {
        // the same pages as the pull reads (ProvinceFeed), from the range's start on
        for (int p = 0; p < MAX_PAGES; p++) {
            PullFeed.Page read = feed.page(from, "", p);
            List<JsonNode> records = new ArrayList<>();
            boolean past = false;
            for (JsonNode r : read.records()) {
                Instant at = feed.changedAt(r);
                // the search is sorted by change time: the first record after the range ends the listing
                if (at != null && at.isAfter(to)) {
                    past = true;
                    break;
                }
                records.add(r);
            }
            if (!records.isEmpty()) {
                page.accept(records);
            }
            if (past || read.last() || read.records().isEmpty()) {
                return;
            }
        }
    }
}
