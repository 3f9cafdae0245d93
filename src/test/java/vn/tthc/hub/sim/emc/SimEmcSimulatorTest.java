package vn.tthc.hub.sim.emc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.tthc.hub.sim.common.SimJson;

/** Checks the EMC simulator: each field and type rule, User as a JSON string, ordering, duplicates and faults. */
class SimEmcSimulatorTest {

    static final String CODE = "000.00.06.H56-240115-0001";
    static final String JSON = "application/json";

    private EmcSimulator sim;

    @BeforeEach
    void setUp() {
        sim = new EmcSimulator(1, EmcSimulator.DEFAULT_MAX_BODY_BYTES);
    }

    /** A TrackingMCDT event every rule accepts. */
    static ObjectNode event(String code, String status, String at) {
        ObjectNode e = JsonNodeFactory.instance.objectNode();
        e.put("CodeProfile", code);
        e.put("SiteId", 1);
        e.put("CodeTTHC", "2.000477");
        e.put("NameTTHC", "Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ");
        e.put("MaHoSo", code);
        e.put("Status", 2);
        e.put("FormsReception", 1);
        e.put("FormsPayments", 0);
        e.put("Level", 4);
        e.put("IsFromDVCQG", 1);
        e.put("IsDVCBC", 0);
        e.put("Data", SimJson.write(Map.of("TrangThaiHoSo", status, "ThoiDiemXuLy", at)));
        e.put("User", SimJson.write(Map.of("ID_local", "u-1", "ID_QG", "qg-1", "TYPE", "1", "LOCATION", "H56")));
        return e;
    }

    private EmcSimulator.Reply send(Object body) {
        return sim.track(JSON, (body instanceof String s ? s : SimJson.write(body)).getBytes(StandardCharsets.UTF_8));
    }

    private void fails(Consumer<ObjectNode> change, String message) {
        ObjectNode e = event(CODE, "4", "20240115090000");
        change.accept(e);
        EmcSimulator.Reply reply = send(e);
        assertThat(reply.status()).isEqualTo(400);
        JsonNode body = SimJson.parse(reply.body());
        assertThat(body.get("success").asBoolean()).isFalse();
        assertThat(body.get("message").asText()).startsWith(message);
    }

    private long ledger(String counter) {
        return (Long) sim.ledgerSnapshot().get(counter);
    }

    @Test
    void validEventIsAccepted() {
        EmcSimulator.Reply reply = send(event(CODE, "4", "20240115090000"));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("{\"success\":true}");
        assertThat(sim.events(CODE)).hasSize(1);
        assertThat(ledger("applied")).isEqualTo(1);
        assertThat(ledger("received")).isEqualTo(1);
        assertThat(ledger("dossiers")).isEqualTo(1);
    }

    @Test
    void codeProfileAndMaHoSoAreEqualNonEmptyStrings() {
        fails(e -> e.put("CodeProfile", ""), "CodeProfile: không được để trống");
        fails(e -> e.remove("CodeProfile"), "CodeProfile: bắt buộc");
        fails(e -> e.put("CodeProfile", 123), "CodeProfile: phải là chuỗi");
        fails(e -> e.put("MaHoSo", ""), "MaHoSo: không được để trống");
        fails(e -> e.put("MaHoSo", "000.00.06.H56-240115-0002"), "MaHoSo: phải trùng với CodeProfile");
    }

