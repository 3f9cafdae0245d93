package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A pull feed as the reconciliation's listing: the feed's own pages from the window's start, every partition, each up
 * to its first record past the window's end, every record as the feed's inbound form.
 */
class FeedListingTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T = Instant.parse("2026-03-01T00:00:00Z");

    /** A feed of two agencies, pages of two records sorted by change time, read from {@code since}; records the calls. */
    static final class Feed implements PullFeed {
        final Map<String, List<JsonNode>> byPartition;
        final List<String> calls = new ArrayList<>();

        Feed(Map<String, List<JsonNode>> byPartition) {
            this.byPartition = byPartition;
        }

        @Override
        public String id() {
            return "ministry-G99";
        }

        @Override
        public Instant start() {
            return T;
        }

        @Override
        public Duration overlap() {
            return Duration.ZERO;
        }

        @Override
        public String mapping() {
            return "ministry/item-to-canonical";
        }

        @Override
        public List<String> partitions() {
            return List.copyOf(new java.util.TreeSet<>(byPartition.keySet()));
        }

        @Override
        public Page page(Instant since, String partition, int page) {
            calls.add(partition + "#" + page + "@" + since);
            List<JsonNode> all = byPartition.get(partition).stream().filter(r -> !changedAt(r).isBefore(since)).toList();
            List<JsonNode> slice = all.subList(Math.min(all.size(), page * 2), Math.min(all.size(), page * 2 + 2));
            return new Page(slice, (page + 1) * 2 >= all.size());
        }

        @Override
        public Instant changedAt(JsonNode r) {
            return T.plusSeconds(r.path("t").asLong());
        }

        @Override
        public String codeOf(JsonNode r) {
            return r.path("code").asText();
        }

        @Override
        public Instant submittedAt(JsonNode r) {
            return null;
        }

        @Override
        public JsonNode inbound(JsonNode r) {
            ObjectNode in = JSON.createObjectNode().put("source", id());
            in.set("item", r);
            return in;
        }
    }

    static JsonNode rec(String code, long t) {
        return JSON.createObjectNode().put("code", code).put("t", t);
    }

    @Test
    void readsEveryPartitionFromTheWindowsStartUpToItsEndAsTheFeedsInboundRecords() {
        Feed feed = new Feed(Map.of(
                "000.00.06.H56", List.of(rec("a0", 5), rec("a1", 10), rec("a2", 20), rec("a3", 30), rec("a4", 40), rec("a5", 50), rec("a6", 60)),
                "000.00.07.H56", List.of(rec("b1", 15), rec("b2", 100))));
        FeedListing listing = new FeedListing(feed);
        assertThat(listing.source()).isEqualTo("ministry-G99");
        assertThat(listing.mapping()).isEqualTo("ministry/item-to-canonical");

        List<List<String>> pages = new ArrayList<>();
        listing.changed(T.plusSeconds(10), T.plusSeconds(40), page -> pages.add(page.stream().map(r -> {
            assertThat(r.path("source").asText()).as("the inbound form, as the pull hands it to intake").isEqualTo("ministry-G99");
            return r.path("item").path("code").asText();
        }).toList()));

        // from the window's start (a0 is before it), every partition; a5 and b2 are past its end and end their partition
        assertThat(pages).containsExactly(List.of("a1", "a2"), List.of("a3", "a4"), List.of("b1"));
        // no page read past the first record after the window; the second partition is read although the first ended early
        assertThat(feed.calls).containsExactly("000.00.06.H56#0@" + T.plusSeconds(10), "000.00.06.H56#1@" + T.plusSeconds(10),
                "000.00.06.H56#2@" + T.plusSeconds(10), "000.00.07.H56#0@" + T.plusSeconds(10));
    }

    @Test
    void anEmptyPartitionEndsWithoutAPage() {
        Feed feed = new Feed(Map.of("000.00.06.H56", List.of()));
        List<List<JsonNode>> pages = new ArrayList<>();
        new FeedListing(feed).changed(T, T.plusSeconds(60), pages::add);
        assertThat(pages).isEmpty();
        assertThat(feed.calls).hasSize(1);
    }
}
