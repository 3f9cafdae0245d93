package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import vn.tthc.hub.sync.SourceListing;

/** The province system's paged dossier search as the reconciliation's source listing (records changed in a range). */
@Component
public class ProvinceListing implements SourceListing {
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final int MAX_PAGES = 100_000;

    private final ProvinceClient client;
    private final ProvinceFeed feed;
    private final ProvinceProperties props;

    public ProvinceListing(ProvinceClient client, ProvinceFeed feed, ProvinceProperties props) {
        this.client = client;
        this.feed = feed;
        this.props = props;
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
        int size = props.getPullPageSize();
        String updatedFrom = from.atZone(VN).toOffsetDateTime().toString();
        for (int p = 0; p < MAX_PAGES; p++) {
            JsonNode body = client.page(updatedFrom, p, size);
            List<JsonNode> records = new ArrayList<>();
            boolean past = false;
            for (JsonNode r : body.path("content")) {
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
            if (past || p + 1 >= body.path("totalPages").asInt(0)) {
                return;
            }
        }
    }
}
