package vn.tthc.hub.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every string field of the canonical model — found by walking the model's record types, not from
 * a list — refuses the same hostile values, naming that field; and the strict kinds (code, e-mail,
 * phone, URL) keep their own rules.
 */
class HostileTextTest {
    static final String[] MARKUP = {
        "<script>alert(1)</script>", "<script>alert(1)</script>@x.vn", "<img src=x onerror=alert(1)>", "</textarea><b>",
        "<!-- x -->", "<?xml version=\"1.0\"?>", "<svg/onload=alert(1)>", "javascript:alert(1)", "JaVaScRiPt :alert(1)",
        "&lt;script&gt;alert(1)", "&#60;b&#62;", "&#x3C;i&#x3E;", "data:text/html;base64,PHNjcmlwdD4=", "Tên <b>đậm</b>"};
    static final String[] CONTROL = {"\u202Efdp.exe", "a\u0000b", "x\u001By", "zero\u200Bwidth", "\uFEFFbom", "c1\u0085"};

    final DossierValidator validator = new DossierValidator(Set.of("2.000477", "1.001229")::contains,
            Clock.fixed(DossierValidatorTest.NOW, ZoneOffset.UTC), Duration.ofMinutes(5));

    /** The valid dossier with one element in every list, so that every string field exists somewhere. */
    static ObjectNode fullTree() {
        ObjectNode t = (ObjectNode) CanonicalJson.toTree(DossierValidatorTest.valid());
        t.with("applicant").withArray("identifiers").addObject().put("type", "CCCD").put("number", "019190001234");
        t.withArray("connectedDatabases").add("CSDLQGDC");
        t.withArray("results").addObject().put("id", "r1").put("name", "Giấy chứng nhận").put("componentCode", "KQ01")
                .put("url", "https://x.vn/r1").put("resultCode", "KQ-1");
        return t;
    }

