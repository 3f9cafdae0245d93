package vn.tthc.hub.sim.dvcqg;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Validates DongBoHoSoMC dossier items and CapNhatTienDoHoSoMC progress steps the way the portal
 * does, and names the first broken field and rule in a Vietnamese message such as
 * {@code data[0].NgayNopHoSo: sai định dạng yyyyMMddHHmmss}. The rules follow PARTNERS.md; the
 * portal publishes no validation table, so their exact strictness is <b>assumed</b>. Public so that
 * the ministry simulators validate the same item model; each refusal carries a {@link DvcqgError.Rule}
 * (missing field, agency mismatch, type/format) for partners that answer with distinct codes.
 */
public final class DvcqgValidator {

    static final int MAX_SUMMARY_CHARS = 1000;
    static final int MAX_ACTOR_CHARS = 50;

    /** Dossier fields that hold arrays of objects; every other field is a string. */
    public static final Set<String> DOSSIER_ARRAYS = Set.of("TaiLieuNop", "DanhSachGiayToKetQua", "DanhSachLePhi",
            "DinhDanhCHS", "DSKetNoiCSDL", "DanhSachTepDinhKemKhac", "DanhSachHoSoBoSung");
    static final List<String> DOSSIER_REQUIRED = List.of("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "TrichYeuHoSo",
            "NgayNopHoSo", "TrangThaiHoSo", "KenhThucHien");
    static final List<String> DOSSIER_DATES = List.of("NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTuChoi",
            "NgayKetThucXuLy", "NgayTra");
    static final List<String> STEP_REQUIRED = List.of("MaHoSo", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai");
    static final List<String> STEP_DATES = List.of("ThoiDiemXuLy", "NgayBatDau", "NgayKetThucTheoQuyDinh");

    static final Set<String> STATUSES = Set.of("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");

    /** Closed value sets: field -> allowed values ("" = no value, where allowed). */
    private static final Map<String, Set<String>> DOSSIER_ENUMS = Map.of(
            "TrangThaiHoSo", STATUSES,
            "KenhThucHien", Set.of("1", "2", "3"),
            "LoaiDoiTuong", Set.of("", "1", "2", "3", "4"),
            "HoSoCoThanhPhanSoHoa", Set.of("", "0", "1"),
            "TaiKhoanDuocXacThucVoiVNeID", Set.of("", "0", "1"),
            "HinhThuc", Set.of("", "0", "1"));
    private static final Map<String, String> ENUM_RULES = Map.of(
            "TrangThaiHoSo", "chỉ nhận \"1\" đến \"10\"",
            "KenhThucHien", "chỉ nhận \"1\" (trực tiếp), \"2\" (trực tuyến) hoặc \"3\" (bưu chính công ích)",
            "LoaiDoiTuong", "chỉ nhận \"\" hoặc \"1\" đến \"4\"",
            "HoSoCoThanhPhanSoHoa", "chỉ nhận \"\", \"0\" hoặc \"1\"",
            "TaiKhoanDuocXacThucVoiVNeID", "chỉ nhận \"\", \"0\" hoặc \"1\"",
            "HinhThuc", "chỉ nhận \"\", \"0\" (trực tiếp) hoặc \"1\" (bưu chính)");

    private static final List<String> ENUM_ORDER = List.of("TrangThaiHoSo", "KenhThucHien", "LoaiDoiTuong",
            "HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID", "HinhThuc");

    static final Pattern AGENCY_CODE = Pattern.compile("^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$");
    static final Pattern DOSSIER_CODE = Pattern.compile("^(\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2})-(\\d{6})-(\\d{4})$");
    static final Pattern NATIONAL_PROCEDURE_CODE = Pattern.compile("^\\d\\.\\d{6}$");
    private static final Pattern DIGITS14 = Pattern.compile("^\\d{14}$");
    private static final Pattern DOWNLOAD_URL = Pattern.compile("^https?://\\S+$");

    private static final DateTimeFormatter DATE14 = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("uuMMdd")
            .withResolverStyle(ResolverStyle.STRICT);

    /**
     * Checks one dossier item.
     *
     * @param item    the item as received
     * @param path    its position for messages, e.g. {@code data[0]}
     * @param madonvi the caller's unit code, which must prefix MaHoSo
     * @throws DvcqgError (error_code -1) naming the first broken field and rule
     */
    public void validateDossier(JsonNode item, String path, String madonvi) {
        if (item == null || !item.isObject()) {
            throw DvcqgError.invalid(path + ": phải là một đối tượng JSON");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String fieldPath = path + "." + f.getKey();
            if (DOSSIER_ARRAYS.contains(f.getKey())) {
                if (!f.getValue().isArray()) {
                    throw DvcqgError.invalid(fieldPath + ": phải là mảng JSON");
                }
                checkObjectsOfStrings(f.getValue(), fieldPath);
            } else {
                requireString(f.getValue(), fieldPath);
            }
        }
        for (String field : DOSSIER_REQUIRED) {
            requireNonEmpty(item, path, field);
        }
        maxLength(item, path, "TrichYeuHoSo", MAX_SUMMARY_CHARS);
        for (String field : DOSSIER_DATES) {
            checkDate(item, path, field);
        }
        String procedure = item.get("MaTTHC").asText();
        if (!NATIONAL_PROCEDURE_CODE.matcher(procedure).matches()) {
            throw DvcqgError.invalid(path + ".MaTTHC: phải là mã TTHC quốc gia dạng d.dddddd (ví dụ 2.000477), "
                    + "không dùng mã địa phương");
        }
        checkDossierCode(item.get("MaHoSo").asText(), path + ".MaHoSo", madonvi);
        for (String field : ENUM_ORDER) {
            JsonNode v = item.get(field);
            if (v != null && !DOSSIER_ENUMS.get(field).contains(v.asText())) {
                throw DvcqgError.invalid(path + "." + field + ": giá trị không hợp lệ, " + ENUM_RULES.get(field));
            }
        }
        JsonNode documents = item.get("TaiLieuNop");
        if (documents != null) {
            for (int i = 0; i < documents.size(); i++) {
                checkDocument(documents.get(i), path + ".TaiLieuNop[" + i + "]");
            }
        }
    }

    /**
     * Checks one progress step.
     *
     * @throws DvcqgError (error_code -1) naming the first broken field and rule
     */
    public void validateStep(JsonNode step, String path, String madonvi) {
        if (step == null || !step.isObject()) {
            throw DvcqgError.invalid(path + ": phải là một đối tượng JSON");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = step.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            requireString(f.getValue(), path + "." + f.getKey());
        }
        for (String field : STEP_REQUIRED) {
            requireNonEmpty(step, path, field);
        }
        maxLength(step, path, "NguoiXuLy", MAX_ACTOR_CHARS);
        for (String field : STEP_DATES) {
            checkDate(step, path, field);
        }
        if (!STATUSES.contains(step.get("TrangThai").asText())) {
            throw DvcqgError.invalid(path + ".TrangThai: giá trị không hợp lệ, chỉ nhận \"1\" đến \"10\"");
        }
        checkDossierCode(step.get("MaHoSo").asText(), path + ".MaHoSo", madonvi);
    }

    /** Whether {@code text} is "" or a valid yyyyMMddHHmmss date-time. */
    static boolean isDate14OrEmpty(String text) {
        if (text.isEmpty()) {
            return true;
        }
        if (!DIGITS14.matcher(text).matches()) {
            return false;
        }
        try {
            LocalDateTime.parse(text, DATE14);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void checkDossierCode(String code, String fieldPath, String madonvi) {
        Matcher m = DOSSIER_CODE.matcher(code);
        if (!m.matches() || !isDate6(m.group(2))) {
            throw DvcqgError.invalid(fieldPath + ": sai định dạng {mã đơn vị}-{yyMMdd}-{NNNN} (ví dụ 000.00.06.H56-231027-0361)");
        }
        if (!m.group(1).equals(madonvi)) {
            throw DvcqgError.invalid(DvcqgError.Rule.AGENCY, fieldPath + ": mã đơn vị trong mã hồ sơ (" + m.group(1)
                    + ") không khớp madonvi (" + madonvi + ")");
        }
    }

    private static boolean isDate6(String yyMMdd) {
        try {
            LocalDate.parse(yyMMdd, YYMMDD);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static void checkDocument(JsonNode doc, String path) {
        requireNonEmpty(doc, path, "TenTepDinhKem");
        requireNonEmpty(doc, path, "DuongDanTaiTepTin");
        if (!DOWNLOAD_URL.matcher(doc.get("DuongDanTaiTepTin").asText()).matches()) {
            throw DvcqgError.invalid(path + ".DuongDanTaiTepTin: phải là đường dẫn http(s) để tải tệp, "
                    + "không nhúng nội dung tệp");
        }
        JsonNode deleted = doc.get("IsDeleted");
        if (deleted != null && !deleted.asText().equals("True") && !deleted.asText().equals("False")) {
            throw DvcqgError.invalid(path + ".IsDeleted: chỉ nhận \"True\" hoặc \"False\"");
        }
    }

    private static void checkObjectsOfStrings(JsonNode array, String path) {
        for (int i = 0; i < array.size(); i++) {
            JsonNode element = array.get(i);
            String elementPath = path + "[" + i + "]";
            if (!element.isObject()) {
                throw DvcqgError.invalid(elementPath + ": phải là một đối tượng JSON");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = element.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                String fieldPath = elementPath + "." + f.getKey();
                if (f.getValue().isArray()) {
                    checkObjectsOfStrings(f.getValue(), fieldPath);
                } else {
                    requireString(f.getValue(), fieldPath);
                }
            }
        }
    }

    private static void requireString(JsonNode value, String fieldPath) {
        if (!value.isTextual()) {
            throw DvcqgError.invalid(fieldPath + ": phải là chuỗi (string), không nhận kiểu "
                    + value.getNodeType().name().toLowerCase());
        }
    }

    private static void requireNonEmpty(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.asText().isBlank()) {
            throw DvcqgError.invalid(DvcqgError.Rule.MISSING, path + "." + field + ": bắt buộc, không được để trống");
        }
        requireString(v, path + "." + field);
    }

    private static void maxLength(JsonNode node, String path, String field, int max) {
        JsonNode v = node.get(field);
        if (v != null && v.asText().codePointCount(0, v.asText().length()) > max) {
            throw DvcqgError.invalid(path + "." + field + ": vượt quá " + max + " ký tự");
        }
    }

    private static void checkDate(JsonNode node, String path, String field) {
        JsonNode v = node.get(field);
        if (v != null && !isDate14OrEmpty(v.asText())) {
            throw DvcqgError.invalid(path + "." + field + ": sai định dạng yyyyMMddHHmmss");
        }
    }
}