    @Test
    void siteIdIsTheConfiguredInteger() {
        fails(e -> e.put("SiteId", "1"), "SiteId: phải là số nguyên");
        fails(e -> e.put("SiteId", 1.5), "SiteId: phải là số nguyên");
        fails(e -> e.put("SiteId", 2), "SiteId: không đúng mã đơn vị (1)");
        fails(e -> e.remove("SiteId"), "SiteId: bắt buộc");
        EmcSimulator other = new EmcSimulator(42, 1 << 20);
        ObjectNode e = event(CODE, "4", "20240115090000").put("SiteId", 42);
        assertThat(other.track(JSON, SimJson.write(e).getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
    }

    @Test
    void procedureCodeIsNationalAndNameIsAString() {
        fails(e -> e.put("CodeTTHC", "2.000477.000.00.00.H56"), "CodeTTHC: phải là mã TTHC quốc gia");
        fails(e -> e.put("CodeTTHC", 2.000477), "CodeTTHC: phải là chuỗi");
        fails(e -> e.put("NameTTHC", 5), "NameTTHC: phải là chuỗi");
        fails(e -> e.remove("NameTTHC"), "NameTTHC: bắt buộc");
    }

    @ParameterizedTest
    @CsvSource({"Status,4", "Status,-1", "FormsReception,0", "FormsReception,3", "FormsPayments,3", "Level,2", "Level,5",
        "IsFromDVCQG,2", "IsDVCBC,3"})
    void integerCodesAreInTheirSets(String field, int value) {
        fails(e -> e.put(field, value), field + ": giá trị " + value + " không hợp lệ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Status", "FormsReception", "FormsPayments", "Level", "IsFromDVCQG", "IsDVCBC"})
    void integerCodesMustBeJsonIntegers(String field) {
        fails(e -> e.put(field, "1"), field + ": phải là số nguyên (integer), không nhận kiểu string");
        fails(e -> e.put(field, true), field + ": phải là số nguyên");
        fails(e -> e.putNull(field), field + ": bắt buộc");
    }

    @Test
    void dataIsAString() {
        fails(e -> e.putObject("Data").put("TrangThaiHoSo", "4"), "Data: phải là chuỗi");
        ObjectNode opaque = event(CODE, "4", "20240115090000").put("Data", "bất kỳ");
        assertThat(send(opaque).status()).isEqualTo(200);
    }

    @Test
    void userIsAStringHoldingTheFourKeys() {
        fails(e -> e.putObject("User").put("ID_local", "u-1"), "User: phải là chuỗi (string), không nhận kiểu object");
        fails(e -> e.put("User", "{ID_local: u-1}"), "User: phải là chuỗi chứa JSON hợp lệ");
        fails(e -> e.put("User", "[]"), "User: phải là chuỗi chứa một đối tượng JSON");
        fails(e -> e.put("User", SimJson.write(Map.of("ID_local", "u", "ID_QG", "q", "TYPE", "1"))), "User: thiếu khóa LOCATION");
    }

    @Test
    void badBodiesAreRefused() {
        assertThat(send("{").status()).isEqualTo(400);
        assertThat(SimJson.parse(send("{").body()).get("message").asText()).isEqualTo("Body: không phải JSON hợp lệ");
        assertThat(send("[]").status()).isEqualTo(400);
        assertThat(sim.track("text/plain", "{}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(415);
        assertThat(sim.track(JSON, new byte[] {'"', (byte) 0xFF, '"'}).status()).isEqualTo(400);
        assertThat(new EmcSimulator(1, 10).track(JSON, new byte[11]).status()).isEqualTo(413);
        assertThat(ledger("rejected")).isEqualTo(5);
        assertThat(ledger("received")).isEqualTo(5);
    }

    @Test
    void earlierEventsAreCountedOutOfOrder() {
        send(event(CODE, "2", "20240115090000"));
        send(event(CODE, "4", "20240116090000"));
        assertThat(ledger("outOfOrder")).isZero();
        send(event(CODE, "2", "20240115100000"));
        assertThat(ledger("outOfOrder")).isEqualTo(1);
        send(event("000.00.06.H56-240115-0002", "2", "20240101000000")); // another dossier: its own timeline
        send(event(CODE, "9", "20240116090000"));
        assertThat(ledger("outOfOrder")).isEqualTo(1);
        assertThat(sim.events(CODE)).hasSize(4);
        assertThat(sim.events(CODE).get(2).get("Data").asText()).contains("20240115100000");
    }

    @Test
    void appliedAndWireDuplicatesAreToldApart() {
        ObjectNode e = event(CODE, "4", "20240115090000");
        send(e);
        send(e);
        assertThat(ledger("appliedDuplicates")).isEqualTo(1);
        sim.updateKnobs(Map.of("dropAfterApplyRate", 1));
        ObjectNode next = event(CODE, "9", "20240116090000");
        assertThat(send(next).status()).isEqualTo(200);
        sim.updateKnobs(Map.of("dropAfterApplyRate", 0));
        send(next);
        assertThat(ledger("wireDuplicates")).isEqualTo(1);
        assertThat(ledger("appliedDuplicates")).isEqualTo(1);
        assertThat(ledger("applied")).isEqualTo(2);
    }

    @Test
    void faultsRefuseBeforeAnyEffect() {
        sim.updateKnobs(Map.of("errorRate", 1));
        EmcSimulator.Reply reply = send(event(CODE, "4", "20240115090000"));
        assertThat(reply.status()).isEqualTo(503);
        assertThat(SimJson.parse(reply.body()).get("success").asBoolean()).isFalse();
        sim.updateKnobs(Map.of("errorRate", 0, "hangRate", 1, "hangMs", 50));
        long start = System.nanoTime();
        assertThat(send(event(CODE, "4", "20240115090000")).status()).isEqualTo(504);
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(45);
        assertThat(sim.events(CODE)).isNull();
        assertThat(ledger("applied")).isZero();
        assertThat(sim.lastRequests(10)).hasSize(2);
        // a permanent business refusal: 400, no effect, counted as rejected (what the fault suite expects dead letters for)
        sim.updateKnobs(Map.of("hangRate", 0, "rejectRate", 1));
        assertThat(send(event(CODE, "4", "20240115090000")).status()).isEqualTo(400);
        assertThat(sim.events(CODE)).isNull();
        assertThat(ledger("applied")).isZero();
        assertThat(ledger("rejected")).isEqualTo(1);
    }

    @Test
    void knobsResetAndUnknownKeys() {
        assertThatThrownBy(() -> sim.updateKnobs(Map.of("existsErrorCode", 3))).hasMessageContaining("existsErrorCode");
        sim.updateKnobs(Map.of("latencyMs", 5));
        send(event(CODE, "4", "20240115090000"));
        sim.reset();
        assertThat(sim.knobs()).containsEntry("latencyMs", 0L);
        assertThat(sim.events(CODE)).isNull();
        assertThat(sim.ledgerSnapshot().values()).allMatch(v -> (Long) v == 0L);
        assertThat(sim.lastRequests(10)).isEmpty();
    }
}
