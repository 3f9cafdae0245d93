package vn.tthc.hub.sim.ministry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import vn.tthc.hub.dossier.Status;
import vn.tthc.hub.sim.common.SimControl;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimFaults.FaultDecision;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.common.SimKnobs;
import vn.tthc.hub.sim.common.SimLedger;
import vn.tthc.hub.sim.dvcqg.DvcqgError;
import vn.tthc.hub.sim.dvcqg.DvcqgValidator;
import vn.tthc.hub.sim.ndxp.NdxpBackend;
import vn.tthc.hub.sim.ndxp.NdxpReply;
import vn.tthc.hub.sim.province.ProvinceVocabulary;

/**
 * One ministry's central TTHC system behind NDXP (<b>assumed</b> interface, PARTNERS.md): it receives
 * forwarded dossiers ({@code POST dossiers}, a DongBoHoSoMC item validated by {@link DvcqgValidator}),
 * processes them over time (status steps in CapNhatTienDoHoSoMC form, results at 9) and answers
 * look-ups of what changed ({@code GET dossiers?updatedFrom=…}, {@code GET dossiers/{MaHoSo}}), in
 * JSON or XML per its configuration, with LGSP-style answers {@code {status, errorCode, …}}.
 *
 * <p>Each received item is a full-state upsert in the {@link SimLedger} (key MaHoSo, hash of the
 * canonical item). Every change of a dossier (receipt or step) publishes an immutable
 * {@link Version}; look-ups read the latest, the coordination simulator may read older ones (lag).
 */
public final class MinistrySimulator implements NdxpBackend, SimControl {
    private static final Logger log = LoggerFactory.getLogger(MinistrySimulator.class);

    public static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    public static final DateTimeFormatter DATE14 = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    public static final int DEFAULT_PAGE_SIZE = 100;
    public static final int MAX_PAGE_SIZE = 1000;
    /** Versions kept per dossier for lagged readers. */
    static final int MAX_VERSIONS = 32;

    static final String JSON = "application/json";
    static final String XML = "application/xml";
    static final String OK_RECEIVED = "Tiếp nhận hồ sơ thành công";

    /**
     * One published state of a dossier: when it changed, its NgayCapNhat, agency, code, and the JSON
     * text of the item with {@code PhienBan}, {@code NgayCapNhat} and {@code TienDo}.
     */
    public record Version(Instant at, String updated, String madonvi, String code, String view) {
    }

    /** A dossier held by the ministry; guarded by itself. */
    private static final class Dossier {
        final String code;
        String madonvi;
        ObjectNode item;
        int status;
        final List<ObjectNode> steps = new ArrayList<>();
        int revision;
        final Deque<Integer> plan = new ArrayDeque<>();
        Instant lastStepAt;
        String department;
        String officer;
        String officerTitle;
        volatile List<Version> versions = List.of();

        Dossier(String code) {
            this.code = code;
        }

        Version latest() {
            List<Version> v = versions;
            return v.isEmpty() ? null : v.get(v.size() - 1);
        }
    }

    private record Outcome(NdxpReply reply, String appliedKey, String appliedHash) {
        static Outcome of(NdxpReply reply) {
            return new Outcome(reply, null, null);
        }
    }

    private final MinistryConfig config;
    private final Clock clock;
    private final Random random;
    private final SimLedger ledger = new SimLedger();
    private final SimFaults faults = new SimFaults();
    private final DvcqgValidator validator = new DvcqgValidator();
    private final ConcurrentHashMap<String, Dossier> dossiers = new ConcurrentHashMap<>();
    private final AtomicLong resultCounter = new AtomicLong();

    public MinistrySimulator(MinistryConfig config, Clock clock, long seed) {
        this.config = config;
        this.clock = clock;
        this.random = new Random(seed);
    }

    public MinistryConfig config() {
        return config;
    }

    @Override
    public String context() {
        return config.context();
    }

