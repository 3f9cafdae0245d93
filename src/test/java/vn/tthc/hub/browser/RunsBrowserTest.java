package vn.tthc.hub.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tthc.hub.TestUsers;

/**
 * The reconciliation, report and alert pages in the browser: after the portal loses a dossier, an operator starts a
 * report-only run from the page and watches it finish (the row refreshes itself) with the difference, opens the run,
 * re-syncs the row and sees it healed (delivered again, held by the portal again); reads the reports and downloads the
 * workbook, mails the report now; reads the alerts. A viewer sees no start or re-sync button, and their POSTs are refused.
 */
class RunsBrowserTest extends BrowserTestBase {
    static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void anOperatorReconcilesResyncsAndReadsReportsAndAlertsAViewerOnlyReads() throws Exception {
        Instant t0 = Instant.now();
        String code = postForJson("/sim/province/_control/generate", "{\"count\":1,\"seed\":91601,\"procedures\":\"province\"}")
                .get("codes").get(0).asText();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> portalHolds(code) && deliveredToPortal(code));
        postForJson("/sim/dvcqg/_control/drift", json(Map.of("drop", 1, "among", List.of(code))));
        assertThat(portalHolds(code)).isFalse();
        // one run at a time: wait for another test's run to end
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode items = getJson("/api/v1/reconciliations?size=1").get("items");
            return items.isEmpty() || !items.get(0).get("state").asText().equals("RUNNING");
        });

        signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        open("/reconciliations?lang=vi");
        assertThat(find("h1").getText()).isEqualTo("Đối soát");
        setValue(find("#start-from"), FIELD.format(t0.minusSeconds(60)));
        find("#start-reason").sendKeys("Cổng DVCQG báo thiếu hồ sơ " + code);
        WebElement heal = find("#start-heal");
        assertThat(heal.isSelected()).as("heals by default").isTrue();
        heal.click();
        find("#start-run").click();
        waitFor("p.flash.ok");
        assertThat(find("p.flash.ok").getText()).startsWith("Đã bắt đầu lượt đối soát #");
        WebElement first = find("#runs tbody tr.run-row");
        String runId = first.getAttribute("id").substring("run-".length());
        assertThat(find("#run-" + runId + " .run-link").getText()).isEqualTo(runId);
        // the row refreshes itself every 2 s until the run has ended
        new WebDriverWait(browser, Duration.ofSeconds(90)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> "DONE".equals(
                d.findElement(By.id("run-" + runId)).getAttribute("data-state")));
        WebElement row = find("#run-" + runId);
        assertThat(Long.parseLong(row.findElement(By.cssSelector("td.missingAtTarget")).getText().replace(".", ""))).isPositive();
        assertThat(row.getText()).contains("Từ bảng điều khiển", TestUsers.OPERATOR, "Chỉ ghi nhận", "Hoàn thành");
        screenshot("reconciliation");

        row.findElement(By.cssSelector(".run-link")).click();
        waitFor("#reconciliation-run");
        assertThat(find("h1").getText()).isEqualTo("Lượt đối soát #" + runId);
        find("#f-code").sendKeys(code);
        find("#difference-filters button[type=submit]").click();
        WebElement diff = waitFor("tr.difference[data-code='" + code + "']");
        assertThat(diff.getAttribute("data-category")).isEqualTo("missingAtTarget");
        assertThat(diff.getText()).contains("Thiếu ở hệ thống nhận", "Chưa khắc phục");
        assertThat(find("#export-xlsx").getAttribute("href")).endsWith("/api/v1/reconciliations/" + runId + "/export?format=xlsx");
        diff.findElement(By.cssSelector("button.resync")).click();
        acceptConfirm();
        waitFor("p.flash.ok");
        assertThat(find("p.flash.ok").getText()).startsWith("Đã gửi lại hồ sơ " + code);
        assertThat(find("tr.difference[data-code='" + code + "'] .resynced").getText()).startsWith("Đã gửi lại bởi " + TestUsers.OPERATOR);
        assertThat(findAll("tr.difference[data-code='" + code + "'] button.resync")).as("never twice").isEmpty();
        // healed through the normal path: delivered again, and the portal holds it again
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            browser.navigate().refresh();
            return !findAll("tr.difference[data-code='" + code + "'] .delivery-now.DELIVERED").isEmpty();
        });
        assertThat(portalHolds(code)).isTrue();
        browser.executeScript("arguments[0].scrollIntoView()", find("#difference-filters"));
        screenshot("reconciliation-run");

        open("/reports");
        assertThat(find("h1").getText()).isEqualTo("Báo cáo");
        assertThat(find("#period").getAttribute("type")).isEqualTo("week");
        assertThat(find("#period").getAttribute("value")).matches("\\d{4}-W\\d{2}");
        assertThat(find("#report-table")).isNotNull();
        String xlsx = find("#download-xlsx").getAttribute("href");
        HttpResponse<byte[]> workbook = HTTP.send(withSession(HttpRequest.newBuilder(URI.create(xlsx))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(workbook.statusCode()).isEqualTo(200);
        assertThat(workbook.headers().firstValue("Content-Type").orElse(""))
                .startsWith("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        assertThat(new String(workbook.body(), 0, 2)).isEqualTo("PK");
        find("#tab-monthly").click();
        waitFor("#period");
        assertThat(find("#period").getAttribute("type")).isEqualTo("month");
        find("#mail-now").click();
        acceptConfirm();
        waitFor("p.flash");
        String lastMonth = java.time.YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusMonths(1).toString();
        assertThat(find("p.flash.ok").getText()).isEqualTo("Đã gửi báo cáo kỳ " + lastMonth + " tới 1 người nhận.");
        assertThat(findAll("#report-mails tr.report-mail")).isNotEmpty();
        // this week's report holds this test's dossier
        java.time.LocalDate today = java.time.LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        String thisWeek = today.get(java.time.temporal.IsoFields.WEEK_BASED_YEAR) + "-W"
                + String.format("%02d", today.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        open("/reports?kind=weekly&period=" + thisWeek);
        assertThat(find("#reports").getAttribute("data-period")).isEqualTo(thisWeek);
        assertThat(Long.parseLong(find("#report-total .received").getText().replace(".", ""))).isPositive();
        screenshot("reports");

        // the report-only run left a difference unhealed: an alert incident for the portal
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
            open("/alerts?partner=dvcqg");
            return findAll("#incidents tr.incident").stream().anyMatch(r -> r.getText().contains("#" + runId));
        });
        assertThat(find("h1").getText()).isEqualTo("Cảnh báo");
        assertThat(findAll("#alert-mails tr.alert-mail")).isNotEmpty();
        open("/alerts");
        screenshot("alerts");
        open("/alerts?lang=en");
        assertThat(find("h1").getText()).isEqualTo("Alerts");
        assertThat(find("#incidents").getText()).contains("Unhealed differences (reconciliation run #" + runId + ")");
        // every text of every page comes from the bundles, in both languages
        for (String lang : List.of("en", "vi")) {
            for (String page : List.of("/reconciliations", "/reconciliations/" + runId, "/reports", "/reports?kind=monthly", "/alerts")) {
                open(page + (page.contains("?") ? "&" : "?") + "lang=" + lang);
                assertThat(browser.getPageSource()).as(page + " in " + lang).doesNotContain("??");
            }
        }
        // a finished run's row and progress no longer ask for themselves; the progress reloads the page it is on
        HttpResponse<String> progress = send(withSession(HttpRequest.newBuilder(URI.create(url("/reconciliations/" + runId + "/progress"))))
                .GET().build());
        assertThat(progress.statusCode()).isEqualTo(200);
        assertThat(progress.headers().firstValue("HX-Refresh")).hasValue("true");
        assertThat(progress.body()).contains("id=\"run-progress\"").doesNotContain("hx-get");
        HttpResponse<String> runRow = send(withSession(HttpRequest.newBuilder(URI.create(url("/reconciliations/" + runId + "/row")))).GET().build());
        assertThat(runRow.body()).startsWith("<tr").contains("id=\"run-" + runId + "\"").doesNotContain("hx-trigger");

        signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        open("/reconciliations");
        assertThat(findAll("#start-form")).isEmpty();
        assertThat(findAll("#run-" + runId)).hasSize(1);
        open("/reconciliations/" + runId);
        assertThat(findAll("tr.difference")).isNotEmpty();
        assertThat(findAll("button.resync")).isEmpty();
        String diffId = find("tr.difference").getAttribute("id").substring("difference-".length());
        open("/reports");
        assertThat(findAll("#mail-now")).isEmpty();
        assertThat(findAll("#download-xlsx")).hasSize(1);
        String csrfHeader = find("meta[name=_csrf_header]").getAttribute("content");
        String csrf = find("meta[name=_csrf]").getAttribute("content");
        for (String path : List.of("/reconciliations", "/reconciliations/" + runId + "/differences/" + diffId + "/resync", "/reports/mail")) {
            HttpResponse<String> refused = send(withSession(HttpRequest.newBuilder(URI.create(url(path)))).header(csrfHeader, csrf)
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("heal=true")).build());
            assertThat(refused.statusCode()).as("viewer POST " + path).isEqualTo(403);
        }
    }

    private static void setValue(WebElement input, String value) {
        browser.executeScript("arguments[0].value = arguments[1];", input, value);
    }

    /** A request with the browser's session cookie. */
    private static HttpRequest.Builder withSession(HttpRequest.Builder b) {
        return b.header("Cookie", "JSESSIONID=" + browser.manage().getCookieNamed("JSESSIONID").getValue());
    }
}
