package vn.tthc.hub.sim.ministry;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Realistic Vietnamese texts of a ministry's processing: departments, titles, step contents, result documents. */
final class MinistryVocabulary {

    private static final Map<String, List<String>> DEPARTMENTS = Map.of(
            "G06", List.of("Cục Sở hữu trí tuệ", "Cục An toàn bức xạ và hạt nhân", "Cục Thông tin, Thống kê",
                    "Vụ Đánh giá, Thẩm định và Giám định công nghệ"),
            "G15", List.of("Cục Hộ tịch, quốc tịch, chứng thực", "Cục Bổ trợ tư pháp",
                    "Trung tâm Lý lịch tư pháp quốc gia", "Cục Đăng ký quốc gia giao dịch bảo đảm"),
            "G17", List.of("Cục Quản lý hoạt động xây dựng", "Cục Kinh tế - Quản lý đầu tư xây dựng",
                    "Cục Giám định nhà nước về chất lượng công trình xây dựng", "Cục Quản lý nhà và thị trường bất động sản"),
            "G02", List.of("Cục Xuất nhập khẩu", "Cục Hóa chất", "Cục Điện lực"),
            "G18", List.of("Cục Quản lý Dược", "Cục Quản lý Khám, chữa bệnh", "Cục An toàn thực phẩm"),
            "G09", List.of("Vụ Tổ chức phi chính phủ", "Cục Việc làm", "Vụ Công chức - Viên chức"));

    private static final Map<String, String> HOSTS = Map.of(
            "G06", "dichvucong.mst.gov.vn",
            "G15", "dichvucong.moj.gov.vn",
            "G17", "dichvucong.moc.gov.vn",
            "G02", "dichvucong.moit.gov.vn",
            "G18", "dichvucong.moh.gov.vn",
            "G09", "dichvucong.moha.gov.vn");

    static final List<String> OFFICER_TITLES = List.of("Chuyên viên", "Chuyên viên", "Chuyên viên chính");
    static final List<String> LEADER_TITLES = List.of("Phó Cục trưởng", "Phó Cục trưởng", "Cục trưởng");
    static final String CLERK_TITLE = "Cán bộ Bộ phận Một cửa";

    private MinistryVocabulary() {
    }

    static List<String> departments(MinistryConfig config) {
        return DEPARTMENTS.getOrDefault(config.code(), List.of("Văn phòng " + config.name()));
    }

    /** Base https URL of the ministry's result files, e.g. {@code https://dichvucong.moc.gov.vn/ketqua/}. */
    static String resultBaseUrl(MinistryConfig config) {
        return "https://" + HOSTS.getOrDefault(config.code(), "dichvucong." + config.code().toLowerCase(Locale.ROOT) + ".gov.vn")
                + "/ketqua/";
    }

    static String content(int from, int to, String department) {
        return switch (to) {
            case 2 -> "Tiếp nhận hồ sơ";
            case 4 -> from == 5 ? "Tiếp nhận hồ sơ bổ sung, tiếp tục thẩm định"
                    : from == 6 ? "Đã hoàn thành nghĩa vụ tài chính, tiếp tục xử lý hồ sơ"
                    : "Phân công chuyên viên " + department + " thụ lý, thẩm định hồ sơ";
            case 6 -> "Thông báo nộp phí, lệ phí thẩm định hồ sơ";
            case 8 -> "Dừng xử lý hồ sơ";
            case 9 -> "Lãnh đạo " + department + " phê duyệt, ký kết quả giải quyết";
            case 10 -> "Trả kết quả giải quyết thủ tục hành chính";
            default -> "Cập nhật trạng thái hồ sơ";
        };
    }

    /** The main result document's name derived from the procedure name. */
    static String resultName(String procedureName) {
        String p = procedureName == null ? "" : procedureName.trim();
        if (p.startsWith("Cấp ")) {
            String rest = p.replaceFirst("^Cấp (lại |đổi )?", "");
            return rest.isEmpty() ? "Giấy chứng nhận" : Character.toUpperCase(rest.charAt(0)) + rest.substring(1);
        }
        if (p.isEmpty()) {
            return "Quyết định giải quyết thủ tục hành chính";
        }
        return "Quyết định về việc " + Character.toLowerCase(p.charAt(0)) + p.substring(1);
    }
}
