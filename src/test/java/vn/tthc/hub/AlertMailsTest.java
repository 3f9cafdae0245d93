package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.tthc.hub.alert.AlertService;

/**
 * The portal failing past the (test) threshold of 3 s gives exactly one incident mail, and its
 * recovery exactly one "recovered" mail, both received by the embedded SMTP server, in Vietnamese,
 * with an RFC 2047 subject and no personal number whole.
 */
class AlertMailsTest extends HubTestBase {
    static final String INCIDENT = "[tthc-hub] Sự cố đồng bộ Cổng DVCQG: ";
    static final String RECOVERED = "[tthc-hub] Cổng DVCQG đã hoạt động trở lại — ";
    static final Pattern WHOLE_NUMBER = Pattern.compile("(?<![\\d])\\d{9,12}(?![\\d])");

    @Autowired
    GreenMail greenMail;
    @Autowired
    AlertService alerts;

    @AfterEach
    void restorePortal() {
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
    }

    @Test
    void aFailingPortalIsOneIncidentMailAndOneRecoveredMail() throws Exception {
        // start from a working portal with no incident left open by another test
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
        List<String> warmUp = codes(postForJson("/sim/province/_control/generate", "{\"count\":2,\"seed\":8101}"));
        await().atMost(Duration.ofSeconds(60)).until(() -> warmUp.stream().allMatch(HubTestBase::deliveredToPortal));
        await().atMost(Duration.ofSeconds(10)).until(() -> alerts.openIncidents().stream()
                .noneMatch(i -> i.key().partner().equals("dvcqg") && i.key().errorClass().equals("failing")));
        int baseline = greenMail.getReceivedMessages().length;

        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":1}");
        List<String> during = codes(postForJson("/sim/province/_control/generate", "{\"count\":3,\"seed\":8102}"));
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsSince(baseline, INCIDENT).size() == 1);
        // one mail per incident: more checks while it stays open send nothing more
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> mailsSince(baseline, INCIDENT).size() == 1);

        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsSince(baseline, RECOVERED).size() == 1);
        await().atMost(Duration.ofSeconds(60)).until(() -> during.stream().allMatch(HubTestBase::deliveredToPortal));
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4))
                .until(() -> mailsSince(baseline, RECOVERED).size() == 1 && mailsSince(baseline, INCIDENT).size() == 1);

        MimeMessage incident = mailsSince(baseline, INCIDENT).get(0);
        String rawSubject = incident.getHeader("Subject")[0];
        assertThat(rawSubject).startsWith("=?UTF-8?");
        assertThat(MimeUtility.decodeText(MimeUtility.unfold(rawSubject))).isEqualTo(incident.getSubject());
        assertThat(incident.getSubject()).matches(Pattern.quote(INCIDENT) + "\\d+ hồ sơ chưa gửi được từ \\d\\d:\\d\\d \\d\\d/\\d\\d/\\d{4}");
        String body = (String) incident.getContent();
        assertThat(body).contains("Cổng DVCQG đang gặp sự cố", "Số hồ sơ chưa gửi được:", "Lỗi gần nhất:", "Kiểm tra kết nối tới Cổng DVCQG",
                "Bảng điều khiển: http://localhost:", "Mã sự cố: dvcqg-failing-");
        assertThat(Arrays.stream(incident.getAllRecipients()).map(Object::toString)).containsExactly("tich-hop@localhost");

        MimeMessage recovered = mailsSince(baseline, RECOVERED).get(0);
        assertThat(recovered.getSubject()).matches(Pattern.quote(RECOVERED) + "\\d+ hồ sơ đã đồng bộ");
        String recoveredBody = (String) recovered.getContent();
        assertThat(recoveredBody).contains("Cổng DVCQG đã hoạt động trở lại lúc", "Mã sự cố: " + incidentId(body));

        for (MimeMessage m : List.of(incident, recovered)) {
            assertThat(WHOLE_NUMBER.matcher(m.getSubject() + "\n" + m.getContent()).find()).as("no CCCD or phone whole").isFalse();
        }

        // the log of alerts and the mailbox view of the embedded default say the same
        JsonNode log = getJson("/api/v1/alerts?limit=200");
        List<String> kinds = new ArrayList<>();
        log.forEach(a -> {
            if (incidentId(body).equals(a.path("incidentId").asText())) {
                kinds.add(a.path("kind").asText() + "/" + a.path("status").asText() + "/" + a.path("partner").asText());
            }
        });
        assertThat(kinds).containsExactlyInAnyOrder("incident/SENT/dvcqg", "recovered/SENT/dvcqg");
        JsonNode mails = getJson("/api/v1/alerts/mails");
        Map<String, String> bySubject = new LinkedHashMap<>();
        mails.forEach(m -> bySubject.put(m.path("subject").asText(), m.path("body").asText()));
        assertThat(bySubject).containsEntry(incident.getSubject(), body);
    }

    private static String incidentId(String body) {
        return body.lines().filter(l -> l.startsWith("Mã sự cố: ")).findFirst().orElseThrow().substring("Mã sự cố: ".length()).trim();
    }

    private List<MimeMessage> mailsSince(int baseline, String subjectPrefix) throws Exception {
        MimeMessage[] all = greenMail.getReceivedMessages();
        List<MimeMessage> out = new ArrayList<>();
        for (int i = baseline; i < all.length; i++) {
            if (all[i].getSubject() != null && all[i].getSubject().startsWith(subjectPrefix)) {
                out.add(all[i]);
            }
        }
        return out;
    }

    private static List<String> codes(JsonNode generated) {
        List<String> out = new ArrayList<>();
        generated.path("codes").forEach(c -> out.add(c.asText()));
        return out;
    }
}
