package vn.tthc.hub.sim.province;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;

/** Hidden changes are real revisions the hub is never told about: not pushed and dated behind what was already read. */
class SimProvinceDriftTest {
    private static final String AGENCY = "000.00.06.H56";
    private static final String NAME = "Sở Khoa học và Công nghệ tỉnh Thái Nguyên";
    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T02:00:00.250Z"));
    private final ProvinceSimulator sim = ProvinceSimFixtures.simulator(clock, null);
    private final List<byte[]> pushed = new CopyOnWriteArrayList<>();
    private final ProvinceStore store = new ProvinceStore(ProvinceSimFixtures.CATALOGUE,
            new DossierGenerator(ProvinceSimFixtures.CATALOGUE, AGENCY, NAME), sim.ledger(), pushed::add, clock, AGENCY, NAME);

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void hiddenChangesAreNotPushedAndKeepTheirEarlierChangeTime() {
        List<String> codes = store.generate(11, 4, 0);
        Instant created = clock.instant();
        clock.advance(Duration.ofMinutes(5));
        int pushes = pushed.size();
        ObjectNode before = ProvinceSimFixtures.json(store.get(codes.get(1)));

        List<String> hidden = store.hide(2, Set.of(codes.get(1), codes.get(2), "000.00.06.H56-000000-9999"));

        assertThat(hidden).containsExactlyInAnyOrder(codes.get(1), codes.get(2));
        assertThat(pushed).hasSize(pushes);
        ObjectNode after = ProvinceSimFixtures.json(store.get(codes.get(1)));
        assertThat(after.get("revision").asLong()).isEqualTo(before.get("revision").asLong() + 1);
        assertThat(after.get("updatedDate")).isEqualTo(before.get("updatedDate"));
        assertThat(after.get("processes").size()).isGreaterThan(before.get("processes").size());
        // an incremental read from after the creation time never sees them
        assertThat(store.page(created.plusMillis(1), 0, 100).totalElements()).isZero();
        assertThat(store.history(codes.get(1))).hasSize(2);
        // ...while a read of the range it is dated in lists its new revision
        assertThat(store.page(created, 0, 100).content()).extracting(b -> ProvinceSimFixtures.json(b).get("revision").asLong())
                .contains(after.get("revision").asLong());
        assertThat(store.page(created, 0, 100).totalElements()).isEqualTo(4);
    }

    @Test
    void advanceByCodeMovesOnlyTheNamedDossiersAndPushesThem() {
        List<String> codes = store.generate(12, 3, 0);
        clock.advance(Duration.ofMinutes(1));
        int pushes = pushed.size();
        assertThat(store.advance(List.of(codes.get(0), "unknown"))).isEqualTo(1);
        assertThat(pushed).hasSize(pushes + 1);
        assertThat(store.history(codes.get(0))).hasSize(2);
        assertThat(store.history(codes.get(1))).hasSize(1);
    }
}
