package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every sign-in rule of issue 9 against the running hub: form login, Basic, roles, CSRF, open paths, cookies, headers, throttling, audit. */
class SecurityTest extends HubTestBase {
    static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    static final String CSP = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";

    /** A browser: its own cookies, redirects not followed. */
    static final class Browser {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(URI.create(url(path))).GET().build());
        }

        HttpResponse<String> post(String path, String form, String csrfHeader) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (csrfHeader != null) {
                b.header("X-CSRF-TOKEN", csrfHeader);
            }
            return send(b.build());
        }

        /** A page asked for as a browser asks (for HTML). */
        HttpResponse<String> getPage(String path) {
            return send(HttpRequest.newBuilder(URI.create(url(path))).header("Accept", "text/html,application/xhtml+xml").GET().build());
        }

        /** A form posted as a browser posts it (asking for HTML). */
        HttpResponse<String> postPage(String path, String form) {
            return send(HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html,application/xhtml+xml").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        }

        /** Signs in by the form (with the page's CSRF token), answering the POST /login response. */
        HttpResponse<String> signIn(String user, String password) {
            String token = csrf(get("/login"));
            return post("/login", "username=" + enc(user) + "&password=" + enc(password) + "&_csrf=" + enc(token), null);
        }

        HttpResponse<String> send(HttpRequest r) {
            try {
                return client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String csrf(HttpResponse<String> page) {
        Matcher m = CSRF.matcher(page.body());
        assertThat(m.find()).as("CSRF field in " + page.body()).isTrue();
        return m.group(1);
    }

    static HttpResponse<String> basic(String method, String path, String authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).header("Content-Type", "application/json")
                .method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    static String location(HttpResponse<?> r) {
        return r.headers().firstValue("Location").orElse("");
    }

    @Test
    void theStartPageWithoutASessionRedirectsToTheLoginPage() {
        HttpResponse<String> r = new Browser().get("/");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(URI.create(location(r)).getPath()).isEqualTo("/login");
    }

    @Test
    void theLoginPageIsVietnameseByDefaultEnglishOnRequestAndHasNoScript() {
        HttpResponse<String> vi = new Browser().get("/login");
        assertThat(vi.statusCode()).isEqualTo(200);
        assertThat(vi.body()).contains("Đăng nhập", "Tên đăng nhập", "Mật khẩu", "name=\"username\"", "name=\"password\"")
                .doesNotContain("<script", "style=", "http://", "https://");
        HttpResponse<String> en = new Browser().get("/login?lang=en");
        assertThat(en.body()).contains("Sign in", "User name", "Password").doesNotContain("Mật khẩu");
        assertThat(new Browser().get("/css/hub.css").statusCode()).as("static assets are open").isEqualTo(200);
    }

    @Test
    void formLoginWithTheRightPasswordOpensASessionWithSafeCookieFlags() {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(location(login)).doesNotContain("error").endsWith("/");
        List<String> cookies = login.headers().allValues("Set-Cookie");
        assertThat(cookies).as("a new session id after sign-in").anySatisfy(c -> assertThat(c).startsWith("JSESSIONID="));
        for (String c : cookies) {
            if (c.startsWith("JSESSIONID=")) {
                assertThat(c).contains("HttpOnly").containsIgnoringCase("SameSite=Lax");
            }
        }
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("operator");
        // the session also reads the API, without Basic
        assertThat(browser.get("/api/v1/partners").statusCode()).isEqualTo(200);
    }

    @Test
    void formLoginWithAWrongPasswordShowsAnError() {
        Browser browser = new Browser();
        HttpResponse<String> login = browser.signIn(TestUsers.OPERATOR, "wrong-password");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(location(login)).contains("/login?error");
        assertThat(browser.get("/login?error").body()).contains("Tên đăng nhập hoặc mật khẩu không đúng");
        assertThat(browser.get("/").statusCode()).as("still not signed in").isEqualTo(302);
    }

    @Test
    void aSessionsStateChangingRequestNeedsTheCsrfToken() {
        Browser browser = new Browser();
        assertThat(browser.signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
        String token = csrf(browser.get("/"));

        HttpResponse<String> without = browser.post("/api/v1/backfills/999999999/pause", "", null);
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(readJson(without.body()).path("error").asText()).isEqualTo("forbidden");

        HttpResponse<String> with = browser.post("/api/v1/backfills/999999999/pause", "", token);
        assertThat(with.statusCode()).as(with.body()).isNotIn(401, 403);

        assertThat(browser.post("/logout", "", null).statusCode()).as("logout without token").isEqualTo(403);
        HttpResponse<String> logout = browser.post("/logout", "_csrf=" + enc(token), null);
        assertThat(logout.statusCode()).isEqualTo(302);
        assertThat(location(logout)).contains("/login?logout");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void theApiAnswers401WithoutOrWithWrongCredentialsAnd200ToAdmin() {
        HttpResponse<String> none = basic("GET", "/api/v1/partners", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = readJson(none.body());
        assertThat(body.path("error").asText()).isEqualTo("unauthorized");
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(none.headers().firstValue("WWW-Authenticate")).as("no Basic challenge a browser would cache").isEmpty();

        HttpResponse<String> wrong = basic("GET", "/api/v1/partners", TestUsers.basic("admin", "not-the-password"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(readJson(wrong.body()).path("error").asText()).isEqualTo("unauthorized");

        // admin's password is the one given as HUB_ADMIN_PASSWORD (here its property hub.security.admin-password)
        assertThat(basic("GET", "/api/v1/partners", TestUsers.basic("admin", TestUsers.ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
        // an unauthenticated change is 401 too, not a CSRF refusal
        assertThat(basic("POST", "/api/v1/backfills", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerReadsButCannotChange() {
        String viewer = TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        assertThat(basic("GET", "/api/v1/partners", viewer).statusCode()).isEqualTo(200);
        HttpResponse<String> post = basic("POST", "/api/v1/backfills", viewer);
        assertThat(post.statusCode()).isEqualTo(403);
        assertThat(readJson(post.body()).path("error").asText()).isEqualTo("forbidden");
        assertThat(basic("POST", "/api/v1/reconciliations", viewer).statusCode()).isEqualTo(403);
        assertThat(basic("GET", "/api/v1/audit", viewer).statusCode()).isEqualTo(403);
        assertThat(basic("GET", "/actuator/metrics", viewer).statusCode()).as("actuator beyond health/info: admin").isEqualTo(403);
        // an operator's change passes the security rules (the back-fill then refuses the empty request itself)
        HttpResponse<String> op = basic("POST", "/api/v1/backfills", TestUsers.basic(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD));
        assertThat(op.statusCode()).as(op.body()).isNotIn(401, 403);
    }

    @Test
    void onlyHealthAndInfoOfActuatorAreOpen() {
        for (String path : new String[] {"/actuator/env", "/actuator/configprops", "/actuator/heapdump", "/actuator/metrics", "/actuator/prometheus"}) {
            HttpResponse<String> r = basic("GET", path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(readJson(r.body()).path("error").asText()).isEqualTo("unauthorized");
        }
        assertThat(basic("GET", "/actuator/health", null).statusCode()).isEqualTo(200);
        assertThat(basic("GET", "/actuator/info", null).statusCode()).isEqualTo(200);
        // (the Prometheus exporter is off in Spring tests: metrics stand for it)
        assertThat(basic("GET", "/actuator/metrics", TestUsers.basic("admin", TestUsers.ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
    }

    @Test
    void theSimulatorsAndTheWebhookNeedNoConsoleLogin() {
        assertThat(basic("GET", "/sim/dvcqg/_control/ledger", null).statusCode()).isEqualTo(200);
        // a partner's Basic client credentials on a simulator (NDXP's token endpoint takes them) are not a console sign-in:
        // answered by the simulator, neither refused nor counted as a failed sign-in
        long failuresBefore = failedSignIns();
        assertThat(basic("GET", "/sim/dvcqg/_control/ledger", TestUsers.basic("ndxp-client", "its-secret")).statusCode()).isEqualTo(200);
        assertThat(failedSignIns()).isEqualTo(failuresBefore);
        // the webhook keeps its own HMAC rules: unsigned is refused by it, signed reaches the intake (which checks the body)
        HttpResponse<String> unsigned = push("{}".getBytes(StandardCharsets.UTF_8), "application/json", false);
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.body()).doesNotContain("sign in first");
        HttpResponse<String> signed = push("{}".getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(signed.statusCode()).as(signed.body()).isNotIn(401, 403);
        // its listing of refused calls is not open
        assertThat(basic("GET", "/api/v1/intake/province/unauthenticated", null).statusCode()).isEqualTo(401);
    }

    static long failedSignIns() {
        long n = 0;
        for (JsonNode e : getJson("/api/v1/audit?limit=1000")) {
            n += "login.failure".equals(e.path("action").asText()) ? 1 : 0;
        }
        return n;
    }

    @Test
    void pagesAndApiAnswersCarryTheSecurityHeaders() {
        for (HttpResponse<String> r : List.of(new Browser().get("/login"), get("/api/v1/partners"))) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        }
    }

    @Test
    void afterFiveFailuresTheSixthAttemptIsRefusedEvenWithTheRightPassword() {
        Browser browser = new Browser();
        for (int i = 0; i < 5; i++) {
            assertThat(location(browser.signIn(TestUsers.THROTTLED, "wrong-" + i))).contains("/login?error");
        }
        HttpResponse<String> sixth = browser.signIn(TestUsers.THROTTLED, TestUsers.THROTTLED_PASSWORD);
        assertThat(location(sixth)).contains("/login?locked");
        assertThat(browser.get("/login?locked").body()).contains("Đăng nhập sai quá nhiều lần");
        assertThat(browser.get("/").statusCode()).as("not signed in").isEqualTo(302);
        HttpResponse<String> api = basic("GET", "/api/v1/partners", TestUsers.basic(TestUsers.THROTTLED, TestUsers.THROTTLED_PASSWORD));
        assertThat(api.statusCode()).isEqualTo(429);
        assertThat(readJson(api.body()).path("error").asText()).isEqualTo("too_many_attempts");
        assertThat(api.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void signInsAreAudited() {
        String unknown = "nobody-" + System.nanoTime();
        assertThat(location(new Browser().signIn(unknown, "whatever"))).contains("error");
        assertThat(location(new Browser().signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD))).doesNotContain("error");
        JsonNode audit = getJson("/api/v1/audit?limit=200");
        assertThat(audit.isArray()).isTrue();
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("login.success");
            assertThat(e.path("username").asText()).isEqualTo(TestUsers.VIEWER);
            assertThat(e.path("remoteAddress").asText()).isNotBlank();
            assertThat(e.path("at").asText()).isNotBlank();
        });
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.path("action").asText()).isEqualTo("login.failure");
            assertThat(e.path("username").asText()).isEqualTo("n***");
        });
        assertThat(audit.toString()).as("an unknown name is stored masked").doesNotContain(unknown);
        assertThat(getJson("/api/v1/audit?limit=1")).hasSize(1);
    }

    @Test
    void pageFormsThatChangeStateNeedAnOperatorAndTheCatalogueAnAdmin() {
        Browser viewer = new Browser();
        assertThat(viewer.signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD).statusCode()).isEqualTo(302);
        String token = csrf(viewer.get("/"));
        // with a valid session and CSRF token, a viewer is still refused every state-changing page form
        HttpResponse<String> replay = viewer.postPage("/dead-letters/999999999/replay", "_csrf=" + enc(token));
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.body()).contains("Bạn không có quyền thực hiện thao tác này.");
        assertThat(viewer.post("/quarantine/999999999/dismiss", "reason=x&_csrf=" + enc(token), null).statusCode()).isEqualTo(403);
        assertThat(viewer.get("/audit").statusCode()).as("the audit page: operator and admin").isEqualTo(403);

        Browser operator = new Browser();
        assertThat(operator.signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
        String opToken = csrf(operator.get("/"));
        assertThat(operator.post("/catalogue/routing/import", "_csrf=" + enc(opToken), null).statusCode()).as("catalogue page change")
                .isEqualTo(403);
        String op = TestUsers.basic(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        assertThat(basic("POST", "/api/v1/catalogue/routing/import", op).statusCode()).as("catalogue API change").isEqualTo(403);
        assertThat(basic("GET", "/api/v1/catalogue/procedures", TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD)).statusCode())
                .as("reading the catalogue: every role").isNotIn(401, 403);
        // admin passes the rule (whatever the endpoint then answers)
        assertThat(basic("POST", "/api/v1/catalogue/routing/import", TestUsers.basic("admin", TestUsers.ADMIN_PASSWORD)).statusCode())
                .isNotIn(401, 403);
    }

    @Test
    void assetsAndTheApiDescriptionNeedNoSignInButPagesDo() {
        for (String path : new String[] {"/css/console.css", "/js/hub.js", "/webjars/htmx.org/dist/htmx.min.js",
                "/webjars/echarts/dist/echarts.min.js", "/v3/api-docs"}) {
            assertThat(new Browser().get(path).statusCode()).as(path).isEqualTo(200);
        }
        for (String path : new String[] {"/dossiers", "/dead-letters", "/catalogue", "/reconciliations"}) {
            HttpResponse<String> r = new Browser().get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(302);
            assertThat(location(r)).as(path).endsWith("/login");
        }
    }

    @Test
    void theLanguageChoiceIsAnHttpOnlyCookieAndTheConsolePagesCarryNoInlineScript() {
        Browser browser = new Browser();
        HttpResponse<String> english = browser.get("/login?lang=en");
        assertThat(english.body()).contains("Sign in");
        String cookie = english.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("hub-lang=")).findFirst().orElse("");
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
        assertThat(browser.get("/login").body()).as("remembered").contains("Sign in");
        assertThat(browser.signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> page = browser.get("/");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
        assertThat(page.body()).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>").doesNotContainPattern("\\son[a-z]+=")
                .doesNotContain("style=\"");
    }
}
