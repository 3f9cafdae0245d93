package vn.tthc.hub.sim.dvcqg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tthc.hub.sim.common.SimControl;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimFaults.FaultDecision;
import vn.tthc.hub.sim.common.SimHashes;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.common.SimKnobs;
import vn.tthc.hub.sim.common.SimLedger;

/**
 * The national portal's (Cổng DVCQG) adapter API, simulated: login sessions, the RPC-over-JSON
 * {@code integration} endpoint with its services, portal-side validation and state, the ledger and
 * the fault knobs. Transport-free (bytes in, {@link Reply} out), so the controller stays thin and
 * the protocol is unit-tested without HTTP.
 */
public final class DvcqgSimulator implements SimControl {

    private static final Logger log = LoggerFactory.getLogger(DvcqgSimulator.class);

    static final String LOGINS = "logins";
    static final String PLAIN_PROGRESS_TEXT = "Cập nhật tiến độ hồ sơ thành công";
    /** Bodies larger than this are kept in the request ring as a digest line only (memory guard). */
    static final int MAX_RECORDED_BODY_CHARS = 256 * 1024;

    /** Secrets masked in the request ring ({@code _control/ledger/requests} has no auth): password and session. */
    private static final Pattern PASSWORD_VALUE =
            Pattern.compile("(\"(?:password|session)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"");

    /** The login the portal expects; either part blank means every login is refused. */
    public record Credentials(String username, String password) {
    }

    /** One HTTP answer: status, content type and body text. */
    public record Reply(int status, String contentType, String body) {
    }

    /** What a service produced: the answer and the (dossier, hash) pairs it applied. */
    private record Outcome(Reply reply, List<DvcqgPortalState.Applied> applied) {
    }

    private final DvcqgConfig config;
    private final Supplier<Credentials> credentials;
    private final DvcqgKnobs knobs;
    private final SimLedger ledger = new SimLedger(SimLedger.DEFAULT_CAPACITY, LOGINS, DvcqgPortalState.PROGRESS_STEPS);
    private final DvcqgSessions sessions;
    private final DvcqgPortalState state = new DvcqgPortalState(ledger);
    private final DvcqgValidator validator = new DvcqgValidator();
    private volatile DvcqgCatalogue catalogue;

    /** A simulator expecting the credentials of {@code config}. */
    public DvcqgSimulator(DvcqgConfig config, Clock clock) {
        this(config, clock, () -> new Credentials(config.username(), config.password()));
    }

    /**
     * A simulator asking {@code credentials} at every login, for a hub that fills the expected
     * credentials in while starting up.
     */
    public DvcqgSimulator(DvcqgConfig config, Clock clock, Supplier<Credentials> credentials) {
        this.config = config;
        this.credentials = credentials;
        this.knobs = new DvcqgKnobs(config);
        this.sessions = new DvcqgSessions(clock);
    }

    // ---- adapter API -------------------------------------------------------------------------

    /** {@code POST …/adapter/login} with {@code {"username","password"}}. */
    public Reply login(String dstcode, String contentType, byte[] body) {
        ledger.recordRequest(recordable(PASSWORD_VALUE.matcher(lossy(body)).replaceAll("$1\"***\"")));
        return withFaults(false, () -> {
            checkTransport(dstcode, contentType, body);
            JsonNode req = parseObject(body);
            String username = requiredParam(req, "username");
            String password = requiredParam(req, "password");
            if (!credentialsMatch(username, password)) {
                log.debug("dvcqg sim: login refused");
                throw DvcqgError.of(DvcqgError.AUTH, "Tên đăng nhập hoặc mật khẩu không đúng");
            }
            String session = sessions.issue(knobs.values().sessionTtlMillis());
            ledger.increment(LOGINS);
            ObjectNode out = answer(0, "Đăng nhập thành công");
            out.put("session", session);
            return new Outcome(json(200, out), List.of());
        });
    }

    /** {@code POST …/adapter/integration} with {@code {"session","madonvi","service",…params}}. */
    public Reply integration(String dstcode, String contentType, byte[] body) {
        ledger.recordRequest(recordable(PASSWORD_VALUE.matcher(lossy(body)).replaceAll("$1\"***\"")));
        return withFaults(true, () -> {
            checkTransport(dstcode, contentType, body);
            JsonNode req = parseObject(body);
            JsonNode session = req.get("session");
            if (session == null || !session.isTextual() || !sessions.isValid(session.asText())) {
                throw DvcqgError.of(DvcqgError.AUTH, "Phiên đăng nhập không hợp lệ hoặc đã hết hạn");
            }
            String madonvi = requiredParam(req, "madonvi");
            if (!DvcqgValidator.AGENCY_CODE.matcher(madonvi).matches()) {
                throw DvcqgError.invalid("madonvi: sai định dạng mã đơn vị (ví dụ 000.00.06.H56)");
            }
            String service = requiredParam(req, "service");
            return switch (service) {
                case "TraCuuHoSo" -> lookUp(req);
                case "DongBoHoSoMC" -> syncDossiers(req, madonvi);
                case "CapNhatTienDoHoSoMC" -> updateProgress(req, madonvi);
                case "LayThuTuc" -> procedure(req);
                case "LayDanhSachTTHC" -> procedureList();
                case "LayDanhMucLinhVuc" -> sectorList();
                case "LayDanhMucCoQuan" -> agencyList();
                default -> throw DvcqgError.invalid("Dịch vụ " + service + " không được hỗ trợ");
            };
        });
    }

    // ---- control -----------------------------------------------------------------------------

    @Override
    public SimLedger ledger() {
        return ledger;
    }

    @Override
    public SimKnobs knobSet() {
        return knobs;
    }

    /** Drops every session issued so far; returns how many there were. */
    public int expireSessions() {
        int n = sessions.size();
        sessions.clear();
        return n;
    }

    /**
     * Clears the portal's dossiers, the ledger and the knobs. Sessions are kept (assumed): a reset
     * between test scenarios should not look like an auth failure to the hub.
     */
    @Override
    public void reset() {
        state.clear();
        ledger.reset();
        knobs.reset();
        catalogue = null;
    }

    /**
     * Drift knobs as real state changes: {@code drop} forgets dossiers, {@code stale} rolls them back to an older
     * status, {@code alter} changes their content and keeps their status; answers the affected codes.
     *
     * @throws IllegalArgumentException naming the bad field
     */
    public java.util.List<String> drift(vn.tthc.hub.sim.common.SimDrift d) {
        return switch (d.kind()) {
            case "drop" -> state.drop(d.count(), d.among());
            case "stale" -> state.stale(d.count(), d.among());
            case "alter" -> state.alter(d.count(), d.among());
            default -> throw new IllegalArgumentException(d.kind() + ": not a drift kind of the portal");
        };
    }

    /** {@code {"item","steps","history"}} of one dossier, or null. */
    public ObjectNode dossier(String code) {
        return state.view(code);
    }


    // ---- services ----------------------------------------------------------------------------

    private Outcome lookUp(JsonNode req) {
        String code = requiredParam(req, "mahoso");
        JsonNode item = state.item(code);
        ObjectNode out = answer(0, item == null ? "Không tìm thấy hồ sơ" : "Tra cứu hồ sơ thành công");
        ArrayNode result = out.putArray("result");
        if (item != null) {
            result.add(item);
        }
        return new Outcome(json(200, out), List.of());
    }

    private Outcome syncDossiers(JsonNode req, String madonvi) {
        JsonNode data = req.get("data");
        int count = itemCount(data);
        ledger.addReceived(count);
        try {
            JsonNode flag = req.get("isUpdating");
            if (flag == null || !flag.isTextual() || !(flag.asText().equals("True") || flag.asText().equals("False"))) {
                throw DvcqgError.invalid("isUpdating: chỉ nhận chuỗi \"True\" hoặc \"False\"");
            }
            List<JsonNode> items = batch(data);
            for (int i = 0; i < items.size(); i++) {
                validator.validateDossier(items.get(i), "data[" + i + "]", madonvi);
            }
            boolean updating = flag.asText().equals("True");
            List<DvcqgPortalState.Applied> applied =
                    state.sync(items, updating, knobs.values().existsErrorCode());
            log.debug("dvcqg sim: DongBoHoSoMC applied {} item(s), updating={}", applied.size(), updating);
            return new Outcome(json(200, answer(0, "Đồng bộ hồ sơ thành công")), applied);
        } catch (DvcqgError e) {
            ledger.addRejected(count);
            log.debug("dvcqg sim: DongBoHoSoMC refused: {}", e.getMessage());
            throw e;
        }
    }

    private Outcome updateProgress(JsonNode req, String madonvi) {
        JsonNode data = req.get("data");
        int count = itemCount(data);
        ledger.addReceived(count);
        try {
            List<JsonNode> steps = batch(data);
            for (int i = 0; i < steps.size(); i++) {
                validator.validateStep(steps.get(i), "data[" + i + "]", madonvi);
            }
            List<DvcqgPortalState.Applied> applied = state.progress(steps);
            log.debug("dvcqg sim: CapNhatTienDoHoSoMC applied {} step(s)", applied.size());
            Reply reply = knobs.values().plainTextProgress()
                    ? new Reply(200, "text/plain;charset=UTF-8", PLAIN_PROGRESS_TEXT)
                    : json(200, answer(0, "Cập nhật tiến độ thành công"));
            return new Outcome(reply, applied);
        } catch (DvcqgError e) {
            ledger.addRejected(count);
            log.debug("dvcqg sim: CapNhatTienDoHoSoMC refused: {}", e.getMessage());
            throw e;
        }
    }

    private Outcome procedure(JsonNode req) {
        // the brief's parameter name is maTTHC; OpenCPS clients send MATTHC: both are accepted
        String code = req.has("maTTHC") || !req.has("MATTHC") ? requiredParam(req, "maTTHC") : requiredParam(req, "MATTHC");
        DvcqgCatalogue.Procedure p = knobs.values().hiddenProcedures().contains(code) ? null : catalogue().find(code);
        ObjectNode out = answer(0, p == null ? "Không tìm thấy thủ tục hành chính " + code : "Lấy thông tin thủ tục thành công");
        ArrayNode result = out.putArray("result");
        if (p != null) {
            result.add(procedureRecord(p));
        }
        return new Outcome(json(200, out), List.of());
    }

    private Outcome procedureList() {
        ObjectNode out = answer(0, "Lấy danh sách thủ tục hành chính thành công");
        ArrayNode result = out.putArray("result");
        java.util.Set<String> hidden = knobs.values().hiddenProcedures();
        for (DvcqgCatalogue.Procedure p : catalogue().procedures()) {
            if (hidden.contains(p.code())) {
                continue;
            }
            ObjectNode row = result.addObject();
            row.put("MATTHC", p.code());
            row.put("TENTTHC", p.name());
            row.put("MALINHVUC", p.sectorCode());
            row.put("TENLINHVUC", p.sectorName());
        }
        return new Outcome(json(200, out), List.of());
    }

    private Outcome sectorList() {
        ObjectNode out = answer(0, "Lấy danh mục lĩnh vực thành công");
        ArrayNode result = out.putArray("result");
        catalogue().sectors().forEach((code, name) -> {
            ObjectNode row = result.addObject();
            row.put("MALINHVUC", code);
            row.put("TENLINHVUC", name);
        });
        return new Outcome(json(200, out), List.of());
    }

    private Outcome agencyList() {
        ObjectNode out = answer(0, "Lấy danh mục cơ quan thành công");
        ArrayNode result = out.putArray("result");
        for (DvcqgCatalogue.Agency a : DvcqgCatalogue.AGENCIES) {
            ObjectNode row = result.addObject();
            row.put("MADONVI", a.code());
            row.put("TENDONVI", a.name());
        }
        return new Outcome(json(200, out), List.of());
    }

    /** The LayThuTuc record; channels, duration and result are fixed plausible values (assumed). */
    private static ObjectNode procedureRecord(DvcqgCatalogue.Procedure p) {
        ObjectNode rec = JsonNodeFactory.instance.objectNode();
        rec.put("MATTHC", p.code());
        rec.put("TENTTHC", p.name());
        ObjectNode sector = rec.putArray("LINHVUCTHUCHIEN").addObject();
        sector.put("MALINHVUC", p.sectorCode());
        sector.put("TENLINHVUC", p.sectorName());
        ArrayNode channels = rec.putArray("CACHTHUCTHUCHIEN");
        String[] channelNames = {"Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"};
        for (int kenh = 1; kenh <= 3; kenh++) {
            ObjectNode channel = channels.addObject();
            channel.put("KENH", kenh);
            ObjectNode time = channel.putArray("THOIGIAN").addObject();
            time.put("THOIGIANGIAIQUYET", 15);
            time.put("DONVITINH", "Ngày làm việc");
            time.put("MOTA", channelNames[kenh - 1]);
            time.putArray("PHILEPHI");
        }
        ObjectNode result = rec.putArray("KETQUATHUCHIEN").addObject();
        result.put("MAKETQUA", "KQ." + p.code());
        result.put("TENKETQUA", "Kết quả giải quyết thủ tục " + p.name());
        ObjectNode agency = rec.putArray("COQUANTHUCHIEN").addObject();
        agency.put("MADONVI", DvcqgCatalogue.PERFORMING_AGENCY.code());
        agency.put("TENDONVI", DvcqgCatalogue.PERFORMING_AGENCY.name());
        rec.put("TRANGTHAI", 1);
        return rec;
    }

    // ---- plumbing ----------------------------------------------------------------------------

    @FunctionalInterface
    private interface Handler {
        Outcome handle();
    }

    /**
     * Runs a call under the fault knobs: 503 / hang+504 before any effect, or apply-then-drop. A
     * business rejection ({@code rejectRate}) only applies to {@code dataCall}s: the portal refuses
     * data, never a login with the right credentials.
     */
    private Reply withFaults(boolean dataCall, Handler handler) {
        SimFaults faults = knobs.faults();
        faults.sleepLatency();
        FaultDecision decision = faults.decide();
        if (decision == FaultDecision.REJECT && !dataCall) {
            decision = FaultDecision.NONE;
        }
        if (decision == FaultDecision.ERROR) {
            return json(503, answer(DvcqgError.GENERIC, "Hệ thống đang bận, vui lòng thử lại sau"));
        }
        if (decision == FaultDecision.REJECT) {
            ledger.addRejected(1);
            return json(200, answer(DvcqgError.GENERIC, "Dữ liệu không được chấp nhận (lỗi nghiệp vụ giả lập)"));
        }
        if (decision == FaultDecision.HANG) {
            faults.sleepHang();
            return json(504, answer(DvcqgError.GENERIC, "Hết thời gian chờ xử lý"));
        }
        Outcome outcome;
        try {
            outcome = handler.handle();
        } catch (DvcqgError e) {
            outcome = new Outcome(json(e.httpStatus(), answer(e.errorCode(), e.getMessage())), List.of());
        }
        if (decision == FaultDecision.DROP_AFTER_APPLY) {
            for (DvcqgPortalState.Applied a : outcome.applied()) {
                ledger.markResponseLost(a.dossierKey(), a.contentHash());
            }
            faults.sleepHang();
        }
        return outcome.reply();
    }

    private void checkTransport(String dstcode, String contentType, byte[] body) {
        if (dstcode == null || !dstcode.equals(config.dstcode())) {
            throw new DvcqgError(400, DvcqgError.GENERIC, "Thiếu hoặc sai header dstcode");
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new DvcqgError(415, DvcqgError.GENERIC, "Content-Type phải là application/json");
        }
        if (body != null && body.length > config.maxBodyBytes()) {
            throw new DvcqgError(413, DvcqgError.GENERIC,
                    "Dữ liệu gửi lên vượt quá kích thước cho phép (" + config.maxBodyBytes() + " byte)");
        }
    }

    private static JsonNode parseObject(byte[] body) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DvcqgError(400, DvcqgError.GENERIC, "Dữ liệu gửi lên không phải UTF-8 hợp lệ");
        }
        JsonNode node;
        try {
            node = SimJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new DvcqgError(400, DvcqgError.GENERIC, "Dữ liệu gửi lên không phải JSON hợp lệ");
        }
        if (!node.isObject()) {
            throw new DvcqgError(400, DvcqgError.GENERIC, "Dữ liệu gửi lên phải là một đối tượng JSON");
        }
        return node;
    }

    private static String requiredParam(JsonNode req, String name) {
        JsonNode v = req.get(name);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
            throw DvcqgError.invalid("Thiếu tham số " + name);
        }
        if (!v.isTextual()) {
            throw DvcqgError.invalid(name + ": phải là chuỗi (string)");
        }
        return v.asText();
    }

    private List<JsonNode> batch(JsonNode data) {
        int max = knobs.values().maxBatch();
        if (data == null || !data.isArray() || data.isEmpty() || data.size() > max) {
            throw DvcqgError.invalid("data: phải là mảng có từ 1 đến " + max + " phần tử");
        }
        List<JsonNode> items = new ArrayList<>(data.size());
        data.forEach(items::add);
        return items;
    }

    /**
     * Items a call carried, for the ledger: the array's size, at least 1, so that a call with a
     * missing, empty or non-array {@code data} still shows as received and rejected.
     */
    private static int itemCount(JsonNode data) {
        return data != null && data.isArray() ? Math.max(1, data.size()) : 1;
    }

    private boolean credentialsMatch(String username, String password) {
        Credentials expected = credentials.get();
        String expectedUser = expected == null ? null : expected.username();
        String expectedPassword = expected == null ? null : expected.password();
        if (expectedUser == null || expectedUser.isBlank() || expectedPassword == null || expectedPassword.isBlank()) {
            return false;
        }
        boolean user = MessageDigest.isEqual(username.getBytes(StandardCharsets.UTF_8),
                expectedUser.getBytes(StandardCharsets.UTF_8));
        boolean pass = MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                expectedPassword.getBytes(StandardCharsets.UTF_8));
        return user & pass;
    }

    private DvcqgCatalogue catalogue() {
        DvcqgCatalogue c = catalogue;
        if (c == null) {
            try {
                c = DvcqgCatalogue.load(config.mappingsDir()).withOtherNational();
            } catch (IllegalStateException e) {
                throw DvcqgError.invalid("Danh mục thủ tục hành chính không đọc được");
            }
            catalogue = c;
        }
        return c;
    }

    private ObjectNode answer(int errorCode, String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        if (knobs.values().errorCodeAsString()) {
            out.put("error_code", Integer.toString(errorCode));
        } else {
            out.put("error_code", errorCode);
        }
        out.put("message", message);
        return out;
    }

    private static Reply json(int status, ObjectNode body) {
        return new Reply(status, "application/json;charset=UTF-8", SimJson.write(body));
    }

    private static String lossy(byte[] body) {
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static String recordable(String body) {
        if (body.length() <= MAX_RECORDED_BODY_CHARS) {
            return body;
        }
        return "<body of " + body.length() + " chars, sha256 " + SimHashes.sha256Hex(body) + ">";
    }
}
