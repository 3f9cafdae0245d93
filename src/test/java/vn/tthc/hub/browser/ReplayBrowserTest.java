package vn.tthc.hub.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import vn.tthc.hub.TestUsers;

/**
 * Dead letters and replay in a real browser: an operator replays a dead delivery from the dead-letter page and it is
 * delivered; a viewer sees no replay button and a forged replay with the viewer's own session and CSRF token is
 * refused; a bulk replay shows its dry run, is started with a rate and its progress refreshes by itself until done.
 */
class ReplayBrowserTest extends BrowserTestBase {
    static final String CALM = "{\"errorRate\":0,\"rejectRate\":0,\"dropAfterApplyRate\":0,\"hangRate\":0,\"hangMs\":0}";

    @BeforeEach
    @AfterEach
    void calm() {
        postForJson("/sim/dvcqg/_control/faults", CALM);
    }

    static void settled() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners");
            for (String t : List.of("dvcqg", "emc")) {
                assertThat(p.path(t).path("pending").asLong() + p.path(t).path("failed").asLong()).isZero();
            }
        });
    }

    static JsonNode portalDelivery(String code) {
        for (JsonNode d : getJson("/api/v1/dossiers/" + enc(code)).path("deliveries")) {
            if (d.path("target").asText().equals("dvcqg")) {
                return d;
            }
        }
        throw new AssertionError("no portal delivery of " + code);
    }

    /** Dossiers whose portal delivery is DEAD (the portal refuses them), the portal healed after. */
    List<String> deadAtThePortal(int n) throws Exception {
        settled();
        postForJson("/sim/dvcqg/_control/faults", "{\"rejectRate\":1}");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            com.fasterxml.jackson.databind.node.ObjectNode d = vn.tthc.hub.WebhookIntakeTestAccess.sample();
            assertThat(push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode()).isEqualTo(202);
            codes.add(d.get("nationCode").asText());
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> codes.stream().allMatch(c -> portalDelivery(c).path("state").asText().equals("DEAD")));
        calm();
        return codes;
    }

    @Test
    void anOperatorReplaysADeadDeliveryFromTheDeadLetterPageAndItIsDelivered() throws Exception {
        String code = deadAtThePortal(1).get(0);
        long id = portalDelivery(code).path("id").asLong();
        signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        open("/dead-letters?target=dvcqg&lang=vi");
        WebElement row = waitFor("#dl-" + id);
        assertThat(row.getText()).contains(code, "error_code -1");
        assertThat(find("h1").getText()).isEqualTo("Hàng đợi lỗi");
        assertThat(row.findElement(By.cssSelector("button.replay")).getText()).isEqualTo("Gửi lại");
        assertThat(row.findElement(By.cssSelector("button.discard")).getText()).isEqualTo("Bỏ");
        screenshot("dead-letters");

        row.findElement(By.cssSelector("button.replay")).click();
        assertThat(waitFor("#flash.ok").getText()).contains("#" + id);
        await().atMost(Duration.ofSeconds(30)).until(() -> portalDelivery(code).path("state").asText().equals("DELIVERED"));
        open("/dead-letters?target=dvcqg");
        assertThat(findAll("#dl-" + id)).as("no longer a dead letter").isEmpty();

        // in English too
        open("/dead-letters?lang=en");
        assertThat(find("h1").getText()).isEqualTo("Dead letters");
        open("/dead-letters?lang=vi");
    }

    @Test
    void aViewerSeesNoReplayButtonAndAForgedReplayWithItsOwnSessionIsRefused() throws Exception {
        String code = deadAtThePortal(1).get(0);
        long id = portalDelivery(code).path("id").asLong();
        signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        open("/dead-letters?target=dvcqg");
        WebElement row = waitFor("#dl-" + id);
        assertThat(row.findElements(By.cssSelector("button.replay, button.discard, form"))).isEmpty();
        assertThat(findAll("#bulk-replay")).isEmpty();

        Cookie session = browser.manage().getCookieNamed("JSESSIONID");
        assertThat(session).isNotNull();
        String token = find("meta[name='_csrf']").getAttribute("content");
        String header = find("meta[name='_csrf_header']").getAttribute("content");
        HttpResponse<String> page = send(HttpRequest.newBuilder(URI.create(url("/dead-letters/" + id + "/replay")))
                .header("Cookie", "JSESSIONID=" + session.getValue()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + enc(token))).build());
        assertThat(page.statusCode()).as("the page form, posted by a viewer").isEqualTo(403);
        HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(url("/api/v1/deliveries/" + id + "/replay")))
                .header("Cookie", "JSESSIONID=" + session.getValue()).header(header, token)
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(api.statusCode()).as("the API, called with the viewer's session").isEqualTo(403);
        HttpResponse<String> basic = send(HttpRequest.newBuilder(URI.create(url("/api/v1/deliveries/" + id + "/replay")))
                .header("Authorization", TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(basic.statusCode()).as("the API, called with the viewer's password").isEqualTo(403);
        assertThat(portalDelivery(code).path("state").asText()).isEqualTo("DEAD");

        // an operator discards it from the page, with a reason, after confirming
        signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        open("/dead-letters?target=dvcqg");
        WebElement mine = waitFor("#dl-" + id);
        mine.findElement(By.cssSelector("input.reason")).sendKeys("Hồ sơ kiểm thử, không cần gửi");
        mine.findElement(By.cssSelector("button.discard")).click();
        acceptConfirm();
        assertThat(waitFor("#flash.ok").getText()).isEqualTo("Đã loại bỏ lượt #" + id + ".");
        assertThat(portalDelivery(code).path("state").asText()).isEqualTo("DISCARDED");
        assertThat(findAll("#dl-" + id)).isEmpty();
    }

    @Test
    void aBulkReplayShowsItsDryRunAndItsProgressUntilDone() throws Exception {
        Instant since = Instant.now();
        List<String> codes = deadAtThePortal(3);
        signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        open("/dead-letters?target=dvcqg&since=" + enc(since.toString()));
        assertThat(findAll("tr.dead-letter")).hasSize(3);
        find("#bulk-rate").clear();
        find("#bulk-rate").sendKeys("1");
        find("#bulk-dry-run").click();
        waitFor("#dry-run-summary");
        assertThat(browser.getCurrentUrl()).matches(".*/replays/\\d+$");
        assertThat(find("#dry-run-summary").getText()).startsWith("3 lượt khớp bộ lọc: 3 sẽ được gửi lại, 0 bỏ qua");
        assertThat(find("#dry-run-targets tr[data-key='dvcqg'] .to-replay").getText()).isEqualTo("3");
        assertThat(find("#job-state").getText()).isEqualTo("Chạy thử");
        screenshot("replay-dry-run");
        assertThat(codes).allSatisfy(c -> assertThat(portalDelivery(c).path("state").asText()).isEqualTo("DEAD"));

        find("#job-rate-input").clear();
        find("#job-rate-input").sendKeys("2");
        find("#job-start").click();
        acceptConfirm();
        waitFor("#flash.ok");
        assertThat(find("#job-rate").getText()).contains("2");
        // no reload from here: htmx refreshes the progress every 2 s until the job is done
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("job-state")).getText().equals("Hoàn thành"));
        assertThat(find("#job-counts").getText()).contains("3/3", "gửi lại 3");
        assertThat(find("#job-bar").getAttribute("value")).isEqualTo("100");
        screenshot("replay-job");
        await().atMost(Duration.ofSeconds(30)).until(() -> codes.stream().allMatch(c -> portalDelivery(c).path("state").asText().equals("DELIVERED")));

        open("/replays");
        assertThat(find("#replay-jobs tbody tr").getText()).contains("Hoàn thành", TestUsers.OPERATOR);
    }
}