    /** Every path of a string in the model, e.g. {@code documents[0].url}, {@code connectedDatabases[0]}. */
    static List<String> stringPaths(Class<?> type, String prefix) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String path = prefix.isEmpty() ? c.getName() : prefix + "." + c.getName();
            Type g = c.getGenericType();
            Class<?> raw = c.getType();
            if (raw == String.class) {
                out.add(path);
            } else if (List.class.isAssignableFrom(raw)) {
                Class<?> item = (Class<?>) ((ParameterizedType) g).getActualTypeArguments()[0];
                if (item == String.class) {
                    out.add(path + "[0]");
                } else if (item.isRecord()) {
                    out.addAll(stringPaths(item, path + "[0]"));
                }
            } else if (raw.isRecord()) {
                out.addAll(stringPaths(raw, path));
            }
        }
        return out;
    }

    static ObjectNode set(ObjectNode tree, String path, String value) {
        JsonNode node = tree;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            boolean last = i == parts.length - 1;
            int bracket = part.indexOf('[');
            String name = bracket < 0 ? part : part.substring(0, bracket);
            if (bracket < 0) {
                if (last) {
                    ((ObjectNode) node).put(name, value);
                } else {
                    node = node.get(name);
                }
            } else {
                int index = Integer.parseInt(part.substring(bracket + 1, part.length() - 1));
                ArrayNode array = (ArrayNode) node.get(name);
                if (last) {
                    array.set(index, tree.textNode(value));
                } else {
                    node = array.get(index);
                }
            }
        }
        return tree;
    }

    List<String> errorsWith(String path, String value) {
        Dossier d = CanonicalJson.fromJson(set(fullTree(), path, value).toString());
        return validator.validate(d).stream().map(e -> e.field() + "/" + e.rule()).toList();
    }

    @Test
    void theWalkFindsEveryStringFieldOfTheModel() {
        List<String> paths = stringPaths(Dossier.class, "");
        // a new String field of the model shows up here by itself; these are the ones the portal showed markup in
        assertThat(paths).contains("applicant.email", "submissionPlace", "sectorName", "progress[0].department",
                "progress[0].actorTitle", "fees[0].name", "receiptNumber", "applicant.accountId", "documents[0].url",
                "connectedDatabases[0]", "results[0].url", "applicant.identifiers[0].number");
        assertThat(paths).hasSizeGreaterThan(40);
        assertThat(validator.validate(CanonicalJson.fromJson(fullTree().toString()))).isEmpty();
    }

    @Test
    void everyStringFieldRefusesMarkupAndScriptNamingTheField() {
        for (String path : stringPaths(Dossier.class, "")) {
            for (String hostile : MARKUP) {
                assertThat(errorsWith(path, hostile)).as("%s = %s", path, hostile).contains(path + "/markup");
            }
        }
    }

    @Test
    void everyStringFieldRefusesControlAndInvisibleCharacters() {
        for (String path : stringPaths(Dossier.class, "")) {
            for (String hostile : CONTROL) {
                assertThat(errorsWith(path, hostile)).as("%s = %s", path, hostile.codePoints().boxed().toList())
                        .contains(path + "/control");
            }
        }
    }

    @Test
    void ordinaryVietnameseTextWithComparisonsAndAmpersandsPasses() {
        for (String ok : new String[] {"Giá trị a < b và c > d", "Sở KH&CN", "Công ty A &amp; B", "Số 12, ngõ 3/5 — phường 1",
                "Dòng 1\nDòng 2\tcột", "100% < 5 ngày"}) {
            assertThat(errorsWith("note", ok)).as(ok).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lan.nguyen@example.vn", "a_b+tag@sub.domain.gov.vn", "X%Y@x.com"})
    void goodEmails(String email) {
        assertThat(errorsWith("applicant.email", email)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-at", "a@b", "a@@b.vn", "a b@c.vn", ".a@b.vn", "a..b@c.vn", "a@-b.vn", "a@b.v", "\"q\"@b.vn",
            "a@b.vn,c@d.vn", "a'b@c.vn", "a@b.vn\u0020"})
    void badEmails(String email) {
        assertThat(errorsWith("applicant.email", email)).contains("applicant.email/format");
    }

    @Test
    void phonesAndFaxes() {
        for (String ok : new String[] {"0912345678", "+84912345678", "0912 345 678", "091.234.5678", "0208-3855-123"}) {
            assertThat(errorsWith("applicant.phone", ok)).as(ok).isEmpty();
            assertThat(errorsWith("applicant.fax", ok)).as(ok).isEmpty();
        }
        for (String bad : new String[] {"12345", "0912345678 ext 2", "(0912)345678", "0912_345_678", "tel:0912345678"}) {
            assertThat(errorsWith("applicant.phone", bad)).as(bad).contains("applicant.phone/format");
        }
    }

    @Test
    void urlsAreAbsoluteHttpWithAHostAndNothingThatBreaksOutOfALink() {
        for (String ok : new String[] {"https://igate.example.gov.vn/files/f-001", "http://x.vn:8080/a/b?c=d&e=f#g",
                "https://x.vn/tệp/Đơn.pdf", "https://x.vn/a%20b"}) {
            assertThat(errorsWith("documents[0].url", ok)).as(ok).isEmpty();
        }
        for (String bad : new String[] {"file:///etc/passwd", "ftp://x.vn/a", "https:///nohost", "//x.vn/a", "https://x.vn/a b",
                "https://x.vn/\"onmouseover=alert(1)", "https://x.vn/a'b", "https://user:pass@x.vn/a", "https://x.vn/<x>",
                "https://x.vn/a`b", "/relative/path"}) {
            assertThat(errorsWith("documents[0].url", bad)).as(bad).anyMatch(e -> e.startsWith("documents[0].url/"));
            assertThat(errorsWith("results[0].url", bad)).as(bad).anyMatch(e -> e.startsWith("results[0].url/"));
        }
    }

    @Test
    void codesAreLettersDigitsAndFewSeparators() {
        for (String ok : new String[] {"BN-261123-0001", "vneid-3f2a9c", "KHCN01", "TP_01", "a/b.c", "123/QĐ-UBND"}) {
            assertThat(errorsWith("receiptNumber", ok)).as(ok).isEmpty();
        }
        for (String bad : new String[] {"BN 261123", "-lead", "a\"b", "x;y", "a'b", "a=b", "(x)", "x".repeat(101)}) {
            assertThat(errorsWith("receiptNumber", bad)).as(bad).contains("receiptNumber/format");
            assertThat(errorsWith("fees[0].code", bad)).as(bad).contains("fees[0].code/format");
        }
    }

    @Test
    void everyTypeErrorOfATreeIsNamedAtOnceAndTheRestStillBinds() {
        ObjectNode t = fullTree();
        t.put("status", "bốn").put("channel", true);
        t.with("applicant").put("type", "x");
        ((ObjectNode) t.withArray("progress").get(1)).put("at", "hôm qua");
        t.put("extra", 1);
        CanonicalJson.Partial p = CanonicalJson.bindPartial(t);
        assertThat(p.typeErrors()).extracting(e -> e.field() + "/" + e.rule())
                .containsExactlyInAnyOrder("status/type", "channel/type", "applicant.type/type", "progress[1].at/type",
                        "extra/unknown-field");
        assertThat(p.dossier()).isNotNull();
        assertThat(p.dossier().summary()).isEqualTo(DossierValidatorTest.valid().summary());
        assertThat(p.dossier().status()).isNull();
    }
}
