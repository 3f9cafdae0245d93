package vn.tthc.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeUtility;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The mail texts: Vietnamese with full diacritics by default, English by configuration, RFC 2047 subjects that decode back. */
class AlertTemplatesTest {
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    static final Instant SINCE = Instant.parse("2026-12-03T01:15:00Z"); // 08:15 in Vietnam
    static final Instant NOW = Instant.parse("2026-12-03T01:40:00Z");

    static AlertMail failingMail(String language) {
        AlertComposer c = new AlertComposer(new AlertTemplates(language, VN), "http://localhost:8080/");
        Incident i = new MemoryIncidentBook().open(IncidentKey.failing("dvcqg"), SINCE).incident();
        return c.failing(i, new PartnerStatus("dvcqg", null, SINCE, "HTTP 503: Service Unavailable", 503, 37, 37), NOW);
    }

    @Test
    void theVietnameseSubjectHasTheGlossaryShapeAndDiacritics() {
        AlertMail m = failingMail("vi");
        assertThat(m.subject()).isEqualTo("[tthc-hub] Sự cố đồng bộ Cổng DVCQG: 37 hồ sơ chưa gửi được từ 08:15 03/12/2026");
        assertThat(m.body()).contains("Cổng DVCQG đang gặp sự cố", "Từ lúc: 03/12/2026 08:15 (trong 25 phút)",
                "Số hồ sơ chưa gửi được: 37", "Lỗi gần nhất: HTTP 503: Service Unavailable", "Hệ thống vẫn tự động gửi lại: Có",
                "Kiểm tra kết nối tới Cổng DVCQG", "gửi lại từ bảng điều khiển", "Bảng điều khiển: http://localhost:8080/",
                "Mã sự cố: dvcqg-failing-20261203-011500");
        assertThat(m.kind()).isEqualTo(AlertMail.Kind.INCIDENT);
        assertThat(m.dossiers()).isEqualTo(37);
    }

    @Test
    void englishByConfiguration() {
        AlertMail m = failingMail("en");
        assertThat(m.subject()).isEqualTo("[tthc-hub] Sync incident with the national portal (DVCQG): 37 dossiers not sent since 08:15 03/12/2026");
        assertThat(m.body()).contains("Since: 03/12/2026 08:15 (25 min)", "Last error: HTTP 503",
                "Check the connection to the portal", "replay dead deliveries from the console", "Console: http://localhost:8080/");
    }

    @Test
    void theSubjectIsAnRfc2047EncodedWordThatDecodesBack() throws Exception {
        for (String lang : List.of("vi", "en")) {
            AlertMail m = failingMail(lang);
            String encoded = m.encodedSubject();
            if (lang.equals("vi")) {
                assertThat(encoded).startsWith("=?UTF-8?B?");
            }
            assertThat(encoded.chars().allMatch(ch -> ch < 128)).as("ASCII only on the wire").isTrue();
            assertThat(MimeUtility.decodeText(encoded)).isEqualTo(m.subject());
        }
        String recovered = new AlertComposer(new AlertTemplates("vi", VN), "http://x/")
                .recovered(new MemoryIncidentBook().open(IncidentKey.failing("dvcqg"), SINCE).incident(), "dvcqg", NOW, 37, 0).subject();
        assertThat(recovered).isEqualTo("[tthc-hub] Cổng DVCQG đã hoạt động trở lại — 37 hồ sơ đã đồng bộ");
        assertThat(MimeUtility.decodeText(AlertMail.encode(recovered))).isEqualTo(recovered);
    }

    @Test
    void bothLanguagesHaveTheSameKeys() throws Exception {
        assertThat(load("vi").stringPropertyNames()).isEqualTo(load("en").stringPropertyNames());
    }

    @Test
    void partnersHaveTheirNamesAndMinistriesTheirCode() {
        AlertTemplates vi = new AlertTemplates("vi", VN);
        assertThat(vi.partner("emc")).isEqualTo("Hệ thống EMC");
        assertThat(vi.partner("ministry-G17")).isEqualTo("Hệ thống Bộ G17");
        assertThat(vi.advice("ministry-G17")).contains("NDXP");
        assertThat(vi.render("digest.summary.issues", Map.of("failing", 1, "dead", 2))).isEqualTo("1 hệ thống đang gặp sự cố, 2 hồ sơ đã dừng");
    }

    @Test
    void everyRenderedTextIsMasked() {
        AlertTemplates vi = new AlertTemplates("vi", VN);
        String out = vi.render("digest.department", Map.of("department", "CCCD 079123456789, SĐT 0912345678", "delivered", 1, "failing", 0, "dead", 0));
        assertThat(out).doesNotContain("079123456789", "0912345678").contains("*********789", "*******678");
    }

    private static Properties load(String lang) throws Exception {
        Properties p = new Properties();
        try (var in = AlertTemplatesTest.class.getClassLoader().getResourceAsStream("alerts/messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
