package vn.tthc.hub.sim.province;

import static vn.tthc.hub.sim.province.ProvinceVocabulary.ascii;
import static vn.tthc.hub.sim.province.ProvinceVocabulary.digits;
import static vn.tthc.hub.sim.province.ProvinceVocabulary.lowerFirst;
import static vn.tthc.hub.sim.province.ProvinceVocabulary.objectId;
import static vn.tthc.hub.sim.province.ProvinceVocabulary.pick;
import static vn.tthc.hub.sim.province.ProvinceVocabulary.upperFirst;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import vn.tthc.hub.catalogue.ProcedureRouting;
import vn.tthc.hub.dossier.Status;

/**
 * Creates realistic province dossiers and their planned paths from a seed: the same seed gives
 * the same content and plans; only the codes (day counters) and the dates depend on when and in
 * which order dossiers are created.
 */
public final class DossierGenerator {

    /** Files and results of the province system are served from here, never inlined. */
    public static final String FILE_BASE_URL = "https://igate.thainguyen.gov.vn/files/";

    static final String ONE_STOP = "Bộ phận một cửa";
    static final String PORTAL = "Cổng dịch vụ công";
    static final String BOARD = "Ban Giám đốc Sở";
    static final String SYSTEM = "Hệ thống";

    private static final DateTimeFormatter BIRTH = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final int[] PROCESSING_DAYS = {5, 7, 10, 15, 20, 30};
    private static final long[] FEE_AMOUNTS = {200_000, 300_000, 500_000, 1_000_000, 1_500_000, 2_000_000, 3_000_000};
    private static final Map<String, String> UNITS_BY_SECTOR = Map.of(
            "KHCN01", "Phòng Quản lý khoa học",
            "KHCN02", "Phòng Quản lý chuyên ngành",
            "KHCN03", "Phòng Kế hoạch – Tài chính",
            "KHCN04", "Phòng Quản lý công nghệ và Thị trường công nghệ",
            "KHCN05", "Chi cục Tiêu chuẩn Đo lường Chất lượng",
            "KHCN06", "Phòng Quản lý chuyên ngành");
    /** Content of the ministry procedures' eForm field (detailKey → choices). */
    private static final Map<String, List<String>> MINISTRY_DETAILS = Map.of(
            "tenSangChe", List.of("Thiết bị sấy chè bằng năng lượng mặt trời", "Quy trình nhân giống chè Shan tuyết bằng nuôi cấy mô",
                    "Phương pháp tách chiết tinh dầu quế quy mô nhỏ", "Cảm biến đo độ ẩm đất không dây dùng cho vườn đồi"),
            "nhanHieu", List.of("Chè Tân Cương Xanh", "THAINGUYEN TEA", "Gạo nếp vải Phú Lương", "Miến dong Việt Cường"),
            "linhVucDanhGia", List.of("Thử nghiệm lĩnh vực hóa học", "Giám định hàng hóa xuất nhập khẩu",
                    "Kiểm định phương tiện đo áp suất", "Chứng nhận sản phẩm phù hợp quy chuẩn kỹ thuật"),
            "mucDichSuDung", List.of("Bổ sung hồ sơ xin việc", "Xuất khẩu lao động", "Làm thủ tục kết hôn", "Bổ nhiệm chức danh tư pháp"),
            "linhVucHanhNghe", List.of("Thiết kế kết cấu công trình dân dụng - công nghiệp", "Giám sát thi công xây dựng công trình giao thông",
                    "Khảo sát địa chất công trình", "Định giá xây dựng", "Quản lý dự án đầu tư xây dựng"),
            "phamViKinhDoanh", List.of("Kinh doanh dịch vụ lữ hành quốc tế đưa khách quốc tế vào Việt Nam",
                    "Kinh doanh dịch vụ lữ hành quốc tế đưa khách du lịch ra nước ngoài"));

    /** What the generator hands to the store: the record at creation (codes and dates not yet set) and its plan. */
    public record Generated(ObjectNode record, DossierPlan plan, Instant appliedAt) {
    }

    private record Officer(String fullname, String position) {
    }

    /** The applicant as drawn, used across the record, the summary and the eForm. */
    private record Applicant(int type, String name, boolean female, int birthYear, String idType, String idNumber,
                             String address, String phone, String email, String fax, String representative) {
        boolean citizen() {
            return type == 1;
        }

        String phrase() {
            return citizen() ? (female ? "bà " : "ông ") + name : name;
        }
    }

