package vn.tthc.hub.sim.dvcqg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.CODE;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.DSTCODE;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.JSON;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.PASSWORD;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.UNIT;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.USER;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.bytes;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.call;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.dossier;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.progress;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.step;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tthc.hub.ManualClock;
import vn.tthc.hub.sim.common.SimJson;

/** Checks the portal protocol end to end without HTTP: sessions, services, state, ledger, knobs and faults. */
class SimDvcqgSimulatorTest {

    private ManualClock clock;
    private DvcqgSimulator sim;
    private String session;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(Instant.parse("2024-01-15T00:00:00Z"));
        sim = new DvcqgSimulator(SimDvcqgFixtures.config(), clock);
        session = login();
    }

    private String login() {
        JsonNode r = body(sim.login(DSTCODE, JSON, bytes(Map.of("username", USER, "password", PASSWORD))));
        assertThat(r.get("error_code").asInt()).isZero();
        return r.get("session").asText();
    }

    private DvcqgSimulator.Reply send(Object request) {
        return sim.integration(DSTCODE, JSON, bytes(request));
    }

    private JsonNode call200(Object request) {
        DvcqgSimulator.Reply reply = send(request);
        assertThat(reply.status()).isEqualTo(200);
        return body(reply);
    }

    private static JsonNode body(DvcqgSimulator.Reply reply) {
        return SimJson.parse(reply.body());
    }

    private long ledger(String counter) {
        return (Long) sim.ledgerSnapshot().get(counter);
    }

    // ---- login, session, transport ---------------------------------------------------------------

    @Test
    void loginAnswersSessionAndCountsLogins() {
        JsonNode r = body(sim.login(DSTCODE, JSON, bytes(Map.of("username", USER, "password", PASSWORD))));
        assertThat(r.get("error_code").isInt()).isTrue();
        assertThat(r.get("message").asText()).isEqualTo("Đăng nhập thành công");
        assertThat(r.get("session").asText()).hasSizeGreaterThan(20).isNotEqualTo(session);
        assertThat(ledger("logins")).isEqualTo(2);
    }

    @Test
    void wrongCredentialsAreRefusedWithCode2() {
        DvcqgSimulator.Reply reply = sim.login(DSTCODE, JSON, bytes(Map.of("username", USER, "password", "nope")));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(body(reply).get("error_code").asInt()).isEqualTo(2);
        assertThat(body(reply).get("message").asText()).isEqualTo("Tên đăng nhập hoặc mật khẩu không đúng");
        assertThat(body(reply).has("session")).isFalse();
    }

    @Test
    void blankConfiguredCredentialsRefuseEveryLogin() {
        DvcqgSimulator blank = new DvcqgSimulator(new DvcqgConfig("", "", DSTCODE, 1000, 10, 1 << 20, Path.of("mappings")), clock);
        JsonNode r = body(blank.login(DSTCODE, JSON, bytes(Map.of("username", "", "password", ""))));
        assertThat(r.get("error_code").asInt()).isNotZero();
        assertThat(body(blank.login(DSTCODE, JSON, bytes(Map.of("username", "x", "password", "y"))))
                .get("error_code").asInt()).isEqualTo(2);
    }

    @Test
    void credentialsAreReadAtEveryLoginFromTheSupplier() {
        String[] password = {""};
        DvcqgSimulator lazy = new DvcqgSimulator(SimDvcqgFixtures.config(), clock,
                () -> new DvcqgSimulator.Credentials(USER, password[0]));
        byte[] request = bytes(Map.of("username", USER, "password", "late"));
        assertThat(body(lazy.login(DSTCODE, JSON, request)).get("error_code").asInt()).isEqualTo(2);
        password[0] = "late";
        assertThat(body(lazy.login(DSTCODE, JSON, request)).get("error_code").asInt()).isZero();
    }

    @Test
    void dstcodeHeaderIsRequiredOnEveryCall() {
        for (String bad : new String[] {null, "", "dvcqg", "OTHER"}) {
            DvcqgSimulator.Reply login = sim.login(bad, JSON, bytes(Map.of("username", USER, "password", PASSWORD)));
            assertThat(login.status()).isEqualTo(400);
            assertThat(body(login).get("error_code").asInt()).isEqualTo(-1);
            assertThat(body(login).get("message").asText()).isEqualTo("Thiếu hoặc sai header dstcode");
            DvcqgSimulator.Reply integration = sim.integration(bad, JSON, bytes(call(session, "LayDanhMucCoQuan")));
            assertThat(integration.status()).isEqualTo(400);
            assertThat(body(integration).get("message").asText()).isEqualTo("Thiếu hoặc sai header dstcode");
        }
    }

    @Test
    void bodyThatIsNotJsonIs400() {
        DvcqgSimulator.Reply reply = sim.integration(DSTCODE, JSON, bytes("{\"session\": "));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(body(reply).get("error_code").asInt()).isEqualTo(-1);
        assertThat(sim.integration(DSTCODE, JSON, bytes("[1,2]")).status()).isEqualTo(400);
        assertThat(sim.integration(DSTCODE, JSON, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}).status())
                .isEqualTo(400);
        assertThat(sim.integration(DSTCODE, JSON, new byte[0]).status()).isEqualTo(400);
    }

    @Test
    void wrongContentTypeIs415AndOversizeIs413() {
        DvcqgSimulator.Reply reply = sim.integration(DSTCODE, "text/plain", bytes(call(session, "LayDanhMucCoQuan")));
        assertThat(reply.status()).isEqualTo(415);
        assertThat(body(reply).get("error_code").asInt()).isEqualTo(-1);
        DvcqgSimulator small = new DvcqgSimulator(new DvcqgConfig(USER, PASSWORD, DSTCODE, 1000, 10, 100, Path.of("mappings")), clock);
        assertThat(small.integration(DSTCODE, JSON, new byte[101]).status()).isEqualTo(413);
    }

    @Test
    void unknownSessionIsRefusedWithCode2() {
        JsonNode r = call200(call("not-a-session", "LayDanhMucCoQuan"));
        assertThat(r.get("error_code").asInt()).isEqualTo(2);
        assertThat(r.get("message").asText()).isEqualTo("Phiên đăng nhập không hợp lệ hoặc đã hết hạn");
        ObjectNode noSession = call(session, "LayDanhMucCoQuan");
        noSession.remove("session");
        assertThat(call200(noSession).get("error_code").asInt()).isEqualTo(2);
    }

    @Test
    void sessionExpiresAfterTheTtlAndReLoginWorks() {
        assertThat(sim.updateKnobs(Map.of("sessionTtlSeconds", 0.2))).containsEntry("sessionTtlSeconds", 0.2);
        assertThat(sim.knobs().get("sessionTtlSeconds")).isEqualTo(0.2);
        String shortLived = login();
        assertThat(call200(call(shortLived, "LayDanhMucCoQuan")).get("error_code").asInt()).isZero();
        clock.advanceMillis(199);
        assertThat(call200(call(shortLived, "LayDanhMucCoQuan")).get("error_code").asInt()).isZero();
        clock.advanceMillis(1);
        assertThat(call200(call(shortLived, "LayDanhMucCoQuan")).get("error_code").asInt()).isEqualTo(2);
        String fresh = login();
        assertThat(call200(call(fresh, "LayDanhMucCoQuan")).get("error_code").asInt()).isZero();
    }

    @Test
    void configuredTtlAppliesByDefault() {
        clock.advanceMillis(1_800_000 - 1);
        assertThat(call200(call(session, "LayDanhMucCoQuan")).get("error_code").asInt()).isZero();
        clock.advanceMillis(1);
        assertThat(call200(call(session, "LayDanhMucCoQuan")).get("error_code").asInt()).isEqualTo(2);
    }

    @Test
    void missingMadonviOrServiceIsNamedAndUnknownServiceRefused() {
        ObjectNode r = call(session, "LayDanhMucCoQuan");
        r.remove("madonvi");
        assertThat(call200(r).get("message").asText()).isEqualTo("Thiếu tham số madonvi");
        assertThat(call200(r).get("error_code").asInt()).isEqualTo(-1);
        ObjectNode s = call(session, "x");
        s.remove("service");
        assertThat(call200(s).get("message").asText()).isEqualTo("Thiếu tham số service");
        assertThat(call200(call(session, "XoaHoSo")).get("message").asText()).isEqualTo("Dịch vụ XoaHoSo không được hỗ trợ");
        assertThat(call200(call(session, "XoaHoSo")).get("error_code").asInt()).isEqualTo(-1);
        assertThat(call200(call(session, "XoaHoSo").put("madonvi", "H56")).get("message").asText()).startsWith("madonvi:");
    }

    // ---- DongBoHoSoMC --------------------------------------------------------------------------

    @Test
    void insertThenLookUp() {
        JsonNode r = call200(sync(session, false, dossier(CODE, "2")));
        assertThat(r.get("error_code").asInt()).isZero();
        assertThat(r.get("message").asText()).isEqualTo("Đồng bộ hồ sơ thành công");
        JsonNode found = call200(call(session, "TraCuuHoSo").put("mahoso", CODE));
        assertThat(found.get("error_code").asInt()).isZero();
        assertThat(found.get("result")).hasSize(1);
        assertThat(found.get("result").get(0).get("MaHoSo").asText()).isEqualTo(CODE);
        assertThat(found.get("result").get(0).get("TaiLieuNop").get(0).get("TenTepDinhKem").asText()).isEqualTo("Đơn đề nghị.pdf");
        JsonNode missing = call200(call(session, "TraCuuHoSo").put("mahoso", UNIT + "-240115-9999"));
        assertThat(missing.get("error_code").asInt()).isZero();
        assertThat(missing.get("result")).isEmpty();
        assertThat(call200(call(session, "TraCuuHoSo")).get("message").asText()).isEqualTo("Thiếu tham số mahoso");
        assertThat(ledger("applied")).isEqualTo(1);
        assertThat(ledger("dossiers")).isEqualTo(1);
        assertThat(ledger("received")).isEqualTo(1);
    }

    @Test
    void insertingAnExistingDossierAnswers3OrMinus3() {
        call200(sync(session, false, dossier(CODE, "2")));
        JsonNode r = call200(sync(session, false, dossier(CODE, "4")));
        assertThat(r.get("error_code").asInt()).isEqualTo(3);
        assertThat(r.get("message").asText()).isEqualTo("Hồ sơ " + CODE + " đã tồn tại");
        sim.updateKnobs(Map.of("existsErrorCode", -3));
        assertThat(call200(sync(session, false, dossier(CODE, "4"))).get("error_code").asInt()).isEqualTo(-3);
        assertThat(ledger("rejected")).isEqualTo(2);
        assertThat(ledger("applied")).isEqualTo(1);
        // the refused inserts had no effect: the stored status is still 2
        assertThat(sim.dossier(CODE).get("history").toString()).isEqualTo("[2]");
        assertThat(call200(sync(session, true, dossier(CODE, "4"))).get("error_code").asInt()).isZero();
    }

    @Test
    void updatingAMissingDossierIsRefused() {
        JsonNode r = call200(sync(session, true, dossier(CODE, "4")));
        assertThat(r.get("error_code").asInt()).isEqualTo(-1);
        assertThat(r.get("message").asText()).isEqualTo("Hồ sơ " + CODE + " không tồn tại");
        assertThat(sim.dossier(CODE)).isNull();
    }

    @Test
    void isUpdatingMustBeTheStringTrueOrFalse() {
        for (Object bad : new Object[] {true, "true", "1", ""}) {
            ObjectNode r = sync(session, false, dossier(CODE, "2"));
            r.set("isUpdating", SimJson.MAPPER.valueToTree(bad));
            JsonNode answer = call200(r);
            assertThat(answer.get("error_code").asInt()).isEqualTo(-1);
            assertThat(answer.get("message").asText()).startsWith("isUpdating:");
        }
        ObjectNode missing = sync(session, false, dossier(CODE, "2"));
        missing.remove("isUpdating");
        assertThat(call200(missing).get("message").asText()).startsWith("isUpdating:");
        assertThat(ledger("applied")).isZero();
    }

    @Test
    void batchMustHoldOneToMaxBatchItems() {
        ObjectNode[] eleven = new ObjectNode[11];
        for (int i = 0; i < 11; i++) {
            eleven[i] = dossier(String.format("%s-240115-%04d", UNIT, i + 1), "2");
        }
        JsonNode r = call200(sync(session, false, eleven));
        assertThat(r.get("error_code").asInt()).isEqualTo(-1);
        assertThat(r.get("message").asText()).isEqualTo("data: phải là mảng có từ 1 đến 10 phần tử");
        assertThat(call200(sync(session, false)).get("message").asText()).startsWith("data:");
        assertThat(call200(sync(session, false, java.util.Arrays.copyOf(eleven, 10))).get("error_code").asInt()).isZero();
        sim.updateKnobs(Map.of("maxBatch", 2));
        ObjectNode[] three = {dossier(UNIT + "-240116-0001", "2"), dossier(UNIT + "-240116-0002", "2"),
            dossier(UNIT + "-240116-0003", "2")};
        assertThat(call200(sync(session, false, three)).get("message").asText()).isEqualTo("data: phải là mảng có từ 1 đến 2 phần tử");
        assertThat(ledger("received")).isEqualTo(11 + 1 + 10 + 3);
        assertThat(ledger("rejected")).isEqualTo(11 + 1 + 3);
    }

    @Test
    void oneBadItemRejectsTheWholeBatch() {
        ObjectNode good = dossier(UNIT + "-240115-0001", "2");
        ObjectNode bad = dossier(UNIT + "-240115-0002", "2").put("NgayNopHoSo", "20240115");
        JsonNode r = call200(sync(session, false, good, bad));
        assertThat(r.get("message").asText()).isEqualTo("data[1].NgayNopHoSo: sai định dạng yyyyMMddHHmmss");
        assertThat(sim.dossier(UNIT + "-240115-0001")).isNull();
        // an existing dossier in an insert batch also rejects the batch before anything is applied
        call200(sync(session, false, bad.put("NgayNopHoSo", "20240115083000")));
        assertThat(call200(sync(session, false, good, bad)).get("error_code").asInt()).isEqualTo(3);
        assertThat(sim.dossier(UNIT + "-240115-0001")).isNull();
    }

    @Test
    void errorCodesCanBeStrings() {
        sim.updateKnobs(Map.of("errorCodeAsString", true));
        JsonNode ok = call200(sync(session, false, dossier(CODE, "2")));
        assertThat(ok.get("error_code").isTextual()).isTrue();
        assertThat(ok.get("error_code").asText()).isEqualTo("0");
        JsonNode exists = call200(sync(session, false, dossier(CODE, "2")));
        assertThat(exists.get("error_code").asText()).isEqualTo("3");
        JsonNode login = body(sim.login(DSTCODE, JSON, bytes(Map.of("username", USER, "password", PASSWORD))));
        assertThat(login.get("error_code").isTextual()).isTrue();
        sim.updateKnobs(Map.of("errorCodeAsString", false));
        assertThat(call200(sync(session, true, dossier(CODE, "2"))).get("error_code").isInt()).isTrue();
    }

    // ---- CapNhatTienDoHoSoMC -----------------------------------------------------------------

    @Test
    void progressNeedsAnExistingDossier() {
        JsonNode r = call200(progress(session, step(CODE, "20240115090000", "2")));
        assertThat(r.get("error_code").asInt()).isEqualTo(-1);
        assertThat(r.get("message").asText()).isEqualTo("Hồ sơ " + CODE + " không tồn tại");
        call200(sync(session, false, dossier(CODE, "2")));
        JsonNode ok = call200(progress(session, step(CODE, "20240115090000", "2"), step(CODE, "20240116090000", "4")));
        assertThat(ok.get("error_code").asInt()).isZero();
        assertThat(ok.get("message").asText()).isEqualTo("Cập nhật tiến độ thành công");
        assertThat(sim.dossier(CODE).get("steps")).hasSize(2);
        assertThat(ledger("progressSteps")).isEqualTo(2);
        assertThat(ledger("received")).isEqualTo(1 + 1 + 2);
        assertThat(ledger("rejected")).isEqualTo(1);
    }

    @Test
    void progressCanBeAnsweredInPlainText() {
        call200(sync(session, false, dossier(CODE, "2")));
        sim.updateKnobs(Map.of("plainTextProgress", true));
        DvcqgSimulator.Reply reply = send(progress(session, step(CODE, "20240115090000", "2")));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        assertThat(reply.body()).isEqualTo("Cập nhật tiến độ hồ sơ thành công");
        // errors stay JSON
        DvcqgSimulator.Reply error = send(progress(session, step(UNIT + "-240115-0404", "20240115090000", "2")));
        assertThat(error.contentType()).startsWith("application/json");
        assertThat(body(error).get("error_code").asInt()).isEqualTo(-1);
    }

    @Test
    void progressBatchLimitApplies() {
        call200(sync(session, false, dossier(CODE, "2")));
        ObjectNode[] steps = new ObjectNode[11];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = step(CODE, String.format("202401151000%02d", i), "2");
        }
        assertThat(call200(progress(session, steps)).get("message").asText()).isEqualTo("data: phải là mảng có từ 1 đến 10 phần tử");
        assertThat(call200(progress(session, java.util.Arrays.copyOf(steps, 10))).get("error_code").asInt()).isZero();
    }

    // ---- duplicates and ordering ------------------------------------------------------------------

    @Test
    void resendWithoutLostResponseIsAnAppliedDuplicate() {
        call200(sync(session, false, dossier(CODE, "2")));
        call200(sync(session, true, dossier(CODE, "2")));
        assertThat(ledger("appliedDuplicates")).isEqualTo(1);
        assertThat(ledger("wireDuplicates")).isZero();
        call200(sync(session, false, dossier(UNIT + "-240115-0002", "2")));
        call200(progress(session, step(CODE, "20240115090000", "2")));
        call200(progress(session, step(CODE, "20240115090000", "2")));
        assertThat(ledger("appliedDuplicates")).isEqualTo(2);
        assertThat(ledger("applied")).isEqualTo(3);
    }

    @Test
    void resendAfterDroppedResponseIsAWireDuplicate() {
        call200(sync(session, false, dossier(CODE, "2")));
        sim.updateKnobs(Map.of("dropAfterApplyRate", 1, "hangMs", 0));
        ObjectNode update = dossier(CODE, "4");
        assertThat(call200(sync(session, true, update)).get("error_code").asInt()).isZero();
        assertThat(call200(progress(session, step(CODE, "20240116090000", "4"))).get("error_code").asInt()).isZero();
        sim.updateKnobs(Map.of("dropAfterApplyRate", 0));
        // the hub did not get those answers in time and resends both: wire duplicates, not applied ones
        call200(sync(session, true, update));
        call200(progress(session, step(CODE, "20240116090000", "4")));
        assertThat(ledger("wireDuplicates")).isEqualTo(2);
        assertThat(ledger("appliedDuplicates")).isZero();
        // a third send has no excuse
        call200(sync(session, true, update));
        assertThat(ledger("appliedDuplicates")).isEqualTo(1);
        assertThat(sim.dossier(CODE).get("history").toString()).isEqualTo("[2,4,4,4]");
    }

    @Test
    void illegalStatusTransitionsAreCountedButApplied() {
        call200(sync(session, false, dossier(CODE, "2")));
        call200(sync(session, true, dossier(CODE, "4")));
        call200(sync(session, true, dossier(CODE, "9")));
        assertThat(ledger("outOfOrder")).isZero();
        call200(sync(session, true, dossier(CODE, "4"))); // 9 -> 4 goes backwards
        assertThat(ledger("outOfOrder")).isEqualTo(1);
        call200(sync(session, true, dossier(CODE, "4").put("GhiChu", "sửa thông tin"))); // same status: fine
        call200(sync(session, true, dossier(CODE, "1"))); // 4 -> 1
        assertThat(ledger("outOfOrder")).isEqualTo(2);
        assertThat(sim.dossier(CODE).get("history").toString()).isEqualTo("[2,4,9,4,4,1]");
        assertThat(sim.dossier(CODE).get("item").get("TrangThaiHoSo").asText()).isEqualTo("1");
    }

    @Test
    void earlierProgressStepsAreCountedOutOfOrder() {
        call200(sync(session, false, dossier(CODE, "2")));
        call200(progress(session, step(CODE, "20240115090000", "2"), step(CODE, "20240116090000", "4")));
        assertThat(ledger("outOfOrder")).isZero();
        call200(progress(session, step(CODE, "20240115100000", "4"))); // before the latest step
        assertThat(ledger("outOfOrder")).isEqualTo(1);
        call200(progress(session, step(CODE, "20240116090000", "5"))); // same instant: not a regression
        assertThat(ledger("outOfOrder")).isEqualTo(1);
        assertThat(sim.dossier(CODE).get("steps")).hasSize(4);
    }

    // ---- faults ------------------------------------------------------------------------------

    @Test
    void rejectFaultRefusesDataButNotALogin() {
        sim.updateKnobs(Map.of("rejectRate", 1));
        String fresh = login();
        DvcqgSimulator.Reply reply = send(sync(fresh, false, dossier(CODE, "2")));
        assertThat(reply.status()).isEqualTo(200);
        assertThat(body(reply).get("error_code").asInt()).isEqualTo(-1);
        assertThat(sim.dossier(CODE)).isNull();
        assertThat(ledger("logins")).isEqualTo(2);
        assertThat(ledger("rejected")).as("a refusal the hub must keep as a dead letter").isEqualTo(1);
    }

    @Test
    void errorFaultAnswers503WithoutEffect() {
        sim.updateKnobs(Map.of("errorRate", 1));
        DvcqgSimulator.Reply reply = send(sync(session, false, dossier(CODE, "2")));
        assertThat(reply.status()).isEqualTo(503);
        assertThat(body(reply).get("error_code").asInt()).isEqualTo(-1);
        assertThat(sim.login(DSTCODE, JSON, bytes(Map.of("username", USER, "password", PASSWORD))).status()).isEqualTo(503);
        sim.updateKnobs(Map.of("errorRate", 0));
        assertThat(sim.dossier(CODE)).isNull();
        assertThat(ledger("applied")).isZero();
        assertThat(ledger("received")).isZero();
        assertThat(sim.lastRequests(10)).hasSize(2 + 1); // the first login, then both refused calls
    }

    @Test
    void hangFaultSleepsThenAnswers504WithoutEffect() {
        sim.updateKnobs(Map.of("hangRate", 1, "hangMs", 80));
        long start = System.nanoTime();
        DvcqgSimulator.Reply reply = send(sync(session, false, dossier(CODE, "2")));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(75);
        assertThat(reply.status()).isEqualTo(504);
        assertThat(sim.dossier(CODE)).isNull();
        assertThat(ledger("applied")).isZero();
    }

    @Test
    void dropAfterApplyAppliesThenDelaysTheAnswer() {
        sim.updateKnobs(Map.of("dropAfterApplyRate", 1, "hangMs", 80));
        long start = System.nanoTime();
        DvcqgSimulator.Reply reply = send(sync(session, false, dossier(CODE, "2")));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(75);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(sim.dossier(CODE)).isNotNull();
        assertThat(ledger("applied")).isEqualTo(1);
    }

    @Test
    void latencyIsAdded() {
        sim.updateKnobs(Map.of("latencyMs", 60));
        long start = System.nanoTime();
        send(call(session, "LayDanhMucCoQuan"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(55);
    }

    @Test
    void knobsRejectUnknownKeysAndBadValuesAllOrNothing() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("errorRate", 0.5);
        bad.put("existsErrorCode", 4);
        assertThatThrownBy(() -> sim.updateKnobs(bad)).hasMessageContaining("existsErrorCode");
        assertThat(sim.knobs()).containsEntry("errorRate", 0.0).containsEntry("existsErrorCode", 3);
        assertThatThrownBy(() -> sim.updateKnobs(Map.of("plainTextProgres", true))).hasMessageContaining("plainTextProgres");
        assertThatThrownBy(() -> sim.updateKnobs(Map.of("maxBatch", 0))).hasMessageContaining("maxBatch");
        assertThatThrownBy(() -> sim.updateKnobs(Map.of("sessionTtlSeconds", -1))).hasMessageContaining("sessionTtlSeconds");
        assertThatThrownBy(() -> sim.updateKnobs(Map.of("errorCodeAsString", "yes"))).hasMessageContaining("errorCodeAsString");
        assertThat(sim.updateKnobs(Map.of("maxBatch", 5, "hangRate", 0.25)))
                .containsEntry("maxBatch", 5).containsEntry("hangRate", 0.25);
        sim.reset();
        assertThat(sim.knobs()).containsEntry("maxBatch", 10).containsEntry("hangRate", 0.0)
                .containsEntry("sessionTtlSeconds", 1800L);
    }

    // ---- catalogue, control --------------------------------------------------------------------

    @Test
    void procedureCatalogueComesFromTheMappingsCsv() {
        JsonNode one = call200(call(session, "LayThuTuc").put("maTTHC", "2.000477"));
        assertThat(one.get("error_code").asInt()).isZero();
        JsonNode rec = one.get("result").get(0);
        assertThat(rec.get("MATTHC").asText()).isEqualTo("2.000477");
        assertThat(rec.get("TENTTHC").asText()).startsWith("Cấp Giấy chứng nhận đăng ký hoạt động");
        assertThat(rec.get("LINHVUCTHUCHIEN").get(0).get("MALINHVUC").asText()).isEqualTo("KHCN01");
        assertThat(rec.get("CACHTHUCTHUCHIEN")).hasSize(3);
        assertThat(rec.get("KETQUATHUCHIEN")).hasSize(1);
        assertThat(rec.get("COQUANTHUCHIEN").get(0).get("MADONVI").asText()).isEqualTo(UNIT);
        assertThat(call200(call(session, "LayThuTuc").put("maTTHC", "9.999999")).get("result")).isEmpty();
        assertThat(call200(call(session, "LayThuTuc")).get("message").asText()).isEqualTo("Thiếu tham số maTTHC");
        assertThat(call200(call(session, "LayThuTuc").put("MATTHC", "1.001229")).get("result").get(0).get("MATTHC").asText())
                .isEqualTo("1.001229");
        JsonNode list = call200(call(session, "LayDanhSachTTHC"));
        assertThat(list.get("result")).as("the 16 national codes of procedures.csv and 3 more of other procedures").hasSize(19);
        assertThat(list.get("result").findValuesAsText("MATTHC")).contains("2.000477", "1.004601", "1.000105");
        assertThat(list.get("result").findValuesAsText("MATTHC")).doesNotHaveDuplicates().allMatch(c -> c.matches("\\d\\.\\d{6}"));
        assertThat(call200(call(session, "LayDanhMucLinhVuc")).get("result").findValuesAsText("MALINHVUC"))
                .containsExactly("KHCN01", "KHCN02", "KHCN03", "KHCN04", "KHCN05", "KHCN06", "TP01", "TP02", "VH01", "XD01");
        assertThat(call200(call(session, "LayDanhMucCoQuan")).get("result").findValuesAsText("MADONVI")).contains(UNIT);
    }

    @Test
    void catalogueParsingHandlesCommentsQuotesAndNamesBadLines(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("catalogue"));
        Files.writeString(dir.resolve("catalogue/procedures.csv"), String.join("\n",
                "# comment", DvcqgCatalogue.HEADER,
                "1.000001.000.00.00.H56,1.000001,\"Thủ tục A, có dấu phẩy\",S1,Lĩnh vực 1",
                "1.000001.000.00.00.H57,1.000001,Tên khác,S1,Lĩnh vực 1"));
        DvcqgCatalogue c = DvcqgCatalogue.load(dir);
        assertThat(c.procedures()).hasSize(1);
        assertThat(c.find("1.000001").name()).isEqualTo("Thủ tục A, có dấu phẩy");
        assertThatThrownBy(() -> DvcqgCatalogue.parse(List.of(DvcqgCatalogue.HEADER, "a,b,c"), "f.csv"))
                .hasMessageContaining("f.csv line 2");
        assertThat(DvcqgCatalogue.load(dir.resolve("missing")).procedures()).isEmpty();
    }

    @Test
    void requestRingMasksPasswords() {
        List<String> requests = sim.lastRequests(5);
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0)).contains("\"password\":\"***\"").doesNotContain(PASSWORD).contains(USER);
        send(call(session, "LayDanhMucCoQuan"));
        assertThat(sim.lastRequests(1).get(0)).contains("LayDanhMucCoQuan");
    }

    @Test
    void resetClearsStateLedgerAndKnobsButKeepsSessions() {
        call200(sync(session, false, dossier(CODE, "2")));
        sim.updateKnobs(Map.of("existsErrorCode", -3));
        sim.reset();
        assertThat(sim.dossier(CODE)).isNull();
        assertThat(sim.ledgerSnapshot().values()).allMatch(v -> (Long) v == 0L);
        assertThat(sim.knobs()).containsEntry("existsErrorCode", 3);
        assertThat(call200(sync(session, false, dossier(CODE, "2"))).get("error_code").asInt()).isZero();
    }

    @Test
    void ledgerSnapshotHasTheDocumentedKeysInOrder() {
        assertThat(sim.ledgerSnapshot().keySet()).containsExactly("received", "applied", "appliedDuplicates", "rejected",
                "dossiers", "wireDuplicates", "outOfOrder", "logins", "progressSteps");
    }
}
