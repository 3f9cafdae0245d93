package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;
import vn.tthc.hub.dossier.FieldError;

/**
 * The one pull loop, against a feed held in memory: where it starts, the overlap, paging per
 * partition, and the watermark moved only over accepted records and never past the pull's start.
 */
class WatermarkedPullTest {
    static final ObjectMapper JSON = new ObjectMapper();
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T08:00:00Z"));
    final IntakeService intake = mock(IntakeService.class);
    final WatermarkStore store = mock(WatermarkStore.class);

    /** A feed of records {"t": change time, "ok": accepted?}, two per page, per partition. */
    static class Feed implements PullFeed {
        final Map<String, List<JsonNode>> byPartition;
        final List<String> asked = new ArrayList<>();

        Feed(Map<String, List<JsonNode>> byPartition) {
            this.byPartition = byPartition;
        }

        public String id() { return "src"; }
        public Instant start() { return Instant.parse("2026-01-01T00:00:00Z"); }
        public Duration overlap() { return Duration.ofMinutes(2); }
        public String mapping() { return "src/to-canonical"; }
        public List<String> partitions() { return List.copyOf(byPartition.keySet()); }

        public Page page(Instant since, String partition, int page) {
            asked.add(partition + "@" + since + "#" + page);
            List<JsonNode> all = byPartition.get(partition);
            List<JsonNode> slice = all.subList(Math.min(all.size(), page * 2), Math.min(all.size(), page * 2 + 2));
            return new Page(slice, page * 2 + 2 >= all.size());
        }

        public String codeOf(JsonNode record) { return record.path("c").asText(""); }
        public Instant submittedAt(JsonNode record) { return null; }

        public Instant changedAt(JsonNode record) {
            return record.hasNonNull("t") ? Instant.parse(record.get("t").asText()) : null;
        }
    }

    static JsonNode rec(String t, boolean ok) {
        return JSON.createObjectNode().put("t", t).put("ok", ok);
    }

    /** The intake accepts records with "ok": true, refuses the others. */
    void intakeByFlag() {
        when(intake.acceptAll(eq("src"), eq("pull"), anyList(), eq("src/to-canonical"))).thenAnswer(inv -> {
            List<IntakeService.Inbound> in = inv.getArgument(2);
            return in.stream().map(r -> r.tree().path("ok").asBoolean()
                    ? IntakeResult.ok(IntakeResult.Outcome.STORED, "c", 1)
                    : new IntakeResult(IntakeResult.Outcome.REJECTED, 422, "c", 1L, 9L, List.of(new FieldError("updatedAt", "future", "x")), false))
                    .toList();
        });
    }

    @Test
    void theFirstPullStartsAtTheFeedsStartLessTheOverlapAndPagesEveryPartition() {
        intakeByFlag();
        Feed feed = new Feed(new java.util.LinkedHashMap<>(Map.of(
                "A", List.of(rec("2026-12-03T01:00:00Z", true), rec("2026-12-03T02:00:00Z", true), rec("2026-12-03T03:00:00Z", true)))));
        when(store.watermark("src")).thenReturn(Optional.empty());
        int seen = new WatermarkedPull(feed, intake, store, clock).pullOnce();
        assertThat(seen).isEqualTo(3);
        assertThat(feed.asked).containsExactly("A@2025-12-31T23:58:00Z#0", "A@2025-12-31T23:58:00Z#1");
        verify(store).saveWatermark(eq("src"), eq("2026-12-03T10:00+07:00"), any());
    }

    @Test
    void aRefusedRecordDoesNotMoveTheWatermarkNorDoesOneDatedAfterThePullsStart() {
        intakeByFlag();
        Feed feed = new Feed(new java.util.LinkedHashMap<>(Map.of(
                "A", List.of(rec("2026-12-03T05:00:00Z", true), rec("2030-01-01T00:00:00Z", false)),
                "B", List.of(rec("2026-12-03T06:00:00Z", false)))));
        when(store.watermark("src")).thenReturn(Optional.of("2026-12-03T11:00:00+07:00"));
        new WatermarkedPull(feed, intake, store, clock).pullOnce();
        assertThat(feed.asked).allSatisfy(a -> assertThat(a).contains("@2026-12-03T03:58:00Z#"));
        verify(store).saveWatermark(eq("src"), eq("2026-12-03T12:00+07:00"), any());

        // accepted but dated past the pull's start (within the clock skew the validator allows): capped at the start
        Feed ahead = new Feed(Map.of("A", List.of(rec("2026-12-03T08:04:00Z", true))));
        when(store.watermark("src")).thenReturn(Optional.of("2026-12-03T12:00+07:00"));
        new WatermarkedPull(ahead, intake, store, clock).pullOnce();
        verify(store).saveWatermark(eq("src"), eq("2026-12-03T15:00+07:00"), any());
    }

    @Test
    void nothingNewerLeavesTheWatermarkAndAnUnreadableSourceStopsThePullWithoutSavingIt() {
        intakeByFlag();
        when(store.watermark("src")).thenReturn(Optional.of("2026-12-03T12:00:00")); // as written before: Vietnam local time
        Feed old = new Feed(Map.of("A", List.of(rec("2026-12-03T04:59:00Z", true))));
        new WatermarkedPull(old, intake, store, clock).pullOnce();
        assertThat(old.asked).containsExactly("A@2026-12-03T04:58:00Z#0");
        verify(store, never()).saveWatermark(anyString(), anyString(), any());

        PullFeed broken = new Feed(Map.of("A", List.of())) {
            @Override
            public Page page(Instant since, String partition, int page) {
                throw new IllegalStateException("look-up failed: HTTP 503");
            }
        };
        assertThatThrownBy(() -> new WatermarkedPull(broken, intake, store, clock).pullOnce()).hasMessageContaining("503");
        verify(store, never()).saveWatermark(anyString(), anyString(), any());
    }
}