    private final ProvinceCatalogue catalogue;
    private final String agencyCode;
    private final String agencyName;
    private final String documentSuffix;
    private final List<Officer> oneStop;
    private final List<Officer> leaders;
    private final Map<String, List<Officer>> units = new HashMap<>();

    public DossierGenerator(ProvinceCatalogue catalogue, String agencyCode, String agencyName) {
        this.catalogue = catalogue;
        this.agencyCode = agencyCode;
        this.agencyName = agencyName;
        this.documentSuffix = "S" + localPrefix(agencyName);
        // a fixed roster per agency, so the same officers recur across dossiers
        Random staff = new Random(agencyCode.hashCode());
        this.oneStop = roster(staff, 5, "Chuyên viên");
        this.leaders = List.of(new Officer(ProvinceVocabulary.personName(staff, false), "Giám đốc"),
                new Officer(ProvinceVocabulary.personName(staff, staff.nextBoolean()), "Phó Giám đốc"),
                new Officer(ProvinceVocabulary.personName(staff, staff.nextBoolean()), "Phó Giám đốc"));
        for (ProvinceCatalogue.Procedure p : catalogue.procedures()) {
            units.computeIfAbsent(unitOf(p), u -> {
                Random r = new Random((agencyCode + u).hashCode());
                boolean subDepartment = u.startsWith("Chi cục");
                List<Officer> list = new ArrayList<>(roster(r, 3, "Chuyên viên"));
                list.add(new Officer(ProvinceVocabulary.personName(r, r.nextBoolean()), subDepartment ? "Chi cục trưởng" : "Trưởng phòng"));
                list.add(new Officer(ProvinceVocabulary.personName(r, r.nextBoolean()), subDepartment ? "Phó Chi cục trưởng" : "Phó Trưởng phòng"));
                return List.copyOf(list);
            });
        }
    }

    /**
     * The local code prefix derived from the agency name: "Sở Khoa học và Công nghệ tỉnh Thái
     * Nguyên" gives {@code KHCN} (initials of the words between "Sở" and "tỉnh", without "và").
     */
    public static String localPrefix(String agencyName) {
        String name = ascii(agencyName).trim();
        int cut = indexOfAny(name, " tinh ", " thanh pho ", " TP ");
        if (cut > 0) {
            name = name.substring(0, cut);
        }
        if (name.startsWith("So ")) {
            name = name.substring(3);
        }
        StringBuilder sb = new StringBuilder();
        for (String w : name.split("[ –-]+")) {
            if (!w.isEmpty() && !w.equalsIgnoreCase("va") && Character.isLetter(w.charAt(0))) {
                sb.append(Character.toUpperCase(w.charAt(0)));
            }
        }
        return sb.isEmpty() ? "HS" : sb.length() > 6 ? sb.substring(0, 6) : sb.toString();
    }

    /**
     * Draws {@code count} dossiers from {@code seed}, of procedures the province handles on the date of {@code now}.
     *
     * @param now     the creation time
     * @param ageDays 0 for dossiers submitted now; otherwise submissions are spread over the last {@code ageDays} days
     */
    public List<Generated> generate(long seed, int count, Instant now, int ageDays) {
        return generate(seed, count, now, ageDays, ProvinceCatalogue.Selection.PROVINCE);
    }

    /** Like {@link #generate(long, int, Instant, int)}, drawing from the selected procedures (handled by whom on the date of {@code now}). */
    public List<Generated> generate(long seed, int count, Instant now, int ageDays, ProvinceCatalogue.Selection selection) {
        List<Generated> out = new ArrayList<>(count);
        generate(seed, count, now, ageDays, selection, out::add);
        return out;
    }

    /** Like {@link #generate(long, int, Instant, int)}, handing each dossier over as soon as it is drawn (large counts). */
    public void generate(long seed, int count, Instant now, int ageDays, Consumer<Generated> sink) {
        generate(seed, count, now, ageDays, ProvinceCatalogue.Selection.PROVINCE, sink);
    }

