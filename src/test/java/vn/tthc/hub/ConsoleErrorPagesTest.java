package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** A refused page request shows the console's error page in the console's language; the same refusal in the API is JSON. */
class ConsoleErrorPagesTest extends HubTestBase {

    @Test
    void aBadParameterOnAPageIsTheErrorPageAndInTheApiTheJsonBody() {
        SecurityTest.Browser browser = new SecurityTest.Browser();
        assertThat(browser.signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.getPage("/quarantine?page=abc");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("id=\"error-page\"", "page: must be a").doesNotContain("\"error\":");

        HttpResponse<String> unknown = browser.getPage("/dossiers/000.00.06.H56-000000-0000");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("id=\"error-page\"", "Không tìm thấy trang hoặc dữ liệu.");

        HttpResponse<String> api = get("/api/v1/dossiers?page=abc");
        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(readJson(api.body()).path("field").asText()).isEqualTo("page");
    }
}