    // ---- NDXP backend ------------------------------------------------------------------------

    @Override
    public NdxpReply handle(String method, String version, String resourcePath, String query, String contentType,
                            byte[] body) {
        String path = resourcePath == null ? "" : resourcePath.replaceAll("^/+|/+$", "");
        if (!config.version().equals(version)) {
            return answer(404, MinistryError.RECORD_NOT_FOUND, "Phiên bản API không tồn tại: " + version);
        }
        String m = method == null ? "" : method.toUpperCase(Locale.ROOT);
        if (path.equals("dossiers")) {
            return switch (m) {
                case "POST" -> withFaults(() -> receiveCounted(contentType, body == null ? new byte[0] : body));
                case "GET" -> withFaults(() -> Outcome.of(lookUp(query)));
                default -> answer(405, MinistryError.DATA_TYPE_INVALID, "Phương thức không được hỗ trợ: " + m);
            };
        }
        if (path.startsWith("dossiers/") && path.indexOf('/', 9) < 0) {
            if (!m.equals("GET")) {
                return answer(405, MinistryError.DATA_TYPE_INVALID, "Phương thức không được hỗ trợ: " + m);
            }
            String code = URLDecoder.decode(path.substring(9), StandardCharsets.UTF_8);
            return withFaults(() -> Outcome.of(one(code)));
        }
        return answer(404, MinistryError.RECORD_NOT_FOUND, "Tài nguyên không tồn tại: " + path);
    }

    /** Runs a call under the fault knobs: 503 / rejection / hang+504 before any effect, or apply-then-drop. */
    private NdxpReply withFaults(Supplier<Outcome> call) {
        faults.sleepLatency();
        FaultDecision decision = faults.decide();
        NdxpReply faulted = LgspFaults.beforeEffect(decision, faults, ledger, this::answer);
        if (faulted != null) {
            return faulted;
        }
        Outcome outcome;
        try {
            outcome = call.get();
        } catch (MinistryError e) {
            outcome = Outcome.of(answer(e.httpStatus(), e.code(), e.getMessage()));
        }
        if (decision == FaultDecision.DROP_AFTER_APPLY) {
            if (outcome.appliedKey() != null) {
                ledger.markResponseLost(outcome.appliedKey(), outcome.appliedHash());
            }
            faults.sleepHang();
        }
        return outcome.reply();
    }

    // ---- receive -----------------------------------------------------------------------------

    /** Every refused receipt counts as rejected in the ledger. */
    private Outcome receiveCounted(String contentType, byte[] body) {
        try {
            return receive(contentType, body);
        } catch (MinistryError e) {
            ledger.addRejected(1);
            throw e;
        }
    }