    /**
     * Draws from the procedures of {@code selection} on the (Vietnamese) date of {@code now}: ministry
     * dossiers are spread evenly across the ministry systems, then across each one's procedures.
     *
     * @throws IllegalArgumentException when no procedure is in the selection on that date
     */
    public void generate(long seed, int count, Instant now, int ageDays, ProvinceCatalogue.Selection selection,
                         Consumer<Generated> sink) {
        generate(seed, count, now, 0, ageDays, selection, sink);
    }

    /**
     * Like {@link #generate(long, int, Instant, int, ProvinceCatalogue.Selection, Consumer)}, submissions spread over
     * {@code [now - ageDays, now - minAgeDays]} (a bulk of old dossiers, all well behind any pull watermark); with
     * {@code minAgeDays} 0 the very same dossiers as without it.
     *
     * @throws IllegalArgumentException when {@code minAgeDays} is negative or, with an age, not below {@code ageDays}
     */
    public void generate(long seed, int count, Instant now, int minAgeDays, int ageDays, ProvinceCatalogue.Selection selection,
                         Consumer<Generated> sink) {
        if (minAgeDays < 0 || (minAgeDays > 0 && minAgeDays >= ageDays)) {
            throw new IllegalArgumentException("minAgeDays must be between 0 and ageDays - 1");
        }
        List<List<ProvinceCatalogue.Procedure>> pools = pools(selection, LocalDate.ofInstant(now, ProcedureRouting.ZONE));
        SplittableRandom master = new SplittableRandom(seed);
        for (int i = 0; i < count; i++) {
            sink.accept(one(new SplittableRandom(master.nextLong()), pools, now, minAgeDays, ageDays));
        }
    }

