package vn.tthc.hub.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import vn.tthc.hub.QuarantineFixtures;
import vn.tthc.hub.TestUsers;

/**
 * The quarantine pages in a real browser: an operator filters the list, opens a refused input (its markup shown as
 * text, its personal numbers masked), re-submits one that is still refused, dismisses one with a reason and sees it
 * dismissed; a viewer sees no buttons; the audit page lists what was done.
 */
class QuarantineBrowserTest extends BrowserTestBase {

    long refuse(ObjectNode d) {
        HttpResponse<String> r = push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        return readJson(r.body()).path("quarantineId").asLong();
    }

    @Test
    void anOperatorFiltersOpensAndDismissesARecordAndAViewerOnlyReads() throws Exception {
        ObjectNode hostile = QuarantineFixtures.sample();
        hostile.put("summary", "<script>alert('x')</script> Đề nghị cấp giấy phép");
        String code = hostile.get("nationCode").asText();
        long id = refuse(hostile);
        ObjectNode ahead = QuarantineFixtures.aheadOfTime(Duration.ofMinutes(30));
        long aheadId = refuse(ahead);

        signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        open("/quarantine?lang=vi");
        waitFor("#quarantine-table");
        assertThat(find("h1").getText()).isEqualTo("Dữ liệu bị từ chối");
        assertThat(find("#quarantine-table thead").getText()).contains("Trường dữ liệu / Quy tắc", "Số lần nhận lại", "Trạng thái");
        screenshot("quarantine");

        find("#f-code").sendKeys(code);
        find("#f-search").click();
        waitFor(d -> d.getCurrentUrl().contains("code="));
        assertThat(findAll(".quarantine-row")).singleElement().satisfies(row -> {
            assertThat(row.getAttribute("data-id")).isEqualTo(String.valueOf(id));
            assertThat(row.getText()).contains(code, "422", "summary", "Chờ xử lý");
        });
        find(".quarantine-row a.open-record").click();
        waitFor("#quarantine-detail");
        assertThat(find("#errors-table").getText()).contains("summary");
        String payload = find("pre.payload").getText();
        assertThat(payload).as("markup is shown as text").contains("<script>alert('x')</script>");
        assertThat(payload).contains("*******678").doesNotContain("0912345678", "019190001234");
        assertThat(findAll("#quarantine-detail script")).as("no script made of the data").isEmpty();
        assertThat(find("#show-full").getText()).contains("ghi nhật ký");
        screenshot("quarantine-detail");

        find("#dismiss-reason").sendKeys("Bản thử của hệ thống tỉnh, đã báo đơn vị gửi lại");
        find("#dismiss").click();
        acceptConfirm();
        waitFor("#flash.ok");
        assertThat(find("#flash").getText()).isEqualTo("Đã loại bỏ dữ liệu bị từ chối.");
        assertThat(find("#record-state").getText()).isEqualTo("Đã loại bỏ");
        assertThat(find("#record-note").getText()).isEqualTo("Bản thử của hệ thống tỉnh, đã báo đơn vị gửi lại");
        assertThat(find("#record-resolved").getText()).contains(TestUsers.OPERATOR);
        assertThat(findAll("#dismiss-form")).as("closed: nothing left to do").isEmpty();

        open("/quarantine?state=dismissed&code=" + enc(code));
        assertThat(findAll(".quarantine-row")).singleElement().satisfies(row -> assertThat(row.getText()).contains("Đã loại bỏ"));
        open("/quarantine?code=" + enc(code));
        assertThat(findAll(".quarantine-row")).as("the list shows open records by default").isEmpty();

        // still refused (the source's clock is ahead): the outcome says so, and the record stays open
        open("/quarantine/" + aheadId);
        find("#resubmit").click();
        acceptConfirm();
        waitFor("#flash.bad");
        assertThat(find("#flash").getText()).contains("Vẫn bị từ chối", "updatedAt [future]");
        assertThat(find("#record-state").getText()).isEqualTo("Chờ xử lý");
        assertThat(find("#record-resubmits").getText()).contains("1 lần", TestUsers.OPERATOR);

        open("/audit?action=quarantine.dismiss&target=" + enc("quarantine #" + id));
        waitFor("#audit-table");
        assertThat(find("h1").getText()).isEqualTo("Nhật ký thao tác");
        assertThat(findAll(".audit-row")).singleElement().satisfies(row ->
                assertThat(row.getText()).contains(TestUsers.OPERATOR, "Loại bỏ dữ liệu bị từ chối", "quarantine.dismiss", "quarantine #" + id, "Bản thử"));
        open("/audit");
        screenshot("audit");

        signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        open("/quarantine/" + aheadId);
        waitFor("#quarantine-detail");
        assertThat(findAll("#resubmit")).isEmpty();
        assertThat(findAll("#dismiss")).isEmpty();
        assertThat(findAll("#show-full")).isEmpty();
        assertThat(find("pre.payload").getText()).doesNotContain("019190001234");
        open("/audit");
        assertThat(find("#error-page").getText()).contains("Bạn không có quyền");
        assertThat(browser.findElements(By.cssSelector("header nav a[href='/audit']"))).isEmpty();
    }
}
