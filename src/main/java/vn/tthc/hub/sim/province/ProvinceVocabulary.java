package vn.tthc.hub.sim.province;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/** Realistic Vietnamese content for generated dossiers of Thái Nguyên province: names, places, organisations, contacts. */
public final class ProvinceVocabulary {

    static final String PROVINCE = "tỉnh Thái Nguyên";

    static final List<String> SURNAMES = List.of(
            "Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Trần", "Lê", "Lê", "Phạm", "Hoàng", "Hoàng", "Vũ", "Đỗ",
            "Đặng", "Bùi", "Ngô", "Dương", "Phan", "Lý", "Hà", "Ma", "Nông", "Đàm", "Lường", "Triệu", "Tạ", "Lương");
    static final List<String> MIDDLE_MALE = List.of("Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Xuân", "Thanh", "Mạnh", "Tiến", "Ngọc");
    static final List<String> MIDDLE_FEMALE = List.of("Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Phương", "Hồng", "Thúy", "Kim");
    static final List<String> GIVEN_MALE = List.of(
            "Hùng", "Dũng", "Tuấn", "Nam", "Cường", "Thắng", "Hải", "Long", "Quân", "Sơn", "Trung", "Bình",
            "Khánh", "Huy", "Đạt", "Thành", "Hiếu", "Phong", "Tùng", "Vinh", "Chiến", "Hưng", "Kiên", "Toàn");
    static final List<String> GIVEN_FEMALE = List.of(
            "Lan", "Hoa", "Hương", "Mai", "Linh", "Trang", "Thảo", "Hằng", "Ngọc", "Yến", "Nhung", "Hà",
            "Huyền", "Thúy", "Oanh", "Vân", "Dung", "Phương", "Quyên", "Nga", "Hạnh", "Loan", "Giang", "Thu");

    /** Wards and communes of Thái Nguyên after the 2025 reorganisation (two-level local government). */
    static final List<String> WARDS = List.of(
            "phường Phan Đình Phùng", "phường Linh Sơn", "phường Tích Lương", "phường Gia Sàng", "phường Quyết Thắng",
            "phường Quan Triều", "phường Sông Công", "phường Bá Xuyên", "phường Bách Quang", "phường Phổ Yên",
            "phường Vạn Xuân", "phường Trung Thành", "phường Phúc Thuận", "phường Đức Xuân", "phường Bắc Kạn");
    static final List<String> COMMUNES = List.of(
            "xã Đại Phúc", "xã Phú Bình", "xã Đồng Hỷ", "xã Võ Nhai", "xã Định Hóa", "xã Phú Lương", "xã Đại Từ",
            "xã Tân Cương", "xã Quân Chu", "xã La Bằng", "xã Chợ Đồn", "xã Ba Bể", "xã Ngân Sơn", "xã Bạch Thông",
            "xã Na Rì", "xã Điềm Thụy", "xã Trại Cau");
    static final List<String> STREETS = List.of(
            "đường Hoàng Văn Thụ", "đường Lương Ngọc Quyến", "đường Quang Trung", "đường Bến Oánh", "đường Phan Đình Phùng",
            "đường Cách Mạng Tháng Tám", "đường Minh Cầu", "đường Hoàng Ngân", "đường Đội Cấn", "đường Thống Nhất",
            "đường Dương Tự Minh", "đường Việt Bắc", "đường Bắc Kạn", "đường Z115", "đường Lê Quý Đôn", "đường Tân Thịnh");
    static final List<String> HAMLETS = List.of(
            "xóm Đồng Tâm", "xóm Khuôn Ngục", "xóm Làng Hin", "xóm Soi Mít", "xóm Bờ Tấc", "xóm Na Mạt", "thôn Nà Pài",
            "thôn Bản Tấm", "xóm Gò Chè", "tổ dân phố số 7", "tổ dân phố Cầu Gỗ", "xóm Tân Thái");

