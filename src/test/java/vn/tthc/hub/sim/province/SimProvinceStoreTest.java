package vn.tthc.hub.sim.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;

/** Store behaviour: paging and updatedFrom filtering, advancing, history, back-dating, mutation and reset. */
class SimProvinceStoreTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T02:00:00.250Z"));
    private final ProvinceSimulator sim = ProvinceSimFixtures.simulator(clock, null);
    private final ProvinceStore store = sim.store();

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void pagesAreSortedByUpdatedDateThenCodeAndFilteredByUpdatedFrom() {
        Instant t0 = clock.instant();
        List<String> first = store.generate(1, 5, 0);
        clock.advance(Duration.ofSeconds(1));
        List<String> second = store.generate(2, 5, 0);
        clock.advance(Duration.ofSeconds(1));
        List<String> third = store.generate(3, 5, 0);

        ProvinceStore.Page all = store.page(Instant.EPOCH, 0, 100);
        assertThat(all.totalElements()).isEqualTo(15);
        assertThat(codes(all)).containsExactlyElementsOf(concat(first, second, third));

        Instant from = t0.plusSeconds(1);
        ProvinceStore.Page p0 = store.page(from, 0, 4);
        ProvinceStore.Page p1 = store.page(from, 1, 4);
        ProvinceStore.Page p2 = store.page(from, 2, 4);
        ProvinceStore.Page p3 = store.page(from, 3, 4);
        assertThat(p0.totalElements()).isEqualTo(10);
        assertThat(p0.totalPages()).isEqualTo(3);
        assertThat(p0.content()).hasSize(4);
        assertThat(p2.content()).hasSize(2);
        assertThat(p3.content()).isEmpty();
        List<String> paged = concat(codes(p0), codes(p1), codes(p2));
        assertThat(paged).containsExactlyElementsOf(concat(second, third));
        // sub-millisecond precision of updatedFrom rounds up
        assertThat(store.page(from.plusNanos(1), 0, 100).totalElements()).isEqualTo(5);

        // a change moves the dossier to the end of the order
        clock.advance(Duration.ofSeconds(10));
        String moved = first.get(2);
        store.advance(Integer.MAX_VALUE);
        ProvinceStore.Page recent = store.page(clock.instant(), 0, 100);
        assertThat(codes(recent)).contains(moved).hasSize(15);
        List<String> sortedCodes = new ArrayList<>(codes(recent));
        sortedCodes.sort(Comparator.naturalOrder());
        assertThat(codes(recent)).isEqualTo(sortedCodes);
    }

    @Test
    void advanceMovesEveryUnfinishedDossierOneStepUntilTheEnd() {
        List<String> codes = store.generate(5, 40, 0);
        assertThat(store.remaining()).isEqualTo(40);
        ProvinceStore.AdvanceResult r = store.advance(7);
        assertThat(r.advanced()).isEqualTo(7);
        int rounds = 1;
        while (store.remaining() > 0) {
            clock.advance(Duration.ofMinutes(1));
            r = store.advance(Integer.MAX_VALUE);
            assertThat(r.remaining()).isEqualTo(store.remaining());
            rounds++;
            assertThat(rounds).isLessThan(20);
        }
        assertThat(store.advance(Integer.MAX_VALUE)).isEqualTo(new ProvinceStore.AdvanceResult(0, 0));
        Map<String, Object> summary = store.summary();
        assertThat(summary).containsEntry("dossiers", 40L).containsEntry("finished", 40L);
        @SuppressWarnings("unchecked")
        Map<String, Long> byStatus = (Map<String, Long>) summary.get("byStatus");
        assertThat(byStatus.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(40);
        assertThat(byStatus.keySet()).startsWith("0", "1", "2");
        for (String code : codes) {
            ObjectNode d = ProvinceSimFixtures.json(store.get(code));
            List<ProvinceStore.HistoryEntry> history = store.history(code);
            assertThat(history).hasSize(d.get("revision").asInt());
            assertThat(d.get("processes").size()).isEqualTo(history.size());
            for (int i = 0; i < history.size(); i++) {
                assertThat(history.get(i).revision()).isEqualTo(i + 1);
                assertThat(history.get(i).status()).isEqualTo(d.get("processes").get(i).get("statusId").asText());
                if (i > 0) {
                    assertThat(ProvinceDates.parseOffset(history.get(i).updatedDate()))
                            .isAfter(ProvinceDates.parseOffset(history.get(i - 1).updatedDate()));
                }
            }
        }
        assertThat(sim.counters()).containsEntry("generated", 40L);
        assertThat((Long) sim.counters().get("changes")).isEqualTo(
                codes.stream().mapToLong(c -> store.history(c).size() - 1).sum());
    }

    @Test
    void advanceTakesTheOldestDueFirst() {
        List<String> older = store.generate(8, 3, 0);
        clock.advance(Duration.ofDays(3));
        List<String> newer = store.generate(9, 3, 0);
        store.advance(3);
        for (String code : older) {
            assertThat(store.history(code)).hasSize(2);
        }
        for (String code : newer) {
            assertThat(store.history(code)).hasSize(1);
        }
    }

    @Test
    void backDatedDossiersAreOldAndCarryTheirSubmissionDayInTheCode() {
        Instant now = clock.instant();
        List<String> codes = store.generate(12, 30, 90);
        assertThat(store.page(now.minusSeconds(1), 0, 100).totalElements()).isLessThan(30);
        assertThat(store.page(now.minus(Duration.ofDays(91)), 0, 100).totalElements()).isEqualTo(30);
        for (String code : codes) {
            ObjectNode d = ProvinceSimFixtures.json(store.get(code));
            Instant applied = ProvinceDates.parseOffset(d.get("appliedDate").asText());
            assertThat(applied).isBetween(now.minus(Duration.ofDays(90)), now);
            assertThat(code).contains("-" + ProvinceDates.day(applied) + "-");
            assertThat(ProvinceDates.parseOffset(d.get("updatedDate").asText())).isEqualTo(applied);
        }
        // advancing plays the plan out in business time, never beyond now
        store.advance(Integer.MAX_VALUE);
        for (String code : codes) {
            ObjectNode d = ProvinceSimFixtures.json(store.get(code));
            JsonNode last = d.get("processes").get(d.get("processes").size() - 1);
            assertThat(ProvinceDates.parseOffset(last.get("time").asText())).isBeforeOrEqualTo(now);
            assertThat(ProvinceDates.parseOffset(d.get("updatedDate").asText())).isAfterOrEqualTo(now.minusMillis(1));
        }
    }

    @Test
    void countersRunPerDayAndCodesStayUnique() {
        List<String> codes = store.generate(3, 25, 0);
        assertThat(codes).doesNotHaveDuplicates();
        String day = ProvinceDates.day(clock.instant());
        assertThat(codes.get(0)).isEqualTo("000.00.06.H56-" + day + "-0001");
        assertThat(codes.get(24)).isEqualTo("000.00.06.H56-" + day + "-0025");
        clock.advance(Duration.ofDays(1));
        assertThat(store.generate(3, 1, 0).get(0)).endsWith("-0001");
    }

    @Test
    void mutateWritesArbitraryValuesAsANewRevisionAndIsPushed() {
        List<byte[]> pushed = new CopyOnWriteArrayList<>();
        ProvinceStore s = new ProvinceStore(ProvinceSimFixtures.CATALOGUE,
                new DossierGenerator(ProvinceSimFixtures.CATALOGUE, "000.00.06.H56", "Sở Khoa học và Công nghệ tỉnh Thái Nguyên"),
                sim.ledger(), pushed::add, clock, "000.00.06.H56", "Sở Khoa học và Công nghệ tỉnh Thái Nguyên");
        String code = s.generate(4, 1, 0).get(0);
        ObjectNode set = JsonNodeFactory.instance.objectNode();
        set.put("applicant.identityNumber", "12AB");
        set.put("appliedDate", "hôm qua");
        set.putArray("processes");
        set.put("revision", "x");
        clock.advance(Duration.ofSeconds(1));
        ObjectNode d = ProvinceSimFixtures.json(s.mutate(code, set));
        assertThat(d.get("applicant").get("identityNumber").asText()).isEqualTo("12AB");
        assertThat(d.get("applicant").get("fullname").asText()).isNotBlank();
        assertThat(d.get("appliedDate").asText()).isEqualTo("hôm qua");
        assertThat(d.get("revision").asText()).isEqualTo("x");
        assertThat(pushed).hasSize(2);
        assertThat(ProvinceSimFixtures.json(pushed.get(1))).isEqualTo(d);
        assertThat(s.history(code)).extracting(ProvinceStore.HistoryEntry::revision).containsExactly(1L, 2L);
        // the next change is a proper revision again
        clock.advance(Duration.ofSeconds(1));
        s.advance(1);
        ObjectNode next = ProvinceSimFixtures.json(s.get(code));
        assertThat(next.get("revision").asInt()).isEqualTo(3);
        assertThat(next.get("processes").size()).isEqualTo(1);
        assertThatThrownBy(() -> s.mutate("000.00.06.H56-000000-0000", set)).isInstanceOf(ProvinceApiException.class);
    }

    @Test
    void resetForgetsEverything() {
        store.generate(6, 10, 0);
        store.reset();
        assertThat(store.size()).isZero();
        assertThat(store.remaining()).isZero();
        assertThat(store.page(Instant.EPOCH, 0, 10).totalElements()).isZero();
        assertThat(store.generated()).isZero();
        assertThat(store.generate(6, 1, 0).get(0)).endsWith("-0001");
    }

    @Test
    void pageOverManyDossiersIsFast() {
        store.generate(77, 20_000, 0);
        store.page(Instant.EPOCH, 10, 500); // warm-up
        long start = System.nanoTime();
        ProvinceStore.Page p = store.page(Instant.EPOCH, 30, 500);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(p.content()).hasSize(500);
        assertThat(p.totalElements()).isEqualTo(20_000);
        assertThat(ms).isLessThan(1000);
    }

    private static List<String> codes(ProvinceStore.Page page) {
        return page.content().stream().map(b -> ProvinceSimFixtures.json(b).get("nationCode").asText()).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }
}
