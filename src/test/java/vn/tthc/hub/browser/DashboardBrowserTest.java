package vn.tthc.hub.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tthc.hub.TestUsers;

/**
 * The dashboard in a real browser, with some traffic (province and ministry dossiers, a portal that fails now and
 * then, EMC failing throughout): a card per partner with its numbers and both charts drawn, EMC red with the time it
 * has been failing since; then a new dossier, and the numbers change on the page without a reload.
 */
class DashboardBrowserTest extends BrowserTestBase {
    static final List<String> PARTNERS = List.of("province", "ministry-G06", "ministry-G15", "ministry-G17", "coordination", "ndxp",
            "dvcqg", "emc");

    @AfterEach
    void calm() {
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
    }

    static JsonNode card(String partner) {
        for (JsonNode c : getJson("/api/v1/dashboard").path("partners")) {
            if (c.path("partner").asText().equals(partner)) {
                return c;
            }
        }
        throw new AssertionError("no card for " + partner);
    }

    static void generate(int count, String procedures) {
        postForJson("/sim/province/_control/generate", "{\"count\":" + count + ",\"seed\":" + ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)
                + ",\"procedures\":\"" + procedures + "\"}");
    }

    @Test
    void aCardPerPartnerWithNumbersAndChartsRedWhenFailingAndRefreshedWithoutAReload() {
        // traffic: the portal fails a quarter of the calls (retried), EMC every call (failing)
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0.25}");
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":1}");
        generate(12, "ministry");
        generate(10, "province");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(card("emc").path("health").path("status").asText()).isEqualTo("failing");
            assertThat(card("ndxp").path("lastHour").path("attempts").asLong()).isPositive();
            assertThat(card("dvcqg").path("lastHour").path("delivered").asLong()).isPositive();
        });
        // the ministries answer: their progress comes back through NDXP and is written back to the province
        for (String m : List.of("G06", "G15", "G17")) {
            postForJson("/sim/ministry-" + m + "/_control/advance", "{}");
        }

        // a reconciliation of the last minutes, for its result on the cards
        await().atMost(Duration.ofSeconds(60)).until(() -> postJson("/api/v1/reconciliations",
                "{\"from\":\"" + java.time.OffsetDateTime.now().minusMinutes(10) + "\"}").statusCode() == 202);
        await().atMost(Duration.ofSeconds(60)).until(() -> getJson("/api/v1/reconciliations?limit=1").path("items").path(0).hasNonNull("finishedAt"));

        signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        browser.manage().window().setSize(new Dimension(1440, 1500));
        open("/?lang=vi");
        waitFor("#cards");
        List<WebElement> cards = findAll("#cards .card");
        assertThat(cards).extracting(c -> c.getAttribute("data-partner")).containsExactlyElementsOf(PARTNERS);
        for (WebElement c : cards) {
            assertThat(c.findElement(By.cssSelector(".n-delivered")).getText()).matches("\\d+");
            assertThat(c.findElement(By.cssSelector("dd.hour")).getText()).contains("lượt · lỗi");
        }
        // ECharts draws into a canvas inside each chart box once the series arrived
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
                d.findElements(By.cssSelector(".chart canvas")).size() == 2 * PARTNERS.size()
                        && d.findElements(By.cssSelector(".charts[data-loaded='hour']")).size() == PARTNERS.size());
        WebElement emc = find("#card-emc");
        assertThat(emc.getAttribute("class")).contains("failing");
        assertThat(emc.findElement(By.cssSelector(".failing-since")).getText()).matches("Lỗi từ \\d\\d:\\d\\d");
        assertThat(find("#card-province .next-pull").getText()).isNotBlank();
        assertThat(find("#card-emc .dlq-depth").getText()).matches("\\d+");
        assertThat(find("#card-dvcqg .reconciliation a").getText()).startsWith("#");
        screenshot("dashboard");

        // the day view of a card
        find("#charts-dvcqg button[data-window='day']").click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
                "day".equals(d.findElement(By.cssSelector("#charts-dvcqg")).getAttribute("data-loaded")));

        // a new dossier: the portal's delivered count changes on the page by itself (htmx), the page is not reloaded
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
        browser.executeScript("window.dashboardNotReloaded = true;");
        WebElement chartBefore = find("#chart-dvcqg-throughput canvas");
        String before = find("#card-dvcqg .n-delivered").getText();
        generate(1, "province");
        new WebDriverWait(browser, Duration.ofSeconds(45)).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d ->
                !d.findElement(By.cssSelector("#card-dvcqg .n-delivered")).getText().equals(before));
        assertThat(browser.executeScript("return window.dashboardNotReloaded === true;")).isEqualTo(true);
        // the charts survived the swap (the same canvas, still in the page)
        assertThat(find("#chart-dvcqg-throughput canvas")).isEqualTo(chartBefore);
        assertThat(find("#charts-dvcqg").getAttribute("data-loaded")).isEqualTo("day");
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }
}