    static final List<String> COMPANY_FORMS = List.of("Công ty TNHH", "Công ty Cổ phần", "Công ty TNHH MTV");
    static final List<String> COMPANY_CORES = List.of(
            "Công nghệ Sông Cầu", "Thiết bị Y tế Hoàng Long", "Đo lường và Kiểm định Phương Bắc", "Chè Tân Cương Hoàng Bình",
            "Cơ khí chính xác Gang Thép", "Phần mềm Thái Nguyên", "Nông nghiệp Công nghệ cao Đại Từ", "Điện tử Yên Bình",
            "Vật liệu mới Sông Công", "Dược phẩm Thái Nguyên", "Xây dựng và Thương mại Phổ Yên", "Thực phẩm sạch Đồng Hỷ",
            "Năng lượng xanh Võ Nhai", "Kiểm định An Phát", "Giải pháp số Việt Bắc", "Phòng khám Đa khoa Tâm An",
            "Nha khoa Hà Nội – Thái Nguyên", "Môi trường Xanh Bắc Kạn", "Cơ điện lạnh Trung Thành", "Gốm sứ Phú Bình");
    static final List<String> STATE_UNITS = List.of(
            "Bệnh viện Đa khoa Trung ương Thái Nguyên", "Bệnh viện A Thái Nguyên", "Bệnh viện C Thái Nguyên",
            "Trung tâm Y tế Đại Từ", "Trung tâm Y tế Phú Bình", "Trung tâm Y tế Định Hóa", "Bệnh viện Đa khoa Bắc Kạn",
            "Trung tâm Kiểm soát bệnh tật tỉnh Thái Nguyên", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng Thái Nguyên",
            "Bệnh viện Gang Thép Thái Nguyên", "Trung tâm Y tế Phổ Yên");
    static final List<String> ORGANISATIONS = List.of(
            "Trường Đại học Nông Lâm – Đại học Thái Nguyên", "Trường Đại học Kỹ thuật Công nghiệp – Đại học Thái Nguyên",
            "Trường Đại học Y Dược – Đại học Thái Nguyên", "Viện Khoa học Sự sống – Đại học Thái Nguyên",
            "Viện Nghiên cứu Nông nghiệp Thái Nguyên", "Trung tâm Nghiên cứu và Chuyển giao công nghệ Việt Bắc",
            "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Thái Nguyên", "Viện Nghiên cứu Phát triển Chè Việt Bắc",
            "Trung tâm Ứng dụng tiến bộ khoa học và công nghệ Thái Nguyên", "Hội Khoa học Kinh tế Nông lâm nghiệp Thái Nguyên");
    static final List<String> FIELDS = List.of(
            "Nông nghiệp công nghệ cao", "Công nghệ sinh học", "Công nghệ thông tin", "Khoa học y, dược",
            "Cơ khí, tự động hóa", "Khoa học môi trường", "Khoa học xã hội và nhân văn", "Vật liệu mới");
    static final List<String> TOPICS = List.of(
            "Nghiên cứu ứng dụng công nghệ IoT trong sản xuất chè an toàn tại Tân Cương",
            "Xây dựng mô hình trồng lúa hữu cơ tại vùng đồng bằng tỉnh Thái Nguyên",
            "Ứng dụng trí tuệ nhân tạo hỗ trợ chẩn đoán hình ảnh X-quang phổi",
            "Nghiên cứu chọn tạo giống chè mới năng suất cao, chất lượng tốt",
            "Đánh giá thực trạng ô nhiễm kim loại nặng trong đất canh tác vùng mỏ",
            "Phát triển sản phẩm OCOP từ dược liệu bản địa vùng Việt Bắc");
    static final List<String> PRODUCTS = List.of(
            "chè xanh Tân Cương đóng gói", "ống thép hàn đen", "gạch ốp lát ceramic", "tủ điện hạ thế",
            "nước uống đóng chai", "phân bón hữu cơ vi sinh", "cáp điện lực hạ thế");
    static final List<String> XRAY_DEVICES = List.of(
            "máy X-quang kỹ thuật số Shimadzu RADspeed Pro", "máy X-quang di động Fujifilm FDR Nano",
            "máy CT-Scanner GE Revolution ACT", "máy X-quang răng toàn cảnh Vatech PaX-i", "máy chụp nhũ ảnh Hologic Selenia");
    static final List<String> MEASURING_DEVICES = List.of(
            "cân ô tô", "cột đo xăng dầu", "công tơ điện xoay chiều", "đồng hồ nước lạnh", "taximet", "cân bàn điện tử");

    /** Mobile prefixes in use (Viettel, Vinaphone, MobiFone, Vietnamobile, Gmobile). */
    static final List<String> MOBILE_PREFIXES = List.of(
            "032", "033", "034", "035", "036", "037", "038", "039", "052", "056", "058", "059", "070", "076", "077",
            "078", "079", "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096",
            "097", "098", "099");
    /** Province codes at the start of a CCCD number: mostly Thái Nguyên (019), some neighbours and big cities. */
    static final List<String> CCCD_PROVINCES = List.of(
            "019", "019", "019", "019", "019", "019", "006", "001", "024", "020", "008", "010", "079", "022", "027");
    static final List<String> MAIL_DOMAINS = List.of("gmail.com", "gmail.com", "gmail.com", "yahoo.com.vn", "outlook.com");

    public static final List<String> SUPPLEMENT_REASONS = List.of(
            "bổ sung bản sao quyết định thành lập tổ chức có chứng thực",
            "bổ sung bản thuyết minh chi tiết theo mẫu quy định",
            "bổ sung danh sách nhân lực kèm văn bằng chuyên môn",
            "làm rõ thông tin về trụ sở làm việc và cơ sở vật chất",
            "bổ sung báo cáo đánh giá an toàn theo hướng dẫn",
            "điều chỉnh thông tin tại đơn đề nghị cho thống nhất với giấy tờ kèm theo");
    static final List<String> REFUSAL_REASONS = List.of(
            "Hồ sơ không thuộc thẩm quyền giải quyết của Sở",
            "Hồ sơ không đầy đủ thành phần theo quy định",
            "Tệp đính kèm không đọc được hoặc không đúng định dạng",
            "Thông tin chủ hồ sơ không khớp với dữ liệu định danh");
    public static final List<String> STOP_REASONS = List.of(
            "tổ chức đề nghị dừng thực hiện thủ tục",
            "quá thời hạn bổ sung hồ sơ mà tổ chức, cá nhân không bổ sung",
            "hồ sơ thuộc trường hợp phải chờ ý kiến của cơ quan có thẩm quyền");
    static final List<String> FILE_NAMES = List.of(
            "Don-de-nghi.pdf", "Quyet-dinh-thanh-lap.pdf", "Giay-chung-nhan-dang-ky-doanh-nghiep.pdf", "Ban-thuyet-minh.docx",
            "Danh-sach-nhan-luc.pdf", "Ban-sao-CCCD.pdf", "Bao-cao-danh-gia-an-toan.pdf", "Ho-so-thiet-bi.pdf",
            "Giay-uy-quyen.pdf", "Hop-dong-thue-tru-so.pdf", "Bang-tu-danh-gia.xlsx", "Ket-qua-thu-nghiem.pdf");