    /** One pool for province procedures (so their draws are unchanged), one per handler otherwise. */
    private List<List<ProvinceCatalogue.Procedure>> pools(ProvinceCatalogue.Selection selection, LocalDate date) {
        List<ProvinceCatalogue.Procedure> selected = catalogue.procedures(selection, date);
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("no procedure is handled by "
                    + (selection == ProvinceCatalogue.Selection.MINISTRY ? "a ministry system" : "the province") + " on " + date
                    + " (mappings/catalogue/routing.csv)");
        }
        if (selection != ProvinceCatalogue.Selection.MINISTRY) {
            return List.of(selected);
        }
        Map<String, List<ProvinceCatalogue.Procedure>> byHandler = new TreeMap<>();
        for (ProvinceCatalogue.Procedure p : selected) {
            byHandler.computeIfAbsent(catalogue.handlerOf(p, date), h -> new ArrayList<>()).add(p);
        }
        return List.copyOf(byHandler.values());
    }

    private Generated one(SplittableRandom r, List<List<ProvinceCatalogue.Procedure>> pools, Instant now, int minAgeDays,
                          int ageDays) {
        ProvinceCatalogue.Procedure procedure = pick(r, pools.size() == 1 ? pools.get(0) : pick(r, pools));
        // the age draw is taken whatever ageDays is, so that the rest of the content does not depend on it
        double age = r.nextDouble();
        Instant appliedAt = ProvinceDates.wholeSeconds(ageDays <= 0 ? now
                : now.minusSeconds((long) ((minAgeDays + age * (ageDays - minAgeDays)) * 86_400L)));

        int applyMethod = weighted(r, 55, 38, 7); // 0 online, 1 direct, 2 postal
        Applicant applicant = applicant(r, procedure);
        String detailKey = detailKey(procedure);
        String detail = detail(r, detailKey);
        String unit = unitOf(procedure);
        int processingDays = PROCESSING_DAYS[Math.floorMod(procedure.nationalCode().hashCode(), PROCESSING_DAYS.length)];

        List<Integer> path = path(r, applyMethod == 0);
        if (!vn.tthc.hub.catalogue.ProcedureRouting.PROVINCE.equals(catalogue.handlerOf(procedure, now.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate()))
                && path.contains(Status.RECEIVED)) {
            // a ministry system processes it: the province's desk only receives it (or refuses it)
            path = path.subList(0, path.indexOf(Status.RECEIVED) + 1);
        }
        boolean needsFee = path.contains(Status.PAYMENT_REQUESTED);
        boolean online = applyMethod == 0;

        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("id", uuid(r).toString());
        d.putNull("code");
        d.putNull("nationCode");
        d.put("revision", 0);
        d.putNull("updatedDate");
        ObjectNode proc = d.putObject("procedure");
        proc.put("id", "p-" + procedure.nationalCode());
        proc.put("code", procedure.localCode());
        proc.put("name", procedure.name());
        ObjectNode sector = d.putObject("sector");
        sector.put("code", procedure.sectorCode());
        sector.put("name", procedure.sectorName());
        ObjectNode agency = d.putObject("agency");
        agency.put("code", agencyCode);
        agency.put("name", agencyName);
        d.putNull("receiptNumber");

        ObjectNode a = d.putObject("applicant");
        a.put("fullname", applicant.name());
        a.put("identityNumber", applicant.idNumber());
        a.put("type", applicant.type());
        if (online) {
            a.put("accountId", (applicant.citizen() ? "vneid-" : "dvcqg-") + String.format("%06x", r.nextInt(1 << 24)));
        } else {
            a.putNull("accountId");
        }
        a.put("phone", applicant.phone());
        a.put("email", applicant.email());
        a.put("fax", applicant.fax());
        a.put("address", applicant.address());
        a.putNull("note");
        ObjectNode identity = a.putArray("identities").addObject();
        identity.put("type", applicant.idType());
        identity.put("number", applicant.idNumber());

        d.put("summary", summary(procedure, applicant, detail));
        d.putNull("appliedDate");
        d.putNull("acceptedDate");
        d.putNull("appointmentDate");
        d.putNull("cancelledDate");
        d.putNull("completedDate");
        d.putNull("returnedDate");
        d.putObject("dossierStatus").putNull("id");
        ObjectNode method = d.putObject("applyMethod");
        method.put("id", applyMethod);
        method.put("name", catalogue.applyMethod(applyMethod).name());
        d.put("receivingPlace", online ? "Cổng Dịch vụ công quốc gia" : "Trung tâm Phục vụ hành chính công tỉnh");
        boolean postalReturn = applyMethod == 2 ? r.nextInt(10) < 7 : online && r.nextInt(4) == 0;
        ObjectNode returnMethod = d.putObject("returnMethod");
        returnMethod.put("id", postalReturn ? 1 : 0);
        returnMethod.put("name", postalReturn ? "Trả qua dịch vụ bưu chính công ích" : "Trả trực tiếp");
        d.put("returnInfo", postalReturn ? "Trả qua bưu chính công ích đến địa chỉ: " + applicant.address() : null);
        d.putObject("processingUnit").put("name", unit);
        d.putNull("note");
        ObjectNode flags = d.putObject("flags");
        flags.put("digitized", r.nextInt(10) < 7);
        flags.put("vneidVerified", online && r.nextInt(100) < 85);
        boolean hasFees = needsFee || r.nextInt(10) < 6;
        flags.put("paidOnline", online && hasFees && !needsFee && r.nextBoolean());
        ArrayNode databases = d.putArray("connectedDatabases");
        if (applicant.citizen() && (online || r.nextBoolean())) {
            databases.add("CSDLQGDC");
        } else if (applicant.type() == 2 && r.nextBoolean()) {
            databases.add("CSDLQGDKDN");
        }

        ArrayNode attachments = d.putArray("attachments");
        int files = 1 + r.nextInt(6);
        List<String> names = new ArrayList<>(ProvinceVocabulary.FILE_NAMES.subList(1, ProvinceVocabulary.FILE_NAMES.size()));
        for (int i = 0; i < files; i++) {
            String id = objectId(r);
            String filename = i == 0 ? ProvinceVocabulary.FILE_NAMES.get(0) : names.remove(r.nextInt(names.size()));
            ObjectNode f = attachments.addObject();
            f.put("id", id);
            f.put("filename", filename);
            f.put("componentCode", String.format("TP%02d", i + 1));
            f.put("url", FILE_BASE_URL + id);
            f.put("deleted", false);
            f.put("digitized", r.nextInt(10) < 8);
            f.put("reused", r.nextInt(10) == 0);
            f.put("fromNationalRepository", r.nextInt(20) == 0);
            f.putNull("replacedResultCode");
        }
        d.putArray("results");
        ArrayNode fees = d.putArray("fees");
        String feeText = null;
        if (hasFees) {
            boolean registration = procedure.name().startsWith("Cấp") || procedure.name().startsWith("Chứng nhận");
            ObjectNode fee = fees.addObject();
            long amount = FEE_AMOUNTS[r.nextInt(FEE_AMOUNTS.length)];
            fee.put("code", "LP01");
            fee.put("name", "Phí thẩm định");
            fee.put("method", flags.get("paidOnline").asBoolean() ? 2 : 1);
            fee.put("amount", amount);
            fee.put("type", 1);
            feeText = "phí thẩm định " + String.format(Locale.GERMANY, "%,d", amount) + " đồng";
            if (registration && r.nextBoolean()) {
                ObjectNode charge = fees.addObject();
                charge.put("code", "LP02");
                charge.put("name", "Lệ phí cấp giấy");
                charge.put("method", 1);
                charge.put("amount", 100_000 * (1 + r.nextInt(3)));
                charge.put("type", 2);
            }
        }
        d.putArray("processes");
        ObjectNode data = d.putObject("eForm").putObject("data");
        eForm(data, r, applicant, detailKey, detail);

        List<DossierPlan.Step> steps = steps(r, path, applyMethod, unit, applicant, feeText);
        List<DossierPlan.ResultDocument> results = results(r, procedure);
        return new Generated(d, new DossierPlan(steps, results, processingDays), appliedAt);
    }

    // ---- paths ------------------------------------------------------------------------------

    /** A legal path: online dossiers start at 1 (submitted), desk and postal ones at 2 (received). */
    static List<Integer> path(RandomGenerator r, boolean online) {
        List<Integer> p = new ArrayList<>();
        if (online) {
            p.add(Status.SUBMITTED);
            if (r.nextInt(100) < 5) {
                p.add(Status.REFUSED);
                return p;
            }
        }
        p.add(Status.RECEIVED);
        int scenario = r.nextInt(100);
        if (scenario < 62) {
            p.addAll(List.of(4, 9, 10));
        } else if (scenario < 74) {
            p.addAll(List.of(4, 5, 4, 9, 10));
        } else if (scenario < 82) {
            p.addAll(List.of(4, 6, 4, 9, 10));
        } else if (scenario < 85) {
            p.addAll(List.of(4, 5, 4, 5, 4, 9, 10));
        } else if (scenario < 88) {
            p.addAll(List.of(4, 5, 4, 6, 4, 9, 10));
        } else if (scenario < 94) {
            p.addAll(r.nextInt(3) == 0 ? List.of(7) : List.of(4, 7));
        } else if (scenario < 97) {
            p.addAll(r.nextInt(3) == 0 ? List.of(8) : List.of(4, 8));
        } else {
            p.addAll(List.of(4, 9)); // finished, result not collected yet
        }
        return p;
    }

    private List<DossierPlan.Step> steps(RandomGenerator r, List<Integer> path, int applyMethod, String unit,
                                         Applicant applicant, String feeText) {
        List<Officer> unitStaff = units.get(unit);
        Officer desk = pick(r, oneStop);
        Officer specialist = unitStaff.get(r.nextInt(unitStaff.size() - 2));
        Officer head = unitStaff.get(unitStaff.size() - 2 + r.nextInt(2));
        Officer leader = pick(r, leaders);
        String whom = applicant.citizen() ? "công dân" : "tổ chức";
        List<DossierPlan.Step> steps = new ArrayList<>(path.size());
        int previous = 0;
        for (int status : path) {
            DossierPlan.Step step = switch (status) {
                case 1 -> new DossierPlan.Step(1, "Nộp hồ sơ trực tuyến", SYSTEM, "", PORTAL, 0, null);
                case 2 -> new DossierPlan.Step(2, switch (applyMethod) {
                    case 1 -> "Tiếp nhận hồ sơ trực tiếp";
                    case 2 -> "Tiếp nhận hồ sơ qua dịch vụ bưu chính công ích";
                    default -> "Tiếp nhận hồ sơ";
                }, desk.fullname(), desk.position(), ONE_STOP, minutes(r, 30, 600), null);
                case 3 -> {
                    String reason = pick(r, ProvinceVocabulary.REFUSAL_REASONS);
                    yield new DossierPlan.Step(3, "Từ chối tiếp nhận hồ sơ: " + lowerFirst(reason), desk.fullname(),
                            desk.position(), ONE_STOP, minutes(r, 30, 480), reason);
                }
                case 4 -> switch (previous) {
                    case 5 -> new DossierPlan.Step(4, "Tiếp nhận hồ sơ bổ sung, tiếp tục xử lý", specialist.fullname(),
                            specialist.position(), unit, minutes(r, 1440, 10080), null);
                    case 6 -> new DossierPlan.Step(4, "Xác nhận hoàn thành nghĩa vụ tài chính, tiếp tục xử lý",
                            specialist.fullname(), specialist.position(), unit, minutes(r, 1440, 4320), null);
                    default -> new DossierPlan.Step(4, "Chuyển xử lý chuyên môn", head.fullname(), head.position(), unit,
                            minutes(r, 60, 1440), null);
                };
                case 5 -> new DossierPlan.Step(5, "Yêu cầu bổ sung hồ sơ: " + pick(r, ProvinceVocabulary.SUPPLEMENT_REASONS),
                        specialist.fullname(), specialist.position(), unit, minutes(r, 1440, 7200), null);
                case 6 -> new DossierPlan.Step(6, "Yêu cầu thực hiện nghĩa vụ tài chính: nộp "
                        + (feeText == null ? "phí thẩm định" : feeText), specialist.fullname(), specialist.position(), unit,
                        minutes(r, 1440, 4320), null);
                case 7 -> new DossierPlan.Step(7, "Rút hồ sơ theo đề nghị của " + whom, desk.fullname(), desk.position(),
                        ONE_STOP, minutes(r, 1440, 7200), null);
                case 8 -> {
                    String reason = pick(r, ProvinceVocabulary.STOP_REASONS);
                    yield new DossierPlan.Step(8, "Dừng xử lý hồ sơ: " + reason, leader.fullname(), leader.position(), BOARD,
                            minutes(r, 2880, 14400), upperFirst(reason));
                }
                case 9 -> new DossierPlan.Step(9, "Phê duyệt kết quả", leader.fullname(), leader.position(), BOARD,
                        minutes(r, 2880, 17280), null);
                case 10 -> new DossierPlan.Step(10, "Trả kết quả cho " + whom, desk.fullname(), desk.position(), ONE_STOP,
                        minutes(r, 1440, 4320), null);
                default -> throw new IllegalStateException("no step for status " + status);
            };
            steps.add(step);
            previous = status;
        }
        return steps;
    }

    private List<DossierPlan.ResultDocument> results(RandomGenerator r, ProvinceCatalogue.Procedure procedure) {
        List<DossierPlan.ResultDocument> out = new ArrayList<>(2);
        String id = objectId(r);
        String type = procedure.name().toLowerCase(Locale.ROOT).startsWith("cấp giấy phép") ? "GP" : procedure.name().startsWith("Thẩm định") ? "TĐ" : "GCN";
        out.add(new DossierPlan.ResultDocument(id, resultName(procedure.name()), "KQ01", FILE_BASE_URL + id,
                (1 + r.nextInt(999)) + "/" + type + "-" + documentSuffix));
        if (r.nextInt(3) == 0) {
            String id2 = objectId(r);
            out.add(new DossierPlan.ResultDocument(id2, "Thông báo kết quả giải quyết thủ tục hành chính", "KQ02",
                    FILE_BASE_URL + id2, (1 + r.nextInt(999)) + "/TB-" + documentSuffix));
        }
        return out;
    }

    static String resultName(String procedureName) {
        if (procedureName.equals("Đăng ký sáng chế")) {
            return "Bằng độc quyền sáng chế";
        }
        if (procedureName.equals("Đăng ký nhãn hiệu")) {
            return "Giấy chứng nhận đăng ký nhãn hiệu";
        }
        if (procedureName.startsWith("Nhập quốc tịch")) {
            return "Quyết định cho " + lowerFirst(procedureName);
        }
        if (procedureName.startsWith("Chỉ định ")) {
            return "Quyết định " + lowerFirst(procedureName);
        }
        if (procedureName.startsWith("Cấp Phiếu lý lịch tư pháp")) {
            return "Phiếu lý lịch tư pháp số 1";
        }
        if (procedureName.startsWith("Cấp ")) {
            return upperFirst(procedureName.substring(4));
        }
        if (procedureName.startsWith("Chứng nhận ")) {
            return "Giấy chứng nhận " + procedureName.substring(11);
        }
        if (procedureName.startsWith("Đăng ký ")) {
            return "Giấy xác nhận " + lowerFirst(procedureName);
        }
        return "Văn bản " + lowerFirst(procedureName);
    }

    // ---- applicant and content -----------------------------------------------------------------

    private Applicant applicant(RandomGenerator r, ProvinceCatalogue.Procedure procedure) {
        int type = applicantType(r, procedure.name().toLowerCase(Locale.ROOT));
        String address = ProvinceVocabulary.address(r);
        String phone = ProvinceVocabulary.mobile(r);
        boolean female = r.nextBoolean();
        int birthYear = 1962 + r.nextInt(42);
        if (type == 1) {
            String name = ProvinceVocabulary.personName(r, female);
            boolean oldCard = birthYear < 1980 && r.nextInt(3) == 0;
            String number = oldCard ? ProvinceVocabulary.cmnd(r) : ProvinceVocabulary.cccd(r, female, birthYear);
            return new Applicant(1, name, female, birthYear, oldCard ? "CMND" : "CCCD", number, address, phone,
                    ProvinceVocabulary.personalEmail(r, name), null, name);
        }
        String name = switch (type) {
            case 2 -> ProvinceVocabulary.company(r);
            case 3 -> pick(r, ProvinceVocabulary.STATE_UNITS);
            default -> pick(r, ProvinceVocabulary.ORGANISATIONS);
        };
        String representative = ProvinceVocabulary.personName(r, female);
        String fax = r.nextInt(4) == 0 ? "0208" + digits(r, 7) : null;
        return new Applicant(type, name, female, birthYear, "MST", ProvinceVocabulary.taxCode(r), address, phone,
                ProvinceVocabulary.organisationEmail(r, name), fax, representative);
    }

    /** Who applies for what: 1 citizen, 2 business, 3 state agency, 4 organisation. */
    private static int applicantType(RandomGenerator r, String name) {
        // procedures of the ministries' systems first; none of these words is in a province procedure name
        if (name.contains("chứng chỉ năng lực") || name.contains("đánh giá sự phù hợp") || name.contains("lữ hành")
                || name.contains("nhãn hiệu")) {
            return name.contains("nhãn hiệu") && r.nextInt(4) == 0 ? 1 : 2;
        }
        if (name.contains("sáng chế")) {
            return weighted(r, 25, 55, 10, 10) + 1;
        }
        if (name.contains("lý lịch tư pháp") || name.contains("quốc tịch")) {
            return 1;
        }
        if (name.contains("chứng chỉ") || name.contains("nhân viên")) {
            return 1;
        }
        if (name.contains("x-quang") || name.contains("bức xạ")) {
            return r.nextBoolean() ? 3 : 2;
        }
        if (name.contains("doanh nghiệp") || name.contains("hợp chuẩn") || name.contains("phương tiện đo")
                || name.contains("dự án đầu tư")) {
            return 2;
        }
        if (name.contains("nhiệm vụ khoa học")) {
            return r.nextInt(5) < 3 ? 4 : 3;
        }
        if (name.contains("hoạt động khoa học")) {
            return r.nextBoolean() ? 4 : 2;
        }
        return weighted(r, 40, 35, 0, 25) + 1;
    }

    private static String detailKey(ProvinceCatalogue.Procedure procedure) {
        String n = procedure.name().toLowerCase(Locale.ROOT);
        if (n.contains("sáng chế")) {
            return "tenSangChe";
        }
        if (n.contains("nhãn hiệu")) {
            return "nhanHieu";
        }
        if (n.contains("đánh giá sự phù hợp")) {
            return "linhVucDanhGia";
        }
        if (n.contains("lý lịch tư pháp")) {
            return "mucDichSuDung";
        }
        if (n.contains("chứng chỉ hành nghề") || n.contains("chứng chỉ năng lực")) {
            return "linhVucHanhNghe";
        }
        if (n.contains("lữ hành")) {
            return "phamViKinhDoanh";
        }
        if (n.contains("x-quang") || n.contains("công việc bức xạ")) {
            return "thietBi";
        }
        if (n.contains("nhiệm vụ khoa học")) {
            return "tenNhiemVu";
        }
        if (n.contains("hợp chuẩn")) {
            return "sanPham";
        }
        if (n.contains("phương tiện đo")) {
            return "phuongTienDo";
        }
        if (n.contains("hoạt động khoa học")) {
            return "linhVucHoatDong";
        }
        return null;
    }

    private static String detail(RandomGenerator r, String key) {
        if (key == null) {
            return null;
        }
        if (MINISTRY_DETAILS.containsKey(key)) {
            return pick(r, MINISTRY_DETAILS.get(key));
        }
        return switch (key) {
            case "thietBi" -> pick(r, ProvinceVocabulary.XRAY_DEVICES);
            case "tenNhiemVu" -> pick(r, ProvinceVocabulary.TOPICS);
            case "sanPham" -> pick(r, ProvinceVocabulary.PRODUCTS);
            case "phuongTienDo" -> pick(r, ProvinceVocabulary.MEASURING_DEVICES);
            default -> pick(r, ProvinceVocabulary.FIELDS);
        };
    }

    private static String summary(ProvinceCatalogue.Procedure procedure, Applicant applicant, String detail) {
        String name = procedure.name();
        StringBuilder s = new StringBuilder();
        if (name.startsWith("Đăng ký ")) {
            s.append(name).append(" của ").append(applicant.phrase());
        } else if (name.contains(" cho ")) {
            s.append("Đề nghị ").append(lowerFirst(name)).append(", người đề nghị: ").append(applicant.phrase());
        } else {
            s.append("Đề nghị ").append(lowerFirst(name)).append(" cho ").append(applicant.phrase());
        }
        if (detail != null) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.contains("nhiệm vụ khoa học")) {
                s.append(", nhiệm vụ \"").append(detail).append('"');
            } else if (n.contains("hoạt động khoa học") || n.contains("đánh giá sự phù hợp")
                    || n.contains("hoạt động xây dựng")) {
                s.append(", lĩnh vực ").append(lowerFirst(detail));
            } else if (n.contains("sáng chế") || n.contains("nhãn hiệu")) {
                s.append(" \"").append(detail).append('"');
            } else if (n.contains("lý lịch tư pháp")) {
                s.append(", mục đích: ").append(lowerFirst(detail));
            } else if (n.contains("lữ hành")) {
                s.append(", phạm vi: ").append(lowerFirst(detail));
            } else {
                s.append(" đối với ").append(detail);
            }
        }
        return s.toString();
    }

    private static void eForm(ObjectNode data, RandomGenerator r, Applicant applicant, String detailKey, String detail) {
        if (applicant.citizen()) {
            data.put("hoTen", applicant.name());
            data.put("ngaySinh", BIRTH.format(LocalDate.of(applicant.birthYear(), 1 + r.nextInt(12), 1 + r.nextInt(28))));
            data.put("gioiTinh", applicant.female() ? "Nữ" : "Nam");
            data.put("noiCuTru", applicant.address());
        } else {
            data.put("tenToChuc", applicant.name());
            data.put("nguoiDaiDien", applicant.representative());
            data.put("chucVuNguoiDaiDien", applicant.type() == 2 ? "Giám đốc" : pick(r, List.of("Viện trưởng", "Giám đốc", "Hiệu trưởng", "Chủ tịch")));
            data.put("diaChiTruSo", applicant.address());
        }
        if (detailKey != null) {
            data.put(detailKey, detail);
        }
    }

    // ---- helpers ------------------------------------------------------------------------------

    private String unitOf(ProvinceCatalogue.Procedure p) {
        return UNITS_BY_SECTOR.getOrDefault(p.sectorCode(), "Văn phòng Sở");
    }

    private static List<Officer> roster(Random r, int n, String position) {
        List<Officer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new Officer(ProvinceVocabulary.personName(r, r.nextBoolean()), position));
        }
        return List.copyOf(list);
    }

    private static long minutes(RandomGenerator r, int min, int max) {
        return min + r.nextInt(max - min + 1);
    }

    /** An index drawn with the given weights. */
    private static int weighted(RandomGenerator r, int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = r.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static UUID uuid(RandomGenerator r) {
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo);
    }

    private static int indexOfAny(String s, String... needles) {
        int best = -1;
        for (String n : needles) {
            int i = s.indexOf(n);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
