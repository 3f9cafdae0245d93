package vn.tthc.hub.sim.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import vn.tthc.hub.sim.common.SimJson;

/** The HTTP API through standalone MockMvc: tokens, dossier search, write-back validation and ledger, control endpoints. */
class SimProvinceApiTest {

    private static final String TOKEN_URL = "/sim/province/auth/realms/tthc/protocol/openid-connect/token";
    private static final String DOSSIERS = "/sim/province/api/v1/dossiers";
    private static final String CONTROL = "/sim/province/_control";

    private final ProvinceSimulator sim = ProvinceSimFixtures.simulator(java.time.Clock.systemUTC(), null);
    private final MockMvc mvc = mvc(sim);

    @AfterEach
    void close() {
        sim.close();
    }

    private static MockMvc mvc(ProvinceSimulator sim) {
        return MockMvcBuilders.standaloneSetup(new ProvinceAuthController(sim), new ProvinceDossierController(sim),
                new ProvinceControlController(sim)).build();
    }

    // ---- token --------------------------------------------------------------------------------

    @Test
    void tokenWithFormCredentials() throws Exception {
        MockHttpServletResponse r = call(mvc, tokenRequest(ProvinceSimFixtures.CLIENT_ID, ProvinceSimFixtures.CLIENT_SECRET));
        assertThat(r.getStatus()).isEqualTo(200);
        JsonNode body = body(r);
        assertThat(body.get("access_token").asText()).matches("^[\\w-]+\\.[\\w-]+\\.[\\w-]+$");
        assertThat(body.get("expires_in").asLong()).isEqualTo(300);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("scope").asText()).isNotBlank();
        assertThat(r.getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, "Bearer " + body.get("access_token").asText()))
                .getStatus()).isEqualTo(200);
    }

    @Test
    void tokenWithHttpBasic() throws Exception {
        String basic = Base64.getEncoder().encodeToString((ProvinceSimFixtures.CLIENT_ID + ":" + ProvinceSimFixtures.CLIENT_SECRET)
                .getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse r = call(mvc, post(TOKEN_URL).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic).param("grant_type", "client_credentials"));
        assertThat(r.getStatus()).isEqualTo(200);
        String wrong = Base64.getEncoder().encodeToString((ProvinceSimFixtures.CLIENT_ID + ":nope").getBytes(StandardCharsets.UTF_8));
        r = call(mvc, post(TOKEN_URL).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .header(HttpHeaders.AUTHORIZATION, "Basic " + wrong).param("grant_type", "client_credentials"));
        assertThat(r.getStatus()).isEqualTo(401);
    }

    @Test
    void badSecretWrongGrantAndBlankConfigurationAreRefused() throws Exception {
        MockHttpServletResponse r = call(mvc, tokenRequest(ProvinceSimFixtures.CLIENT_ID, "wrong-secret"));
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(body(r).get("error").asText()).isEqualTo("invalid_client");
        assertThat(body(r).get("error_description").asText()).isNotBlank();

        r = call(mvc, post(TOKEN_URL).contentType(MediaType.APPLICATION_FORM_URLENCODED).param("grant_type", "password")
                .param("client_id", ProvinceSimFixtures.CLIENT_ID).param("client_secret", ProvinceSimFixtures.CLIENT_SECRET));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r).get("error").asText()).isEqualTo("unsupported_grant_type");

        r = call(mvc, post(TOKEN_URL).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("client_id", ProvinceSimFixtures.CLIENT_ID).param("client_secret", ProvinceSimFixtures.CLIENT_SECRET));
        assertThat(r.getStatus()).isEqualTo(400);

        try (ProvinceSimulator blank = new ProvinceSimulator(ProvinceSimFixtures.settings(false), ProvinceSimFixtures.CATALOGUE,
                () -> "", () -> "", () -> "", () -> "http://127.0.0.1:9/", java.time.Clock.systemUTC())) {
            r = call(mvc(blank), tokenRequest("", ""));
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(body(r).get("error").asText()).isEqualTo("invalid_client");
        }
    }

    @Test
    void expiredTokenIsRefused() throws Exception {
        assertThat(call(mvc, json(post(CONTROL + "/faults"), "{\"tokenTtlSeconds\":1}")).getStatus()).isEqualTo(200);
        String token = token();
        assertThat(call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)).getStatus()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            MockHttpServletResponse r = call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(body(r).get("error").asText()).isEqualTo("invalid_token");
        });
    }

    @Test
    void missingOrUnknownTokenIsRefused() throws Exception {
        MockHttpServletResponse r = call(mvc, get(DOSSIERS));
        assertThat(r.getStatus()).isEqualTo(401);
        assertThat(body(r).get("error").asText()).isEqualTo("invalid_token");
        assertThat(r.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, "Bearer abc.def.ghi")).getStatus()).isEqualTo(401);
        assertThat(call(mvc, json(post(DOSSIERS + "/X/progress"), "{}")).getStatus()).isEqualTo(401);
    }

    // ---- dossier API --------------------------------------------------------------------------

    @Test
    void searchPagesAndFilters() throws Exception {
        String auth = "Bearer " + token();
        List<String> codes = codes(call(mvc, json(post(CONTROL + "/generate"), "{\"count\":12,\"seed\":5}")));
        assertThat(codes).hasSize(12);

        JsonNode page = body(call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, auth)
                .param("updatedFrom", "2020-01-01T00:00:00+07:00").param("page", "1").param("size", "5")));
        assertThat(page.get("totalElements").asLong()).isEqualTo(12);
        assertThat(page.get("totalPages").asInt()).isEqualTo(3);
        assertThat(page.get("number").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(5);
        assertThat(page.get("content")).hasSize(5);
        assertThat(page.get("content").get(0).get("nationCode").asText()).isEqualTo(codes.get(5));

        // an unencoded '+' arrives as a space and is tolerated
        JsonNode future = body(call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, auth)
                .param("updatedFrom", "2099-01-01T00:00:00 07:00")));
        assertThat(future.get("totalElements").asLong()).isZero();
        assertThat(future.get("content")).isEmpty();

        MockHttpServletResponse r = call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, auth).param("size", "501"));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r).get("field").asText()).isEqualTo("size");
        r = call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, auth).param("updatedFrom", "23/11/2026"));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r).get("field").asText()).isEqualTo("updatedFrom");
        r = call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, auth).param("updatedFrom", "2026-11-23T09:00:00"));
        assertThat(r.getStatus()).isEqualTo(400);
        r = call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, auth).param("page", "-1"));
        assertThat(body(r).get("field").asText()).isEqualTo("page");

        JsonNode one = body(call(mvc, get(DOSSIERS + "/" + codes.get(3)).header(HttpHeaders.AUTHORIZATION, auth)));
        assertThat(one.get("nationCode").asText()).isEqualTo(codes.get(3));
        assertThat(one.get("applicant").get("fullname").asText()).isNotBlank();
        assertThat(call(mvc, get(DOSSIERS + "/000.00.06.H56-991231-9999").header(HttpHeaders.AUTHORIZATION, auth))
                .getStatus()).isEqualTo(404);
        // first pages served, one per pull: the later page and the refused searches do not count
        assertThat(sim.ledger().get("searches")).isEqualTo(1);
    }

    @Test
    void faultKnobsApplyToTheApi() throws Exception {
        String auth = "Bearer " + token();
        String code = codes(call(mvc, json(post(CONTROL + "/generate"), "{\"count\":1,\"seed\":1}"))).get(0);
        JsonNode knobs = body(call(mvc, json(post(CONTROL + "/faults"), "{\"errorRate\":1,\"pushDropRate\":0.5}")));
        assertThat(knobs.get("errorRate").asDouble()).isEqualTo(1.0);
        assertThat(knobs.get("pushDropRate").asDouble()).isEqualTo(0.5);
        assertThat(knobs.get("tokenTtlSeconds").asLong()).isEqualTo(300);
        assertThat(body(call(mvc, get(CONTROL + "/faults"))).get("errorRate").asDouble()).isEqualTo(1.0);
        assertThat(call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, auth)).getStatus()).isEqualTo(503);
        assertThat(call(mvc, json(post(DOSSIERS + "/" + code + "/progress").header(HttpHeaders.AUTHORIZATION, auth),
                progress(step("2026-01-05T08:00:00+07:00", 4)))).getStatus()).isEqualTo(503);
        assertThat(sim.ledger().applied()).isZero();

        MockHttpServletResponse r = call(mvc, json(post(CONTROL + "/faults"), "{\"errorRat\":1}"));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r).get("field").asText()).isEqualTo("errorRat");
        r = call(mvc, json(post(CONTROL + "/faults"), "{\"pushDropRate\":2}"));
        assertThat(body(r).get("field").asText()).isEqualTo("pushDropRate");

        call(mvc, post(CONTROL + "/reset"));
        assertThat(body(call(mvc, get(CONTROL + "/faults"))).get("errorRate").asDouble()).isZero();
        assertThat(call(mvc, get(DOSSIERS).header(HttpHeaders.AUTHORIZATION, auth)).getStatus()).isEqualTo(200);
    }

    // ---- write-back ---------------------------------------------------------------------------

    @Test
    void writeBackIsValidatedFieldByField() throws Exception {
        String auth = "Bearer " + token();
        String code = codes(call(mvc, json(post(CONTROL + "/generate"), "{\"count\":1,\"seed\":3}"))).get(0);
        String url = DOSSIERS + "/" + code + "/progress";
        String future = ProvinceDates.seconds(Instant.now().plus(Duration.ofDays(1)));
        String[][] cases = {
                {"{\"source\":\"ministry-G06\"}", "steps"},
                {"{\"source\":\"ministry-G06\",\"steps\":[]}", "steps"},
                {"{\"steps\":[" + step("2026-01-05T08:00:00+07:00", 4) + "]}", "source"},
                {progress(step("05/01/2026 08:00", 4)), "steps[0].time"},
                {progress(step("2026-01-05T08:00:00", 4)), "steps[0].time"},
                {progress(step(future, 4)), "steps[0].time"},
                {progress(step("2026-01-05T08:00:00+07:00", 11)), "steps[0].status"},
                {progress(step("2026-01-05T08:00:00+07:00", 4) + ",{\"time\":\"2026-01-05T09:00:00+07:00\",\"content\":\"Xử lý\",\"status\":4}"),
                        "steps[1].actor"},
                {progress("{\"time\":\"2026-01-05T08:00:00+07:00\",\"actor\":\"Lê Văn Nam\",\"content\":\"Xử lý\",\"status\":\"4\"}"),
                        "steps[0].status"},
                {"{\"source\":\"ministry-G06\",\"status\":0,\"steps\":[" + step("2026-01-05T08:00:00+07:00", 4) + "]}", "status"},
                {"{\"source\":\"ministry-G06\",\"results\":[{\"name\":\"Giấy phép\",\"url\":\"ftp://x/y\"}],\"steps\":["
                        + step("2026-01-05T08:00:00+07:00", 9) + "]}", "results[0].url"},
                {"{not json", "body"},
                {"[1,2]", "body"},
        };
        for (String[] c : cases) {
            MockHttpServletResponse r = call(mvc, json(post(url).header(HttpHeaders.AUTHORIZATION, auth), c[0]));
            assertThat(r.getStatus()).as(c[0]).isEqualTo(400);
            JsonNode err = body(r);
            assertThat(err.get("error").asText()).isEqualTo("invalid");
            assertThat(err.get("field").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(err.get("message").asText()).isNotBlank();
        }
        MockHttpServletResponse r = call(mvc, post(url).header(HttpHeaders.AUTHORIZATION, auth).contentType(MediaType.TEXT_PLAIN)
                .content(progress(step("2026-01-05T08:00:00+07:00", 4))));
        assertThat(r.getStatus()).isEqualTo(415);
        r = call(mvc, json(post(DOSSIERS + "/000.00.06.H56-991231-9999/progress").header(HttpHeaders.AUTHORIZATION, auth),
                progress(step("2026-01-05T08:00:00+07:00", 4))));
        assertThat(r.getStatus()).isEqualTo(404);
        int refused = cases.length + 2;
        assertThat(sim.ledger().received()).isEqualTo(refused);
        assertThat(sim.ledger().rejected()).isEqualTo(refused);
        assertThat(sim.ledger().applied()).isZero();
        assertThat(sim.store().get("000.00.06.H56-991231-9999")).isNull();
        assertThat(ProvinceSimFixtures.json(sim.store().get(code)).get("revision").asInt()).isEqualTo(1);
    }

    @Test
    void writeBackAppliesOnceAndCountsDuplicates() throws Exception {
        String auth = "Bearer " + token();
        String code = codes(call(mvc, json(post(CONTROL + "/generate"), "{\"count\":3,\"seed\":21}"))).get(1);
        int before = ProvinceSimFixtures.json(sim.store().get(code)).get("processes").size();
        String body = "{\"source\":\"ministry-G06\",\"status\":9,\"steps\":["
                + "{\"time\":\"2026-01-05T08:00:00+07:00\",\"actor\":\"Trần Minh Đức\",\"position\":\"Chuyên viên\","
                + "\"department\":\"Vụ Đánh giá, Thẩm định và Giám định công nghệ\",\"content\":\"Thẩm định hồ sơ\",\"status\":4},"
                + "{\"time\":\"2026-01-06T01:30:00Z\",\"actor\":\"Phạm Thu Hằng\",\"position\":\"Phó Vụ trưởng\","
                + "\"department\":\"Vụ Đánh giá, Thẩm định và Giám định công nghệ\",\"content\":\"Phê duyệt kết quả\",\"status\":9}],"
                + "\"results\":[{\"id\":\"kq-1\",\"name\":\"Giấy chứng nhận\",\"componentCode\":\"KQ01\","
                + "\"url\":\"https://dvc.most.gov.vn/files/kq-1\",\"resultCode\":\"12/GCN-BKHCN\"}]}";
        String url = DOSSIERS + "/" + code + "/progress";
        JsonNode first = body(call(mvc, json(post(url).header(HttpHeaders.AUTHORIZATION, auth), body)));
        assertThat(first.get("applied").asInt()).isEqualTo(2);
        assertThat(first.get("duplicates").asInt()).isZero();
        assertThat(first.get("revision").asInt()).isEqualTo(2);
        assertThat(first.get("statusId").asText()).isEqualTo("8");

        JsonNode d = ProvinceSimFixtures.json(sim.store().get(code));
        assertThat(d.get("processes")).hasSize(before + 2);
        JsonNode last = d.get("processes").get(before + 1);
        assertThat(last.get("time").asText()).isEqualTo("2026-01-06T08:30:00+07:00");
        assertThat(last.get("statusId").asText()).isEqualTo("8");
        assertThat(last.get("assignee").get("fullname").asText()).isEqualTo("Phạm Thu Hằng");
        assertThat(d.get("dossierStatus").get("id").asText()).isEqualTo("8");
        assertThat(d.get("completedDate").asText()).isEqualTo("2026-01-06T08:30:00+07:00");
        assertThat(d.get("results").toString()).contains("https://dvc.most.gov.vn/files/kq-1");
        assertThat(sim.store().remaining()).isEqualTo(2);

        JsonNode again = body(call(mvc, json(post(url).header(HttpHeaders.AUTHORIZATION, auth), body)));
        assertThat(again.get("applied").asInt()).isZero();
        assertThat(again.get("duplicates").asInt()).isEqualTo(2);
        assertThat(again.get("revision").asInt()).isEqualTo(2);
        assertThat(ProvinceSimFixtures.json(sim.store().get(code)).get("processes")).hasSize(before + 2);

        JsonNode ledger = body(call(mvc, get(CONTROL + "/ledger")));
        assertThat(ledger.get("received").asLong()).isEqualTo(2);
        assertThat(ledger.get("applied").asLong()).isEqualTo(2);
        assertThat(ledger.get("appliedDuplicates").asLong()).isEqualTo(2);
        assertThat(ledger.get("wireDuplicates").asLong()).isZero();
        assertThat(ledger.get("rejected").asLong()).isZero();
        assertThat(ledger.get("dossiers").asLong()).isEqualTo(1);
        assertThat(ledger.get("generated").asLong()).isEqualTo(3);
        assertThat(ledger.get("changes").asLong()).isEqualTo(1);
        List<String> keys = new ArrayList<>();
        ledger.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("received", "applied", "appliedDuplicates", "rejected", "dossiers", "wireDuplicates",
                "outOfOrder", "searches", "generated", "changes", "pushes", "pushFailures", "pushesDropped");

        // an older step arriving after a newer one is applied and counted out of order
        body(call(mvc, json(post(url).header(HttpHeaders.AUTHORIZATION, auth), progress(step("2026-01-05T10:00:00+07:00", 4)))));
        assertThat(sim.ledger().outOfOrder()).isEqualTo(1);

        JsonNode requests = body(call(mvc, get(CONTROL + "/ledger/requests").param("limit", "2")));
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).asText()).isEqualTo(body);
    }

    @Test
    void aLostResponseMakesTheResendAWireDuplicate() throws Exception {
        String auth = "Bearer " + token();
        String code = codes(call(mvc, json(post(CONTROL + "/generate"), "{\"count\":1,\"seed\":8}"))).get(0);
        String url = DOSSIERS + "/" + code + "/progress";
        String body = progress(step("2026-01-05T08:00:00+07:00", 4));
        call(mvc, json(post(CONTROL + "/faults"), "{\"dropAfterApplyRate\":1,\"hangMs\":0}"));
        assertThat(call(mvc, json(post(url).header(HttpHeaders.AUTHORIZATION, auth), body)).getStatus()).isEqualTo(200);
        call(mvc, json(post(CONTROL + "/faults"), "{\"dropAfterApplyRate\":0}"));
        JsonNode resend = body(call(mvc, json(post(url).header(HttpHeaders.AUTHORIZATION, auth), body)));
        assertThat(resend.get("duplicates").asInt()).isEqualTo(1);
        assertThat(sim.ledger().wireDuplicates()).isEqualTo(1);
        assertThat(sim.ledger().appliedDuplicates()).isZero();
        assertThat(sim.ledger().applied()).isEqualTo(1);
    }

    // ---- control ------------------------------------------------------------------------------

    @Test
    void controlEndpoints() throws Exception {
        MockHttpServletResponse r = call(mvc, json(post(CONTROL + "/generate"), "{\"seed\":1}"));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r).get("field").asText()).isEqualTo("count");
        r = call(mvc, json(post(CONTROL + "/generate"), "{\"count\":2,\"procedures\":\"national\"}"));
        assertThat(r.getStatus()).isEqualTo(400);
        assertThat(body(r).get("field").asText()).isEqualTo("procedures");
        assertThat(body(r).get("message").asText()).isEqualTo("must be \"province\", \"ministry\" or \"all\"");
        r = call(mvc, json(post(CONTROL + "/generate"), "{\"count\":2,\"procedures\":1}"));
        assertThat(body(r).get("field").asText()).isEqualTo("procedures");
        r = call(mvc, json(post(CONTROL + "/generate"), "{\"count\":2,\"colour\":1}"));
        assertThat(body(r).get("field").asText()).isEqualTo("colour");

        List<String> codes = codes(call(mvc, json(post(CONTROL + "/generate"),
                "{\"count\":6,\"seed\":4,\"procedures\":\"province\",\"ageDays\":0}")));
        JsonNode adv = body(call(mvc, json(post(CONTROL + "/advance"), "{\"max\":2}")));
        assertThat(adv.get("advanced").asInt()).isEqualTo(2);
        assertThat(adv.get("remaining").asInt()).isBetween(4, 6);
        int remaining = adv.get("remaining").asInt();
        adv = body(call(mvc, post(CONTROL + "/advance")));
        assertThat(adv.get("advanced").asInt()).isEqualTo(remaining);

        JsonNode history = body(call(mvc, get(CONTROL + "/dossiers/" + codes.get(0) + "/history")));
        assertThat(history.size()).isBetween(2, 3);
        assertThat(history.get(0).get("revision").asInt()).isEqualTo(1);
        assertThat(history.get(0).get("status").asText()).isIn("0", "1");
        assertThat(history.get(0).get("updatedDate").asText()).endsWith("+07:00");
        assertThat(call(mvc, get(CONTROL + "/dossiers/nope/history")).getStatus()).isEqualTo(404);

        JsonNode summary = body(call(mvc, get(CONTROL + "/summary")));
        assertThat(summary.get("dossiers").asInt()).isEqualTo(6);
        assertThat(summary.get("byStatus").size()).isEqualTo(10);

        JsonNode mutated = body(call(mvc, json(post(CONTROL + "/mutate"),
                "{\"code\":\"" + codes.get(1) + "\",\"set\":{\"applicant.phone\":12345,\"summary\":\"<script>alert(1)</script>\"}}")));
        assertThat(mutated.get("applicant").get("phone").asInt()).isEqualTo(12345);
        assertThat(mutated.get("summary").asText()).isEqualTo("<script>alert(1)</script>");
        assertThat(call(mvc, json(post(CONTROL + "/mutate"), "{\"code\":\"nope\",\"set\":{\"a\":1}}")).getStatus()).isEqualTo(404);
        assertThat(call(mvc, json(post(CONTROL + "/mutate"), "{\"code\":\"" + codes.get(1) + "\",\"set\":{}}")).getStatus())
                .isEqualTo(400);

        token();
        JsonNode requests = body(call(mvc, get(CONTROL + "/ledger/requests").param("limit", "5")));
        String recorded = requests.get(requests.size() - 1).asText();
        assertThat(recorded).contains("grant_type=client_credentials").contains("client_secret=***")
                .doesNotContain(ProvinceSimFixtures.CLIENT_SECRET);

        assertThat(body(call(mvc, post(CONTROL + "/reset"))).get("reset").asBoolean()).isTrue();
        assertThat(body(call(mvc, get(CONTROL + "/summary"))).get("dossiers").asInt()).isZero();
        assertThat(body(call(mvc, get(CONTROL + "/ledger"))).get("generated").asInt()).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private String token() throws Exception {
        MockHttpServletResponse r = call(mvc, tokenRequest(ProvinceSimFixtures.CLIENT_ID, ProvinceSimFixtures.CLIENT_SECRET));
        assertThat(r.getStatus()).isEqualTo(200);
        return body(r).get("access_token").asText();
    }

    private static RequestBuilder tokenRequest(String id, String secret) {
        return post(TOKEN_URL).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .param("grant_type", "client_credentials").param("client_id", id).param("client_secret", secret);
    }

    private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder json(
            org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String step(String time, int status) {
        return "{\"time\":\"" + time + "\",\"actor\":\"Lê Văn Nam\",\"position\":\"Chuyên viên\","
                + "\"department\":\"Cục Đăng ký\",\"content\":\"Xử lý hồ sơ\",\"status\":" + status + "}";
    }

    private static String progress(String steps) {
        return "{\"source\":\"ministry-G06\",\"steps\":[" + steps + "]}";
    }

    private static MockHttpServletResponse call(MockMvc mvc, RequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse();
    }

    private static JsonNode body(MockHttpServletResponse r) throws Exception {
        return SimJson.parse(r.getContentAsString(StandardCharsets.UTF_8));
    }

    private static List<String> codes(MockHttpServletResponse r) throws Exception {
        assertThat(r.getStatus()).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        body(r).get("codes").forEach(c -> codes.add(c.asText()));
        return codes;
    }
}