    private ProvinceVocabulary() {
    }

    public static <T> T pick(RandomGenerator r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    public static String personName(RandomGenerator r, boolean female) {
        return pick(r, SURNAMES) + " " + pick(r, female ? MIDDLE_FEMALE : MIDDLE_MALE) + " "
                + pick(r, female ? GIVEN_FEMALE : GIVEN_MALE);
    }

    static String address(RandomGenerator r) {
        if (r.nextInt(3) < 2) {
            return "Số " + (1 + r.nextInt(350)) + " " + pick(r, STREETS) + ", " + pick(r, WARDS) + ", " + PROVINCE;
        }
        String hamlet = pick(r, HAMLETS);
        return Character.toUpperCase(hamlet.charAt(0)) + hamlet.substring(1) + ", " + pick(r, COMMUNES) + ", " + PROVINCE;
    }

    static String company(RandomGenerator r) {
        return pick(r, COMPANY_FORMS) + " " + pick(r, COMPANY_CORES);
    }

    static String digits(RandomGenerator r, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    /** CCCD: 3-digit province code, century/gender digit, 2-digit birth year, 6 digits. */
    static String cccd(RandomGenerator r, boolean female, int birthYear) {
        int centuryGender = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
        return pick(r, CCCD_PROVINCES) + centuryGender + String.format("%02d", birthYear % 100) + digits(r, 6);
    }

    /** Old 9-digit identity card (CMND) of Thái Nguyên: starts with 09. */
    static String cmnd(RandomGenerator r) {
        return "09" + digits(r, 7);
    }

    /** 10-digit enterprise/tax code of the province (Thái Nguyên 46, Bắc Kạn 47). */
    static String taxCode(RandomGenerator r) {
        return (r.nextInt(5) == 0 ? "47" : "46") + "0" + digits(r, 7);
    }

    static String mobile(RandomGenerator r) {
        return pick(r, MOBILE_PREFIXES) + digits(r, 7);
    }

    /** {@code lan.nguyen87@gmail.com} from a Vietnamese personal name. */
    static String personalEmail(RandomGenerator r, String fullName) {
        String[] parts = ascii(fullName).toLowerCase(Locale.ROOT).split(" ");
        String local = parts[parts.length - 1] + "." + parts[0] + (r.nextBoolean() ? String.valueOf(10 + r.nextInt(90)) : "");
        return local + "@" + pick(r, MAIL_DOMAINS);
    }

    /** An organisation's mailbox: initials of its name on an official-looking domain. */
    static String organisationEmail(RandomGenerator r, String orgName) {
        StringBuilder initials = new StringBuilder();
        for (String w : ascii(orgName).split("[ –-]+")) {
            if (!w.isEmpty() && Character.isLetter(w.charAt(0))) {
                initials.append(Character.toLowerCase(w.charAt(0)));
            }
        }
        String domain = orgName.startsWith("Công ty") ? "gmail.com"
                : orgName.startsWith("Trường") || orgName.startsWith("Viện") ? "tnu.edu.vn" : "thainguyen.gov.vn";
        return (r.nextBoolean() ? "vanthu." : "info.") + initials + "@" + domain;
    }

    /** Removes Vietnamese diacritics (đ → d). */
    static String ascii(String text) {
        // the inputs come from the finite lists above (or a configured agency name): cache them
        String cached = ASCII_CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        String s = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .replace('đ', 'd').replace('Đ', 'D');
        if (ASCII_CACHE.size() < 10_000) {
            ASCII_CACHE.put(text, s);
        }
        return s;
    }

    /** Lower-cases the first letter (used to embed a procedure name in a sentence). */
    public static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    public static String upperFirst(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** 24 lowercase hex digits, like the object ids of the province system's file store. */
    static String objectId(RandomGenerator r) {
        char[] out = new char[24];
        for (int word = 0; word < 3; word++) {
            int v = r.nextInt();
            for (int i = 7; i >= 0; i--) {
                out[word * 8 + i] = HEX[v & 0xF];
                v >>>= 4;
            }
        }
        return new String(out);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final Map<String, String> ASCII_CACHE = new ConcurrentHashMap<>();
}
