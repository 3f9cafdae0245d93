package vn.tthc.hub.sim.emc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import vn.tthc.hub.sim.common.SimJson;

/**
 * Validates a TrackingMCDT event strictly, field by field, and names the first broken field and
 * rule in a Vietnamese message ({@code "SiteId: phải là số nguyên …"}). Types matter: integers
 * must be JSON integers and {@code User} must be a JSON <em>string</em> holding a JSON object.
 */
final class EmcValidator {

    static final Pattern NATIONAL_PROCEDURE_CODE = Pattern.compile("^\\d\\.\\d{6}$");
    static final List<String> USER_KEYS = List.of("ID_local", "ID_QG", "TYPE", "LOCATION");

    private final int siteId;

    EmcValidator(int siteId) {
        this.siteId = siteId;
    }

    /** @throws EmcError (HTTP 400) naming the first broken field and rule */
    void validate(JsonNode body) {
        String codeProfile = nonEmptyString(body, "CodeProfile");
        String maHoSo = nonEmptyString(body, "MaHoSo");
        if (!codeProfile.equals(maHoSo)) {
            throw EmcError.invalid("MaHoSo", "phải trùng với CodeProfile");
        }
        int site = integer(body, "SiteId");
        if (site != siteId) {
            throw EmcError.invalid("SiteId", "không đúng mã đơn vị (" + siteId + ")");
        }
        String procedure = string(body, "CodeTTHC");
        if (!NATIONAL_PROCEDURE_CODE.matcher(procedure).matches()) {
            throw EmcError.invalid("CodeTTHC", "phải là mã TTHC quốc gia dạng d.dddddd");
        }
        string(body, "NameTTHC");
        oneOf(body, "Status", Set.of(0, 1, 2, 3));
        oneOf(body, "FormsReception", Set.of(1, 2));
        oneOf(body, "FormsPayments", Set.of(0, 1, 2));
        oneOf(body, "Level", Set.of(3, 4));
        oneOf(body, "IsFromDVCQG", Set.of(0, 1));
        oneOf(body, "IsDVCBC", Set.of(0, 1, 2));
        string(body, "Data");
        String user = string(body, "User");
        JsonNode userJson;
        try {
            userJson = SimJson.parse(user);
        } catch (IllegalArgumentException e) {
            throw EmcError.invalid("User", "phải là chuỗi chứa JSON hợp lệ");
        }
        if (!userJson.isObject()) {
            throw EmcError.invalid("User", "phải là chuỗi chứa một đối tượng JSON");
        }
        for (String key : USER_KEYS) {
            if (!userJson.has(key)) {
                throw EmcError.invalid("User", "thiếu khóa " + key);
            }
        }
    }

    private static String string(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw EmcError.invalid(field, "bắt buộc");
        }
        if (!v.isTextual()) {
            throw EmcError.invalid(field, "phải là chuỗi (string), không nhận kiểu " + v.getNodeType().name().toLowerCase());
        }
        return v.asText();
    }

    private static String nonEmptyString(JsonNode body, String field) {
        String s = string(body, field);
        if (s.isBlank()) {
            throw EmcError.invalid(field, "không được để trống");
        }
        return s;
    }

    private static int integer(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw EmcError.invalid(field, "bắt buộc");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw EmcError.invalid(field, "phải là số nguyên (integer), không nhận kiểu " + v.getNodeType().name().toLowerCase());
        }
        return v.intValue();
    }

    private static void oneOf(JsonNode body, String field, Set<Integer> allowed) {
        int value = integer(body, field);
        if (!allowed.contains(value)) {
            throw EmcError.invalid(field, "giá trị " + value + " không hợp lệ, chỉ nhận "
                    + allowed.stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse(""));
        }
    }
}
