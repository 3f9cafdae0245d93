package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's dossier search, timeline and payload over HTTP against the running hub: dossiers pushed by the
 * province webhook, deliveries made to fail then heal by the simulators' fault knobs; the pages read with a signed-in
 * session, markup in a stored summary shown as text.
 */
class DossierConsoleTest extends HubTestBase {
    /** Codes of this test only (a date no other test uses). */
    static final String P = "000.00.06.H56-250101-77";
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    @AfterEach
    void calm() {
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
    }

    /** Waits until earlier tests' deliveries are settled, so that a fault knob hits only this test's dossiers. */
    static void settled() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners");
            for (String t : List.of("dvcqg", "emc")) {
                assertThat(p.path(t).path("pending").asLong() + p.path(t).path("failed").asLong()).isZero();
            }
        });
    }

    HttpResponse<String> pushJson(JsonNode d) {
        return push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
    }

    ObjectNode pushed(String code) {
        ObjectNode d = DossierSamples.sample(code);
        HttpResponse<String> r = pushJson(d);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        return d;
    }

    static void allDelivered(String code) {
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            JsonNode ds = getJson("/api/v1/dossiers/" + code).path("deliveries");
            assertThat(ds).isNotEmpty().allSatisfy(d -> assertThat(d.path("state").asText()).isEqualTo("DELIVERED"));
        });
    }

    static JsonNode delivery(String code, String target, long version) {
        for (JsonNode d : getJson("/api/v1/dossiers/" + code).path("deliveries")) {
            if (d.path("target").asText().equals(target) && d.path("version").asLong() == version) {
                return d;
            }
        }
        return JSON.createObjectNode();
    }

    static List<String> codes(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("code").asText()));
        return out;
    }

    static HttpResponse<String> getAs(String user, String password, String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", TestUsers.basic(user, password)).GET().build());
    }

    @Test
    void theSearchFindsByEveryFilterPagesAndRefusesBadParametersByName() {
        settled();
        for (String n : List.of("01", "02", "03")) {
            pushed(P + n);
        }
        for (String n : List.of("01", "02", "03")) {
            allDelivered(P + n);
        }
        JsonNode all = getJson("/api/v1/dossiers?code=" + enc(P + "0"));
        assertThat(all.path("total").asLong()).isEqualTo(3);
        assertThat(codes(all)).containsExactly(P + "03", P + "02", P + "01");
        JsonNode first = all.path("items").get(0);
        assertThat(first.path("procedureCode").asText()).isEqualTo("2.000477");
        assertThat(first.path("agencyCode").asText()).isEqualTo("000.00.06.H56");
        assertThat(first.path("status").asInt()).isEqualTo(4);
        assertThat(first.path("summary").asText()).startsWith("Đề nghị cấp Giấy chứng nhận");
        assertThat(first.path("sources")).singleElement().satisfies(s -> {
            assertThat(s.path("source").asText()).isEqualTo("province");
            assertThat(s.path("version").asLong()).isEqualTo(3);
        });
        assertThat(first.path("worstState").asText()).isEqualTo("DELIVERED");
        assertThat(first.path("deliveries").path("delivered").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(first.path("deliveries").path("dead").asLong()).isZero();
        assertThat(Instant.parse(first.path("updatedAt").asText())).isAfter(Instant.parse(all.path("items").get(1).path("updatedAt").asText()));

        JsonNode second = getJson("/api/v1/dossiers?code=" + enc(P + "0") + "&size=2&page=2");
        assertThat(codes(second)).containsExactly(P + "01");
        assertThat(second.path("page").asInt()).isEqualTo(2);
        assertThat(second.path("size").asInt()).isEqualTo(2);
        assertThat(second.path("total").asLong()).isEqualTo(3);
        assertThat(second.path("totalPages").asInt()).isEqualTo(2);

        String q = "/api/v1/dossiers?code=" + enc(P + "0");
        String today = LocalDate.now(VN).toString();
        String yesterday = LocalDate.now(VN).minusDays(1).toString();
        assertThat(getJson(q + "&procedure=2.000477&agency=000.00.06.H56&status=4&partner=dvcqg&state=DELIVERED&from=" + today + "&to=" + today)
                .path("total").asLong()).isEqualTo(3);
        assertThat(getJson(q + "&partner=province").path("total").asLong()).as("a version from the province").isEqualTo(3);
        assertThat(getJson(q + "&procedure=1.000001").path("total").asLong()).isZero();
        assertThat(getJson(q + "&agency=000.00.07.H56").path("total").asLong()).isZero();
        assertThat(getJson(q + "&status=9").path("total").asLong()).isZero();
        assertThat(getJson(q + "&state=DEAD").path("total").asLong()).isZero();
        assertThat(getJson(q + "&state=failed").path("total").asLong()).isZero();
        assertThat(getJson(q + "&to=" + yesterday).path("total").asLong()).isZero();
        assertThat(getJson(q + "&from=" + LocalDate.now(VN).plusDays(1)).path("total").asLong()).isZero();

        assertBadRequest("/api/v1/dossiers?status=11", "status", "status: must be a dossier status code from 1 to 10");
        assertBadRequest("/api/v1/dossiers?state=LOST", "state", "state: must be one of PENDING, FAILED, DELIVERED, DEAD");
        assertBadRequest("/api/v1/dossiers?from=01/01/2025", "from", "from: must be a date yyyy-MM-dd");
        assertBadRequest("/api/v1/dossiers?from=2025-01-02&to=2025-01-01", "to", "to: must not be before from");
        assertBadRequest("/api/v1/dossiers?size=0", "size", "size: must be between 1 and 500");
        assertBadRequest("/api/v1/dossiers?page=0", "page", "page: must be at least 1");
        assertBadRequest("/api/v1/dossiers?page=two", "page", "page: must be a int");
        HttpResponse<String> partner = get("/api/v1/dossiers?partner=nobody");
        assertThat(partner.statusCode()).isEqualTo(400);
        assertThat(readJson(partner.body()).path("field").asText()).isEqualTo("partner");
        assertThat(readJson(partner.body()).path("message").asText()).startsWith("partner: must be one of ").contains("dvcqg", "emc");
    }

    static void assertBadRequest(String path, String field, String message) {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(readJson(r.body())).isEqualTo(readJson(json(java.util.Map.of("error", "bad_request", "message", message, "field", field))));
    }

    @Test
    void theTimelineShowsEveryVersionEveryAttemptOfAFailedThenDeliveredDeliveryAndTheRefusedInput() {
        settled();
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":1}");
        String code = P + "11";
        ObjectNode v3 = pushed(code);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(delivery(code, "emc", 3).path("attempts").asInt()).isGreaterThanOrEqualTo(2));
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":0}");
        allDelivered(code);
        ObjectNode v4 = DossierSamples.nextRevision(v3, "Đề nghị cấp Giấy chứng nhận — bổ sung hồ sơ");
        assertThat(pushJson(v4).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(delivery(code, "emc", 4).path("state").asText()).isEqualTo("DELIVERED"));
        allDelivered(code);
        // a revision whose summary carries markup is refused and kept in quarantine under this code
        HttpResponse<String> refused = pushJson(DossierSamples.nextRevision(v4, "<script>alert(1)</script>"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);

        JsonNode t = getJson("/api/v1/dossiers/" + code + "/timeline");
        assertThat(t.path("code").asText()).isEqualTo(code);
        assertThat(t.path("facts").path("status").asInt()).isEqualTo(4);
        assertThat(t.path("facts").path("summary").asText()).isEqualTo("Đề nghị cấp Giấy chứng nhận — bổ sung hồ sơ");
        assertThat(t.path("facts").path("applicant").asText()).isEqualTo("N. T. Lan");
        List<String> versions = new ArrayList<>();
        t.path("versions").forEach(v -> versions.add(v.path("source").asText() + " v" + v.path("version").asLong() + " "
                + v.path("receivedVia").asText()));
        assertThat(versions).containsExactly("province v3 webhook", "province v4 webhook");
        assertThat(t.path("versions").get(0).path("contentHash").asText()).hasSize(64);

        JsonNode emc3 = null;
        int attempts = 0;
        for (JsonNode d : t.path("deliveries")) {
            attempts += d.path("attempts").size();
            if (d.path("target").asText().equals("emc") && d.path("version").asLong() == 3) {
                emc3 = d;
            }
        }
        assertThat(emc3).isNotNull();
        assertThat(emc3.path("state").asText()).isEqualTo("DELIVERED");
        JsonNode tries = emc3.path("attempts");
        assertThat(tries.size()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < tries.size() - 1; i++) {
            JsonNode a = tries.get(i);
            assertThat(a.path("attempt").asInt()).isEqualTo(i + 1);
            assertThat(a.path("outcome").asText()).isEqualTo("TRANSIENT");
            assertThat(a.path("httpStatus").asInt()).isEqualTo(503);
            assertThat(a.path("error").asText()).contains("503");
            assertThat(a.path("latencyMs").asInt()).isNotNegative();
            assertThat(Instant.parse(a.path("startedAt").asText())).isBefore(Instant.parse(tries.get(i + 1).path("startedAt").asText()));
        }
        JsonNode last = tries.get(tries.size() - 1);
        assertThat(last.path("outcome").asText()).isEqualTo("DELIVERED");
        assertThat(last.path("httpStatus").asInt()).isEqualTo(200);
        assertThat(last.path("error").isNull()).isTrue();
        assertThat(t.path("deliveries")).extracting(d -> d.path("target").asText()).contains("dvcqg", "emc");

        assertThat(t.path("quarantine")).singleElement().satisfies(qr -> {
            assertThat(qr.path("httpStatus").asInt()).isEqualTo(422);
            assertThat(qr.path("reason").asText()).isNotBlank();
            assertThat(qr.path("status").asText()).isEqualTo("OPEN");
            assertThat(qr.path("id").asLong()).isEqualTo(readJson(refused.body()).path("quarantineId").asLong());
        });

        // one time-ordered list: both versions, every attempt, the refusal
        JsonNode events = t.path("events");
        List<String> kinds = new ArrayList<>();
        Instant previous = Instant.MIN;
        for (JsonNode e : events) {
            Instant at = Instant.parse(e.path("at").asText());
            assertThat(at).isAfterOrEqualTo(previous);
            previous = at;
            kinds.add(e.path("kind").asText());
        }
        assertThat(kinds).filteredOn("VERSION"::equals).hasSize(2);
        assertThat(kinds).filteredOn("ATTEMPT"::equals).hasSize(attempts);
        assertThat(kinds.get(0)).isEqualTo("VERSION");
        assertThat(kinds.get(kinds.size() - 1)).isEqualTo("QUARANTINE");

        HttpResponse<String> missing = get("/api/v1/dossiers/000.00.06.H56-250101-0000/timeline");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(readJson(missing.body()).path("error").asText()).isEqualTo("not_found");
        // the dossier answer kept its fields
        assertThat(getJson("/api/v1/dossiers/" + code).path("deliveries").size()).isEqualTo(t.path("deliveries").size());
    }

    @Test
    void aPayloadIsMaskedTheFullOneOnlyForOperatorsAndEveryFullViewIsAudited() {
        String code = P + "21";
        pushed(code);
        allDelivered(code);
        String path = "/api/v1/dossiers/" + code + "/versions/province/3/payload";

        JsonNode masked = getJson(path);
        assertThat(masked.path("masked").asBoolean()).isTrue();
        JsonNode applicant = masked.path("body").path("applicant");
        assertThat(applicant.path("idNumber").asText()).isEqualTo("*********234");
        assertThat(applicant.path("phone").asText()).isEqualTo("*******678");
        assertThat(applicant.path("name").asText()).isEqualTo("N. T. Lan");
        assertThat(masked.path("body").toString()).doesNotContain("019190001234", "0912345678", "Hoàng Văn Thụ");
        assertThat(masked.path("body").path("code").asText()).isEqualTo(code);
        assertThat(masked.path("contentHash").asText()).hasSize(64);
        assertThat(masked.path("sentAs")).extracting(s -> s.path("target").asText()).contains("dvcqg", "emc");
        // the portal's adapter keeps the hash of what it sent; EMC's does not (the field is then null)
        assertThat(masked.path("sentAs")).filteredOn(s -> s.path("target").asText().equals("dvcqg"))
                .singleElement().satisfies(s -> assertThat(s.path("payloadHash").asText()).hasSize(64));
        assertThat(masked.path("note").asText()).contains("only the SHA-256 hash");

        HttpResponse<String> viewerFull = getAs(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD, path + "?full=true");
        assertThat(viewerFull.statusCode()).isEqualTo(403);
        assertThat(readJson(viewerFull.body()).path("error").asText()).isEqualTo("forbidden");
        HttpResponse<String> viewerMasked = getAs(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD, path);
        assertThat(viewerMasked.statusCode()).isEqualTo(200);
        assertThat(viewerMasked.body()).doesNotContain("019190001234");
        assertThat(auditedViews(code)).as("masked views and refusals are not full views").isEmpty();

        JsonNode full = getJson(path + "?full=true");
        assertThat(full.path("masked").asBoolean()).isFalse();
        assertThat(full.path("body").path("applicant").path("idNumber").asText()).isEqualTo("019190001234");
        assertThat(full.path("body").path("applicant").path("name").asText()).isEqualTo("Nguyễn Thị Lan");
        assertThat(auditedViews(code)).singleElement().satisfies(a -> {
            assertThat(a.path("username").asText()).isEqualTo(TestUsers.TESTER);
            assertThat(a.path("target").asText()).isEqualTo(code + " province v3");
            assertThat(a.path("remoteAddress").asText()).isNotBlank();
        });
        HttpResponse<String> operatorFull = getAs(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD, path + "?full=true");
        assertThat(operatorFull.statusCode()).isEqualTo(200);
        assertThat(auditedViews(code)).hasSize(2).first().satisfies(a -> assertThat(a.path("username").asText()).isEqualTo(TestUsers.OPERATOR));

        assertThat(get("/api/v1/dossiers/" + code + "/versions/province/99/payload").statusCode()).isEqualTo(404);
        // described by the OpenAPI document
        assertThat(get("/v3/api-docs").body()).contains("\"/api/v1/dossiers\"", "/api/v1/dossiers/{code}/timeline",
                "/api/v1/dossiers/{code}/versions/{source}/{version}/payload");
    }

    static List<JsonNode> auditedViews(String code) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : getJson("/api/v1/audit?limit=1000")) {
            if (a.path("action").asText().equals("payload.view") && a.path("target").asText().startsWith(code + " ")) {
                out.add(a);
            }
        }
        return out;
    }

    @Test
    void markupInAStoredSummaryIsShownAsTextOnTheSearchTheDossierAndThePayloadPages() {
        // the intake refuses markup (TextRules): a row that carries it anyway (an older hub, a repair by hand) is
        // stored here directly, and every page must still show it as text
        String code = P + "31";
        String hostile = "<script>alert(1)</script><b>x</b>";
        Instant now = Instant.now();
        String body = json(java.util.Map.of("code", code, "summary", hostile, "procedureName", "<i>thủ tục</i>",
                "applicant", java.util.Map.of("name", "Nguyễn Văn <b>A</b>", "idNumber", "079123456789")));
        jdbc.update("INSERT INTO dossier (source, code, version, content_hash, status, procedure_code, agency_code, steps_count, created_at,"
                + " updated_at) VALUES ('province', ?, 1, ?, 4, '2.000477', '000.00.06.H56', 0, ?, ?)", code, "e".repeat(64),
                java.sql.Timestamp.from(now), java.sql.Timestamp.from(now));
        jdbc.update("INSERT INTO dossier_version (source, dossier_code, version, content_hash, status, steps_from, body, received_via,"
                + " received_at) VALUES ('province', ?, 1, ?, 4, 0, ?, 'webhook', ?)", code, "e".repeat(64), body, java.sql.Timestamp.from(now));

        SecurityTest.Browser viewer = new SecurityTest.Browser();
        assertThat(viewer.signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD).statusCode()).isEqualTo(302);
        for (String page : List.of("/dossiers?code=" + enc(code), "/dossiers/" + code, "/dossiers/" + code + "/versions/province/1")) {
            HttpResponse<String> r = viewer.get(page);
            assertThat(r.statusCode()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;")
                    .doesNotContain("<script>alert", "<b>x</b>", "<b>A</b>", "<i>thủ tục</i>", "079123456789");
        }
        assertThat(viewer.get("/dossiers/" + code).body()).contains("&lt;i&gt;thủ tục&lt;/i&gt;");
    }

    @Test
    void thePagesSearchShowADossierAndKeepTheFullPayloadForOperators() {
        String code = P + "51";
        pushed(code);
        allDelivered(code);
        SecurityTest.Browser viewer = new SecurityTest.Browser();
        viewer.signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        HttpResponse<String> search = viewer.get("/dossiers?code=" + enc(code) + "&state=DELIVERED&partner=emc");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("href=\"/dossiers/" + code + "\"", "Đang xử lý", "Đã đồng bộ");
        HttpResponse<String> bad = viewer.get("/dossiers?status=11");
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"search-problem\"", "status: must be a dossier status code from 1 to 10");

        HttpResponse<String> page = viewer.get("/dossiers/" + code);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Lượt đồng bộ tới Cổng DVCQG", "Phiên bản từ Hệ thống TTHC tỉnh", "id=\"timeline\"",
                "/dossiers/" + code + "/versions/province/3");
        HttpResponse<String> payload = viewer.get("/dossiers/" + code + "/versions/province/3");
        assertThat(payload.body()).contains("<pre class=\"payload\" id=\"payload\">", "*********234").doesNotContain("019190001234", "id=\"show-full\"");
        assertThat(viewer.get("/dossiers/" + code + "/versions/province/3?full=true").statusCode()).isEqualTo(403);
        assertThat(viewer.get("/dossiers/000.00.06.H56-250101-0000").statusCode()).isEqualTo(404);

        SecurityTest.Browser operator = new SecurityTest.Browser();
        operator.signIn(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        assertThat(operator.get("/dossiers/" + code + "/versions/province/3").body()).contains("id=\"show-full\"");
        HttpResponse<String> full = operator.get("/dossiers/" + code + "/versions/province/3?full=true");
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(full.body()).contains("019190001234", "id=\"full-note\"");
        assertThat(auditedViews(code)).singleElement().satisfies(a -> assertThat(a.path("username").asText()).isEqualTo(TestUsers.OPERATOR));
        // English too
        assertThat(operator.get("/dossiers/" + code + "?lang=en").body()).contains("Deliveries to", "Timeline", "In processing");
    }
}