    private Outcome receive(String contentType, byte[] body) {
        ledger.recordRequest(new String(body, StandardCharsets.UTF_8));
        String ct = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean ctOk = config.xml() ? ct.startsWith("application/xml") || ct.startsWith("text/xml")
                : ct.startsWith("application/json");
        if (!ctOk) {
            throw new MinistryError(415, MinistryError.DATA_TYPE_INVALID,
                    "Content-Type phải là " + (config.xml() ? "application/xml" : "application/json"));
        }
        String madonvi;
        ObjectNode item;
        String path;
        if (config.xml()) {
            path = "HoSo";
            Document doc;
            try {
                doc = MinistryXml.parse(body);
            } catch (IllegalArgumentException e) {
                throw new MinistryError(400, MinistryError.DATA_TYPE_INVALID, e.getMessage());
            }
            Element root = doc.getDocumentElement();
            if (!root.getTagName().equals("GuiHoSo")) {
                throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "Phần tử gốc phải là <GuiHoSo>, không phải <"
                        + root.getTagName() + ">");
            }
            try {
                Element unit = MinistryXml.child(root, "MaDonVi");
                madonvi = unit == null ? "" : unit.getTextContent().trim();
                Element hoSo = MinistryXml.child(root, "HoSo");
                if (hoSo == null) {
                    throw MinistryError.of(MinistryError.RECORD_UNCOMPLETE, "HoSo: bắt buộc, không được để trống");
                }
                item = MinistryXml.toJson(hoSo, path);
            } catch (IllegalArgumentException e) {
                throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, e.getMessage());
            }
            if (madonvi.isEmpty()) {
                throw MinistryError.of(MinistryError.RECORD_UNCOMPLETE, "MaDonVi: bắt buộc, không được để trống");
            }
        } else {
            path = "data[0]";
            JsonNode root;
            try {
                root = SimJson.parse(new String(body, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new MinistryError(400, MinistryError.DATA_TYPE_INVALID, "JSON không hợp lệ: " + e.getMessage());
            }
            if (!root.isObject()) {
                throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "Thân yêu cầu phải là một đối tượng JSON");
            }
            JsonNode unit = root.get("madonvi");
            if (unit == null || unit.asText().isBlank()) {
                throw MinistryError.of(MinistryError.RECORD_UNCOMPLETE, "madonvi: bắt buộc, không được để trống");
            }
            if (!unit.isTextual()) {
                throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "madonvi: phải là chuỗi (string)");
            }
            madonvi = unit.asText();
            JsonNode data = root.get("data");
            if (data == null) {
                throw MinistryError.of(MinistryError.RECORD_UNCOMPLETE, "data: bắt buộc, không được để trống");
            }
            if (!data.isArray()) {
                throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "data: phải là mảng JSON");
            }
            if (data.isEmpty()) {
                throw MinistryError.of(MinistryError.RECORD_UNCOMPLETE, "data: phải có một hồ sơ");
            }
            if (data.size() > 1) {
                throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "data: mỗi lần chỉ nhận một hồ sơ, nhận "
                        + data.size());
            }
            if (!data.get(0).isObject()) {
                throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "data[0]: phải là một đối tượng JSON");
            }
            item = (ObjectNode) data.get(0);
        }
        ledger.addReceived(1);
        try {
            validator.validateDossier(item, path, madonvi);
        } catch (DvcqgError e) {
            int code = switch (e.rule()) {
                case MISSING -> MinistryError.RECORD_UNCOMPLETE;
                case AGENCY -> MinistryError.AGENCY_ID_INCORRECT;
                case FORMAT -> MinistryError.DATA_TYPE_INVALID;
            };
            throw MinistryError.of(code, e.getMessage());
        }
        String code = item.get("MaHoSo").asText();
        String hash = SimJson.canonicalHash(item);
        upsert(madonvi, item, hash);
        return new Outcome(answer(200, 0, OK_RECEIVED), code, hash);
    }

    private void upsert(String madonvi, ObjectNode item, String hash) {
        String code = item.get("MaHoSo").asText();
        int status = Integer.parseInt(item.get("TrangThaiHoSo").asText());
        Dossier d = dossiers.computeIfAbsent(code, Dossier::new);
        synchronized (d) {
            SimLedger.ApplyResult result = ledger.applyState(code, hash);
            if (result != SimLedger.ApplyResult.APPLIED) {
                if (result == SimLedger.ApplyResult.APPLIED_DUPLICATE) {
                    log.warn("Ministry simulator {}: dossier {} received again unchanged", config.code(), code);
                }
                return;
            }
            if (d.item != null && !Status.canReach(d.status, status)) {
                ledger.addOutOfOrder(1);
            }
            d.madonvi = madonvi;
            d.item = item.deepCopy();
            d.status = status;
            d.plan.clear();
            d.plan.addAll(plan(status));
            d.revision++;
            publish(d, clock.instant().truncatedTo(ChronoUnit.SECONDS));
        }
    }

    /** The statuses a dossier will go through from {@code status} (assumed proportions). */
    private List<Integer> plan(int status) {
        int draw = random.nextInt(100);
        return switch (status) {
            case Status.SUBMITTED -> draw < 70 ? List.of(2, 4, 9, 10) : List.of(2, 4, 5, 4, 9, 10);
            case Status.RECEIVED -> draw < 65 ? List.of(4, 9, 10)
                    : draw < 88 ? List.of(4, 5, 4, 9, 10)
                    : draw < 97 ? List.of(4, 6, 4, 9, 10)
                    : List.of(4, 8);
            case Status.PROCESSING -> draw < 75 ? List.of(9, 10) : List.of(5, 4, 9, 10);
            case Status.SUPPLEMENT_REQUESTED, Status.PAYMENT_REQUESTED -> List.of(4, 9, 10);
            case Status.FINISHED -> List.of(10);
            default -> List.of();
        };
    }

    // ---- processing --------------------------------------------------------------------------

    /**
     * Moves each unfinished dossier whose last step is at least one second old one step on, at most
     * {@code max} of them (those waiting longest first).
     *
     * @return {@code {"advanced":k,"remaining":r}} where r counts the dossiers still unfinished
     */
    public Map<String, Object> advance(int max) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<Dossier> due = new ArrayList<>();
        for (Dossier d : dossiers.values()) {
            synchronized (d) {
                if (!d.plan.isEmpty() && (d.lastStepAt == null || now.isAfter(d.lastStepAt))) {
                    due.add(d);
                }
            }
        }
        due.sort(Comparator.comparing((Dossier d) -> d.lastStepAt == null ? Instant.EPOCH : d.lastStepAt)
                .thenComparing(d -> d.code));
        int advanced = 0;
        for (Dossier d : due) {
            if (advanced >= max) {
                break;
            }
            if (step(d, now, now)) {
                advanced++;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("advanced", advanced);
        out.put("remaining", unfinished());
        return out;
    }

    /** How many dossiers still have steps to go. */
    public long unfinished() {
        long n = 0;
        for (Dossier d : dossiers.values()) {
            synchronized (d) {
                if (!d.plan.isEmpty()) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Drift: up to {@code n} dossiers ({@code among} limits the candidates; null: all) take their next planned step as
     * a change the hub is never told about — published with the change time (NgayCapNhat) of the dossier's previous
     * version, behind any pull watermark that already passed it, yet listed by a look-up from an earlier time (as a
     * change committed late at the ministry). A dossier steps at most once per second, as in {@link #advance}.
     * Answers the codes changed.
     */
    public List<String> hide(int n, java.util.Set<String> among) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        List<String> out = new ArrayList<>();
        for (String code : new java.util.TreeSet<>(among == null ? dossiers.keySet() : among)) {
            if (out.size() >= n) {
                break;
            }
            Dossier d = dossiers.get(code);
            if (d == null) {
                continue;
            }
            synchronized (d) {
                Version previous = d.latest();
                if (previous != null && step(d, now, previous.at())) {
                    out.add(code);
                }
            }
        }
        return out;
    }

    /** One planned step at {@code now}, published as changed at {@code publishedAt} (now, unless the change is hidden). */
    private boolean step(Dossier d, Instant now, Instant publishedAt) {
        synchronized (d) {
            if (d.plan.isEmpty() || (d.lastStepAt != null && !now.isAfter(d.lastStepAt))) {
                return false;
            }
            int from = d.status;
            int to = d.plan.peekFirst();
            if (!Status.canMove(from, to)) {
                log.warn("Ministry simulator {}: dropping the plan of {} at an illegal move {} -> {}",
                        config.code(), d.code, from, to);
                d.plan.clear();
                return false;
            }
            d.plan.removeFirst();
            String at = DATE14.format(now.atZone(VN));
            ObjectNode item = d.item;
            if (d.department == null) {
                List<String> departments = MinistryVocabulary.departments(config);
                d.department = departments.get(Math.floorMod(d.code.hashCode(), departments.size()));
                d.officer = ProvinceVocabulary.personName(random, random.nextBoolean());
                d.officerTitle = ProvinceVocabulary.pick(random, MinistryVocabulary.OFFICER_TITLES);
            }
            String actor = d.officer;
            String title = d.officerTitle;
            String content = MinistryVocabulary.content(from, to, d.department);
            if (to != Status.SUBMITTED && to != Status.REFUSED && item.path("NgayTiepNhan").asText("").isEmpty()) {
                // a dossier submitted online reaches the ministry before anyone received it: the ministry receives it now
                item.put("NgayTiepNhan", at);
                if (item.path("NgayHenTra").asText("").isEmpty()) {
                    item.put("NgayHenTra", DATE14.format(now.plus(15, ChronoUnit.DAYS).atZone(VN)));
                }
            }
            switch (to) {
                case Status.PROCESSING -> item.put("DonViXuLy", d.department);
                case Status.SUPPLEMENT_REQUESTED -> content = "Yêu cầu bổ sung hồ sơ: "
                        + ProvinceVocabulary.pick(random, ProvinceVocabulary.SUPPLEMENT_REASONS);
                case Status.STOPPED -> content = "Dừng xử lý hồ sơ do "
                        + ProvinceVocabulary.pick(random, ProvinceVocabulary.STOP_REASONS);
                case Status.FINISHED -> {
                    actor = ProvinceVocabulary.personName(random, random.nextBoolean());
                    title = ProvinceVocabulary.pick(random, MinistryVocabulary.LEADER_TITLES);
                    item.put("NgayKetThucXuLy", at);
                    addResults(item, now);
                }
                case Status.RETURNED -> {
                    actor = ProvinceVocabulary.personName(random, random.nextBoolean());
                    title = MinistryVocabulary.CLERK_TITLE;
                    item.put("NgayTra", at);
                    item.put("ThongTinTra", "1".equals(item.path("HinhThuc").asText())
                            ? "Trả kết quả qua dịch vụ bưu chính công ích"
                            : "2".equals(item.path("KenhThucHien").asText())
                            ? "Trả kết quả trực tuyến qua Cổng Dịch vụ công quốc gia"
                            : "Trả kết quả trực tiếp tại Bộ phận Một cửa");
                }
                default -> {
                }
            }
            String due = item.path("NgayHenTra").asText("");
            ObjectNode s = JsonNodeFactory.instance.objectNode();
            s.put("MaHoSo", d.code);
            s.put("NguoiXuLy", actor);
            s.put("ChucDanh", title);
            s.put("ThoiDiemXuLy", at);
            s.put("PhongBanXuLy", d.department);
            s.put("NoiDungXuLy", content);
            s.put("TrangThai", String.valueOf(to));
            s.put("NgayBatDau", at);
            s.put("NgayKetThucTheoQuyDinh", due.isEmpty()
                    ? DATE14.format(now.plus(15, ChronoUnit.DAYS).atZone(VN)) : due);
            d.steps.add(s);
            item.put("TrangThaiHoSo", String.valueOf(to));
            d.status = to;
            d.lastStepAt = now;
            d.revision++;
            publish(d, publishedAt);
            return true;
        }
    }

    private void addResults(ObjectNode item, Instant now) {
        JsonNode existing = item.get("DanhSachGiayToKetQua");
        ArrayNode results = existing instanceof ArrayNode a ? a : item.putArray("DanhSachGiayToKetQua");
        String code = item.get("MaHoSo").asText();
        String day = DateTimeFormatter.ofPattern("yyMMdd").format(now.atZone(VN));
        int n = 1 + (random.nextInt(100) < 35 ? 1 : 0);
        for (int i = 0; i < n; i++) {
            String id = new UUID(random.nextLong(), random.nextLong()).toString();
            ObjectNode r = results.addObject();
            r.put("TenGiayTo", i == 0 ? MinistryVocabulary.resultName(item.path("TenTTHC").asText())
                    : "Văn bản thông báo kết quả giải quyết hồ sơ");
            r.put("MaThanhPhanHoSo", "KQ0" + (i + 1));
            r.put("GiayToId", id);
            r.put("DuongDanTepTinKetQua", MinistryVocabulary.resultBaseUrl(config) + code + "/" + id + ".pdf");
            r.put("MaGiayToKetQua", config.agency() + "-KQ-" + day + "-"
                    + String.format("%05d", resultCounter.incrementAndGet()));
        }
    }

    /** Publishes the dossier's current state as a new version (caller holds the dossier lock). */
    private void publish(Dossier d, Instant at) {
        String updated = DATE14.format(at.atZone(VN));
        ObjectNode view = d.item.deepCopy();
        view.put("PhienBan", String.valueOf(d.revision));
        view.put("NgayCapNhat", updated);
        ArrayNode steps = view.putArray("TienDo");
        d.steps.forEach(s -> steps.add(s.deepCopy()));
        List<Version> next = new ArrayList<>(d.versions);
        next.add(new Version(at, updated, d.madonvi, d.code, SimJson.write(view)));
        if (next.size() > MAX_VERSIONS) {
            next = next.subList(next.size() - MAX_VERSIONS, next.size());
        }
        d.versions = List.copyOf(next);
    }

    // ---- look-up -----------------------------------------------------------------------------

    /** A parsed look-up query. */
    public record LookUp(String updatedFrom, String madonvi, int page, int size) {
    }

    /**
     * Parses {@code updatedFrom=yyyyMMddHHmmss&madonvi=…&page=0&size=100}.
     *
     * @throws MinistryError 302 DATA_TYPE_INVALID naming the bad parameter
     */
    public static LookUp parseLookUp(String query) {
        Map<String, String> p = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (p.putIfAbsent(k, v) != null) {
                    throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, k + ": tham số bị lặp lại");
                }
            }
        }
        String from = p.getOrDefault("updatedFrom", "");
        if (from.isEmpty()) {
            throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "updatedFrom: bắt buộc, dạng yyyyMMddHHmmss");
        }
        if (!from.matches("\\d{14}")) {
            throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "updatedFrom: sai định dạng yyyyMMddHHmmss");
        }
        try {
            LocalDateTime.parse(from, DATE14);
        } catch (DateTimeParseException e) {
            throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, "updatedFrom: sai định dạng yyyyMMddHHmmss");
        }
        String unit = p.getOrDefault("madonvi", "");
        if (!unit.matches("\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}")) {
            throw MinistryError.of(MinistryError.DATA_TYPE_INVALID,
                    "madonvi: bắt buộc, mã định danh dạng LLL.KK.NN.Xnn (ví dụ 000.00.06.H56)");
        }
        int page = intParam(p, "page", 0, 0, Integer.MAX_VALUE);
        int size = intParam(p, "size", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        return new LookUp(from, unit, page, size);
    }

    private static int intParam(Map<String, String> p, String name, int dflt, int min, int max) {
        String v = p.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw MinistryError.of(MinistryError.DATA_TYPE_INVALID, name + ": phải là số nguyên từ " + min + " đến " + max);
    }

    /**
     * The visible version of every dossier: the latest one, or with {@code notAfter} the latest one
     * published at or before it (dossiers with none are left out).
     */
    public List<Version> versions(Instant notAfter) {
        List<Version> out = new ArrayList<>(dossiers.size());
        for (Dossier d : dossiers.values()) {
            List<Version> vs = d.versions;
            for (int i = vs.size() - 1; i >= 0; i--) {
                if (notAfter == null || !vs.get(i).at().isAfter(notAfter)) {
                    out.add(vs.get(i));
                    break;
                }
            }
        }
        return out;
    }

    /** The versions matching a look-up, sorted by NgayCapNhat then MaHoSo (all pages). */
    public static List<Version> select(List<Version> versions, LookUp q) {
        return versions.stream()
                .filter(v -> v.madonvi().equals(q.madonvi()) && v.updated().compareTo(q.updatedFrom()) >= 0)
                .sorted(Comparator.comparing(Version::updated).thenComparing(Version::code))
                .toList();
    }

    /** One page of a sorted selection. */
    public static <T> List<T> page(List<T> all, LookUp q) {
        long from = (long) q.page() * q.size();
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + q.size()));
    }

    private NdxpReply lookUp(String query) {
        ledger.recordRequest("GET dossiers?" + (query == null ? "" : query));
        LookUp q = parseLookUp(query);
        List<Version> all = select(versions(null), q);
        List<Version> page = page(all, q);
        if (config.xml()) {
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><DanhSachHoSo><TongSo>")
                    .append(all.size()).append("</TongSo>");
            for (Version v : page) {
                MinistryXml.write(sb, "HoSo", SimJson.parse(v.view()));
            }
            return new NdxpReply(200, XML, sb.append("</DanhSachHoSo>").toString());
        }
        StringBuilder sb = new StringBuilder("{\"status\":1,\"errorCode\":0,\"total\":").append(all.size())
                .append(",\"page\":").append(q.page()).append(",\"size\":").append(q.size()).append(",\"data\":[");
        for (int i = 0; i < page.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(page.get(i).view());
        }
        return new NdxpReply(200, JSON, sb.append("]}").toString());
    }

    private NdxpReply one(String code) {
        ledger.recordRequest("GET dossiers/" + code);
        Dossier d = dossiers.get(code);
        Version v = d == null ? null : d.latest();
        if (v == null) {
            throw MinistryError.of(MinistryError.RECORD_NOT_FOUND, "MaHoSo: không tìm thấy hồ sơ " + code);
        }
        if (config.xml()) {
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
            MinistryXml.write(sb, "HoSo", SimJson.parse(v.view()));
            return new NdxpReply(200, XML, sb.toString());
        }
        return new NdxpReply(200, JSON, "{\"status\":1,\"errorCode\":0,\"data\":" + v.view() + "}");
    }

    /** An LGSP-style answer in this ministry's format (code 0 = success). */
    NdxpReply answer(int httpStatus, int code, String message) {
        if (config.xml()) {
            StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><KetQua><TrangThai>")
                    .append(code == 0 ? 1 : 0).append("</TrangThai><MaLoi>").append(code).append("</MaLoi>");
            if (code != 0) {
                sb.append("<TenLoi>").append(MinistryError.name(code)).append("</TenLoi>");
            }
            sb.append("<ThongDiep>");
            MinistryXml.escape(sb, message);
            return new NdxpReply(httpStatus, XML, sb.append("</ThongDiep></KetQua>").toString());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", code == 0 ? 1 : 0);
        m.put("errorCode", code);
        if (code != 0) {
            m.put("errorName", MinistryError.name(code));
        }
        m.put("message", message);
        return new NdxpReply(httpStatus, JSON, SimJson.write(m));
    }

    // ---- control -----------------------------------------------------------------------------

    /** {@code {"item":…,"steps":[…],"revision":n}} of one dossier, or null when unknown. */
    public ObjectNode dossierView(String code) {
        Dossier d = dossiers.get(code);
        if (d == null) {
            return null;
        }
        synchronized (d) {
            if (d.item == null) {
                return null;
            }
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            out.set("item", d.item.deepCopy());
            ArrayNode steps = out.putArray("steps");
            d.steps.forEach(s -> steps.add(s.deepCopy()));
            out.put("revision", d.revision);
            return out;
        }
    }

    public int size() {
        return dossiers.size();
    }

    @Override
    public SimLedger ledger() {
        return ledger;
    }

    @Override
    public SimKnobs knobSet() {
        return faults;
    }

    @Override
    public void reset() {
        dossiers.clear();
        ledger.reset();
        faults.reset();
    }
}
