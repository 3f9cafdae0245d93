package vn.tthc.hub.sim.dvcqg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.DSTCODE;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.JSON;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.PASSWORD;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.UNIT;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.USER;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.bytes;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;
import vn.tthc.hub.sim.common.SimDrift;
import vn.tthc.hub.sim.common.SimJson;

/** The portal's drift knobs are real state changes: dropped dossiers are gone, stale ones hold an older status. */
class SimDvcqgDriftTest {
    private DvcqgSimulator sim;
    private String session;

    @BeforeEach
    void setUp() {
        sim = new DvcqgSimulator(SimDvcqgFixtures.config(), new ManualClock(Instant.parse("2024-01-15T00:00:00Z")));
        session = SimJson.parse(sim.login(DSTCODE, JSON, bytes(Map.of("username", USER, "password", PASSWORD))).body())
                .get("session").asText();
        for (int i = 1; i <= 4; i++) {
            String code = UNIT + "-240115-000" + i;
            send(SimDvcqgFixtures.sync(session, false, SimDvcqgFixtures.dossier(code, "1")));
            if (i % 2 == 0) {
                send(SimDvcqgFixtures.sync(session, true, SimDvcqgFixtures.dossier(code, "2")));
            }
        }
    }

    private JsonNode send(Object req) {
        JsonNode r = SimJson.parse(sim.integration(DSTCODE, JSON, bytes(req)).body());
        assertThat(r.path("error_code").asInt()).as(r.toString()).isZero();
        return r;
    }

    private JsonNode lookUp(String code) {
        return send(Map.of("session", session, "madonvi", UNIT, "service", "TraCuuHoSo", "mahoso", code)).get("result");
    }

    @Test
    void dropForgetsDossiersAmongTheGivenCodesAndAnswersThem() {
        String one = UNIT + "-240115-0001";
        String three = UNIT + "-240115-0003";
        List<String> codes = sim.drift(SimDrift.parse("{\"drop\":5,\"among\":[\"" + one + "\",\"" + three + "\",\"nope\"]}",
                Set.of("drop", "stale")));
        assertThat(codes).containsExactly(one, three);
        assertThat(lookUp(one)).isEmpty();
        assertThat(lookUp(three)).isEmpty();
        assertThat(lookUp(UNIT + "-240115-0002")).hasSize(1);
        // forgotten, so sending it again is a first application, not a duplicate
        send(SimDvcqgFixtures.sync(session, false, SimDvcqgFixtures.dossier(one, "1")));
        assertThat(sim.ledgerSnapshot().get("appliedDuplicates")).isEqualTo(0L);
    }

    @Test
    void staleRollsBackToTheEarlierStatusOnlyWhereThereIsOne() {
        List<String> codes = sim.drift(new SimDrift("stale", 10, null));
        assertThat(codes).containsExactly(UNIT + "-240115-0002", UNIT + "-240115-0004");
        assertThat(lookUp(UNIT + "-240115-0002").get(0).get("TrangThaiHoSo").asText()).isEqualTo("1");
        assertThat(lookUp(UNIT + "-240115-0001").get(0).get("TrangThaiHoSo").asText()).isEqualTo("1");
        // the hub re-sending the right state is a real change for the portal, not a duplicate
        send(SimDvcqgFixtures.sync(session, true, SimDvcqgFixtures.dossier(UNIT + "-240115-0002", "2")));
        assertThat(sim.ledgerSnapshot().get("appliedDuplicates")).isEqualTo(0L);
        assertThat(lookUp(UNIT + "-240115-0002").get(0).get("TrangThaiHoSo").asText()).isEqualTo("2");
    }

    @Test
    void alterChangesTheContentAndKeepsTheStatus() {
        String two = UNIT + "-240115-0002";
        JsonNode before = lookUp(two).get(0);
        assertThat(sim.drift(new SimDrift("alter", 1, Set.of(two)))).containsExactly(two);
        JsonNode after = lookUp(two).get(0);
        assertThat(after.get("TrangThaiHoSo")).isEqualTo(before.get("TrangThaiHoSo"));
        assertThat(after.get("TrichYeuHoSo").asText()).isNotEqualTo(before.get("TrichYeuHoSo").asText()).endsWith("(sửa tại Cổng)");
        // the hub re-sending its item is a real change, not a duplicate, and puts the content back
        send(SimDvcqgFixtures.sync(session, true, SimDvcqgFixtures.dossier(two, "2")));
        assertThat(sim.ledgerSnapshot().get("appliedDuplicates")).isEqualTo(0L);
        assertThat(lookUp(two).get(0).get("TrichYeuHoSo")).isEqualTo(before.get("TrichYeuHoSo"));
    }

    @Test
    void aDriftRequestNamesItsBadField() {
        assertThatThrownBy(() -> SimDrift.parse("{\"drop\":-1}", Set.of("drop"))).hasMessageStartingWith("drop:");
        assertThatThrownBy(() -> SimDrift.parse("{\"drop\":1,\"stale\":1}", Set.of("drop", "stale"))).hasMessageContaining("one drift");
        assertThatThrownBy(() -> SimDrift.parse("{\"hidden\":1}", Set.of("drop", "stale"))).hasMessageStartingWith("hidden:");
        assertThatThrownBy(() -> SimDrift.parse("{}", Set.of("drop"))).hasMessageStartingWith("body:");
        assertThat(SimDrift.parse("{\"drop\":2}", Set.of("drop"))).isEqualTo(new SimDrift("drop", 2, null));
    }
}
