package vn.tthc.hub.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import vn.tthc.hub.DossierSamples;
import vn.tthc.hub.TestUsers;

/**
 * A viewer looks a dossier up: searches it by code, opens its page and reads every version, every delivery with its
 * attempts (the failed ones too) and the timeline. Screenshots: {@code dossiers-search}, {@code dossier-timeline}.
 */
class DossierBrowserTest extends BrowserTestBase {
    /** Codes of this test only. */
    static final String P = "000.00.06.H56-250102-66";

    @AfterEach
    void calm() {
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
    }

    void pushed(ObjectNode d) {
        assertThat(push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode()).isEqualTo(202);
    }

    static JsonNode deliveries(String code) {
        return getJson("/api/v1/dossiers/" + code).path("deliveries");
    }

    static int attemptsOf(String code, String target) {
        int n = 0;
        for (JsonNode d : deliveries(code)) {
            if (d.path("target").asText().equals(target)) {
                n += d.path("attempts").asInt();
            }
        }
        return n;
    }

    static void allDelivered(String code, int atLeast) {
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> assertThat(deliveries(code)).hasSizeGreaterThanOrEqualTo(atLeast)
                .allSatisfy(d -> assertThat(d.path("state").asText()).isEqualTo("DELIVERED")));
    }

    @Test
    void aViewerSearchesADossierByCodeAndReadsItsDeliveriesAndAttempts() {
        // wait for earlier tests' deliveries, so the fault knobs below hit this test's dossiers only
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners");
            for (String t : List.of("dvcqg", "emc")) {
                assertThat(p.path(t).path("pending").asLong() + p.path(t).path("failed").asLong()).isZero();
            }
        });
        // a dossier with three versions, the portal and EMC failing for a while at its first
        String code = P + "01";
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":1}");
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":1}");
        ObjectNode v3 = DossierSamples.sample(code);
        pushed(v3);
        await().atMost(Duration.ofSeconds(30)).until(() -> attemptsOf(code, "dvcqg") >= 2 && attemptsOf(code, "emc") >= 3);
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
        ObjectNode v4 = DossierSamples.nextRevision(v3, v3.path("summary").asText() + " (bổ sung tài liệu)");
        pushed(v4);
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":0}");
        allDelivered(code, 4);
        pushed(DossierSamples.nextRevision(v4, v4.path("summary").asText() + ", đã thẩm định"));
        allDelivered(code, 6);
        // two more dossiers for the search to list
        pushed(DossierSamples.sample(P + "02"));
        pushed(DossierSamples.sample(P + "03"));
        allDelivered(P + "02", 2);
        allDelivered(P + "03", 2);

        signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        open("/dossiers?lang=vi");
        assertThat(find("h1").getText()).isEqualTo("Tra cứu hồ sơ");
        find("#f-code").sendKeys(P);
        find("#search").click();
        waitFor("#results");
        assertThat(findAll("#results .dossier-row")).extracting(r -> r.getAttribute("data-code")).containsExactly(P + "03", P + "02", P + "01");
        assertThat(find("#total").getText()).isEqualTo("Tổng: 3");
        WebElement row = find("#results .dossier-row[data-code='" + code + "']");
        assertThat(row.getText()).contains("Đang xử lý", "Đã đồng bộ", "v5");
        screenshot("dossiers-search");

        row.findElement(By.cssSelector("a.dossier-link")).click();
        waitFor("#timeline");
        assertThat(find("h1").getText()).isEqualTo("Hồ sơ " + code);
        assertThat(find("#fact-status").getText()).contains("4", "Đang xử lý");
        assertThat(findAll("#versions tr.version")).hasSize(3);
        assertThat(findAll("#deliveries .target-deliveries")).extracting(e -> e.getAttribute("data-target")).contains("dvcqg", "emc");
        WebElement emc = find("#deliveries .target-deliveries[data-target='emc']");
        assertThat(emc.findElement(By.tagName("h2")).getText()).isEqualTo("Lượt đồng bộ tới EMC");
        List<WebElement> emcAttempts = emc.findElements(By.cssSelector("tr.attempt"));
        assertThat(emcAttempts).hasSizeGreaterThanOrEqualTo(5);
        assertThat(emc.findElements(By.cssSelector("tr.attempt[data-outcome='TRANSIENT']"))).hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(a -> assertThat(a.getText()).contains("503", "Lỗi tạm thời, sẽ gửi lại"));
        assertThat(emc.findElements(By.cssSelector("tr.attempt[data-outcome='DELIVERED']"))).hasSize(3);
        assertThat(findAll("#timeline li.event.VERSION")).hasSize(3);
        assertThat(findAll("#timeline li.event.ATTEMPT")).hasSizeGreaterThanOrEqualTo(emcAttempts.size() + 5);
        assertThat(find("#timeline li.event").getText()).contains("Nhận phiên bản 3 từ Hệ thống TTHC tỉnh");
        // the whole page in one picture for the README
        browser.manage().window().setSize(new Dimension(1400, 2600));
        screenshot("dossier-timeline");
        browser.manage().window().setSize(new Dimension(1400, 1000));

        // a version's payload: masked for a viewer, no way to the full one
        find("#versions tr.version a.view-payload").click();
        waitFor("pre.payload");
        assertThat(find("pre.payload").getText()).contains("*********234").doesNotContain("019190001234");
        assertThat(findAll("#show-full")).isEmpty();
    }
}
