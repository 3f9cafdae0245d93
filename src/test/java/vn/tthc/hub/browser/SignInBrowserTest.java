package vn.tthc.hub.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.tthc.hub.TestUsers;

/** Signing in through the form in a real browser: a failed sign-in, a good one, the language switch, signing out. */
class SignInBrowserTest extends BrowserTestBase {

    @Test
    void aWrongPasswordIsRefusedWithAVietnameseMessage() {
        signIn(TestUsers.VIEWER, "not-the-password");
        assertThat(browser.getCurrentUrl()).contains("/login?error");
        assertThat(find(".message").getText()).isEqualTo("Tên đăng nhập hoặc mật khẩu không đúng.");
        screenshot("login-failed");
    }

    @Test
    void theRightPasswordOpensTheDashboardAndEnglishIsOneClickAway() {
        browser.manage().deleteAllCookies();
        open("/login?lang=vi");
        assertThat(find("h2").getText()).isEqualTo("Đăng nhập");
        screenshot("login");
        signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/"));
        assertThat(find("header nav").getText()).contains("Tổng quan", "Hồ sơ");
        find("#lang-switch").click();
        waitFor(d -> d.findElement(org.openqa.selenium.By.cssSelector("header nav")).getText().contains("Dashboard"));
        assertThat(find("header nav").getText()).contains("Dashboard", "Dossiers").doesNotContain("Tổng quan");
        // remembered: the next page is English too
        open("/dossiers");
        assertThat(find("header nav").getText()).contains("Dashboard");
        open("/?lang=vi");
        find("#sign-out").click();
        waitFor(d -> d.getCurrentUrl().contains("/login?logout"));
        assertThat(find(".message").getText()).isEqualTo("Bạn đã đăng xuất.");
    }
}
