package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.tthc.hub.catalogue.CatalogueFiles.Table;
import vn.tthc.hub.catalogue.CatalogueHolder;

/**
 * The catalogue API: roles, dry run, validation errors as {line, field, rule}, the audit record, export/import round
 * trip, the runtime swap (a new dossier follows the imported routing at once) and the check against the portal.
 */
class CatalogueApiTest extends HubTestBase {
    static final String ROUTING = new String(CatalogueTestFiles.original("routing.csv"), StandardCharsets.UTF_8);

    @Autowired
    CatalogueHolder holder;

    /** The suite shares one hub: put the repository's tables and the portal's full list back. */
    @AfterEach
    void restore() {
        restoreCatalogue(holder);
        postJson("/sim/dvcqg/_control/faults", "{\"hiddenProcedures\":null}");
    }

    static void restoreCatalogue(CatalogueHolder holder) {
        for (Table t : List.of(Table.PROCEDURES, Table.ROUTING)) {
            CatalogueHolder.ImportResult r = holder.importFile(t, t.fileName(), CatalogueTestFiles.original(t.fileName()), false,
                    h -> true, LocalDate.now());
            assertThat(r.problems()).as("restoring " + t.fileName()).isEmpty();
        }
    }

    static HttpResponse<String> upload(String path, String authorization, String fileName, byte[] content) {
        String boundary = "----catalogue" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return send(b.build());
    }

    static byte[] routingWith(String extra) {
        return (ROUTING + extra).getBytes(StandardCharsets.UTF_8);
    }

    String handlerToday(String code) {
        for (JsonNode h : getJson("/api/v1/catalogue/routing?q=" + code).path("handlers")) {
            if (h.path("nationalCode").asText().equals(code)) {
                return h.path("handler").asText();
            }
        }
        return "province (no row)";
    }

    @Test
    void onlyAnAdminImportsEveryRoleReads() {
        byte[] file = routingWith("2.000477,ministry-G06,2020-01-01,,moved\n");
        String viewer = TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        String operator = TestUsers.basic(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        assertThat(upload("/api/v1/catalogue/routing/import", viewer, "r.csv", file).statusCode()).isEqualTo(403);
        assertThat(upload("/api/v1/catalogue/routing/import", operator, "r.csv", file).statusCode()).isEqualTo(403);
        assertThat(upload("/api/v1/catalogue/routing/import", null, "r.csv", file).statusCode()).isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/catalogue/procedures?q=bức xạ".replace(" ", "%20"))))
                .header("Authorization", viewer).GET().build()).statusCode()).isEqualTo(200);
        assertThat(handlerToday("2.000477")).isEqualTo("province (no row)");

        HttpResponse<String> ok = upload("/api/v1/catalogue/routing/import", TestUsers.basic("admin", TestUsers.ADMIN_PASSWORD),
                "r.csv", file);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode body = readJson(ok.body());
        assertThat(body.path("imported").asBoolean()).isTrue();
        assertThat(body.path("rows").asInt()).isEqualTo(body.path("before").asInt() + 1);
        assertThat(handlerToday("2.000477")).isEqualTo("ministry-G06");
        JsonNode audit = auditOf("r.csv");
        assertThat(audit.path("username").asText()).isEqualTo("admin");
        assertThat(audit.path("target").asText()).isEqualTo("routing.csv");
        assertThat(audit.path("detail").asText()).contains("imported", "rows=" + body.path("rows").asInt(),
                "before=" + body.path("before").asInt(), "after=" + body.path("rows").asInt());
    }

    JsonNode auditOf(String fileName) {
        for (JsonNode e : getJson("/api/v1/audit?limit=50")) {
            if (e.path("action").asText().equals("catalogue.import") && e.path("detail").asText().contains("file=" + fileName)) {
                return e;
            }
        }
        throw new AssertionError("no catalogue.import audit record of " + fileName);
    }

    @Test
    void aDryRunValidatesOnlyAndABadFileIsRefusedWithEveryLineAndField() {
        HttpResponse<String> dry = upload("/api/v1/catalogue/routing/import?dryRun=true", TestUsers.BASIC, "dry.csv",
                routingWith("2.000477,ministry-G06,2020-01-01,,moved\n"));
        assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
        assertThat(readJson(dry.body()).path("imported").asBoolean()).isFalse();
        assertThat(readJson(dry.body()).path("dryRun").asBoolean()).isTrue();
        assertThat(handlerToday("2.000477")).as("a dry run changes nothing").isEqualTo("province (no row)");
        assertThat(auditOf("dry.csv").path("detail").asText()).contains("dry run");

        int lines = ROUTING.split("\n", -1).length; // the appended rows start on this physical line
        HttpResponse<String> bad = upload("/api/v1/catalogue/routing/import", TestUsers.BASIC, "bad.csv",
                routingWith("2.000477,ministry-G06,2026-1-1,,bad date\n9.999999,province,2020-01-01,,unknown\n"));
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode b = readJson(bad.body());
        assertThat(b.path("error").asText()).isEqualTo("bad_request");
        assertThat(b.path("message").asText()).contains("bad.csv", "2 error(s)", "nothing imported");
        List<String> errors = new ArrayList<>();
        b.path("errors").forEach(e -> errors.add(e.path("line").asInt() + "/" + e.path("field").asText()));
        assertThat(errors).containsExactly(lines + "/effective_from", (lines + 1) + "/national_code");
        assertThat(b.path("errors").get(0).path("rule").asText()).isEqualTo("effective_from '2026-1-1' must be a date yyyy-MM-dd");
        assertThat(b.path("errors").get(0).path("code").asText()).isEqualTo("date-format");
        assertThat(b.path("errors").get(1).path("code").asText()).isEqualTo("unknown-procedure");
        assertThat(handlerToday("2.000477")).isEqualTo("province (no row)");
        assertThat(auditOf("bad.csv").path("detail").asText()).contains("refused (2 errors)", "after=" + b.path("before").asInt());
    }

    @Test
    void exportsReadBackAndListsAreSearchable() {
        for (String t : List.of("procedures", "routing")) {
            HttpResponse<byte[]> csv = send(request("/api/v1/catalogue/" + t + "/export?format=csv").GET().build(), true);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).contains(t + ".csv");
            assertThat(upload("/api/v1/catalogue/" + t + "/import?dryRun=true", TestUsers.BASIC, t + ".csv", csv.body()).statusCode())
                    .isEqualTo(200);
            HttpResponse<byte[]> xlsx = send(request("/api/v1/catalogue/" + t + "/export?format=xlsx").GET().build(), true);
            assertThat(xlsx.headers().firstValue("Content-Type").orElse("")).contains("spreadsheetml");
            HttpResponse<String> back = upload("/api/v1/catalogue/" + t + "/import?dryRun=true", TestUsers.BASIC, t + ".xlsx", xlsx.body());
            assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
        }
        assertThat(get("/api/v1/catalogue/routing/export?format=pdf").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/catalogue/other/export").statusCode()).isEqualTo(404);
        JsonNode page = getJson("/api/v1/catalogue/procedures?q=H%E1%BA%A1ng%20I&page=1&size=1");
        assertThat(page.path("total").asInt()).isEqualTo(2);
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("totalPages").asInt()).isEqualTo(2);
        assertThat(page.path("items").get(0).path("handlerToday").asText()).isEqualTo("ministry-G17");
        JsonNode routing = getJson("/api/v1/catalogue/routing?q=2.002811&date=2026-02-28");
        assertThat(routing.path("rows")).hasSize(2);
        assertThat(routing.path("handlers").get(0).path("handler").asText()).isEqualTo("province");
        assertThat(getJson("/api/v1/catalogue/routing?q=2.002811&date=2026-03-01").path("handlers").get(0).path("handler").asText())
                .isEqualTo("ministry-G06");
    }

    static HttpResponse<byte[]> send(HttpRequest r, boolean bytes) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aNewDossierFollowsTheImportedRoutingAtOnce() throws Exception {
        HttpResponse<String> ok = upload("/api/v1/catalogue/routing/import", TestUsers.BASIC, "swap.csv",
                routingWith("2.000477,ministry-G06,2020-01-01,,moved for the test\n"));
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        com.fasterxml.jackson.databind.node.ObjectNode d = WebhookIntakeTest.sample();
        String code = d.get("nationCode").asText();
        assertThat(push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode() / 100).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode dossier = getJson("/api/v1/dossiers/" + enc(code));
            List<String> targets = new ArrayList<>();
            dossier.path("deliveries").forEach(x -> targets.add(x.path("target").asText()));
            assertThat(targets).contains("ministry-G06").doesNotContain("dvcqg");
        });
    }

    @Test
    void theCheckFlagsLocalProceduresThePortalDoesNotList() {
        JsonNode full = getJson("/api/v1/catalogue/check");
        assertThat(full.path("notOnPortalCount").asInt()).isZero();
        assertThat(full.path("localCount").asInt()).isEqualTo(16);
        assertThat(full.path("portalCount").asInt()).isEqualTo(19);
        List<String> notLocal = new ArrayList<>();
        full.path("notLocal").forEach(n -> notLocal.add(n.path("code").asText()));
        assertThat(notLocal).containsExactlyInAnyOrder("1.000105", "2.000120", "1.008901");

        assertThat(postJson("/sim/dvcqg/_control/faults", "{\"hiddenProcedures\":[\"1.011801\"]}").statusCode()).isEqualTo(200);
        JsonNode hidden = getJson("/api/v1/catalogue/check");
        assertThat(hidden.path("notOnPortalCount").asInt()).isEqualTo(1);
        assertThat(hidden.path("notOnPortal").get(0).path("localCode").asText()).isEqualTo("1.011801.000.00.00.H56");
        assertThat(hidden.path("notOnPortal").get(0).path("handlerToday").asText()).isEqualTo("ministry-G06");
        assertThat(hidden.path("portalCount").asInt()).isEqualTo(18);
    }

    @Test
    void aLocalCodeTheProvinceSentWithoutMappingIsFlaggedUntilItIsMapped() throws Exception {
        String local = "2.009911.000.00.00.H56";
        com.fasterxml.jackson.databind.node.ObjectNode d = WebhookIntakeTest.sample();
        ((com.fasterxml.jackson.databind.node.ObjectNode) d.get("procedure")).put("code", local);
        HttpResponse<String> refused = push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
        JsonNode check = getJson("/api/v1/catalogue/check");
        List<String> unmapped = new ArrayList<>();
        check.path("unmapped").forEach(u -> unmapped.add(u.path("code").asText()));
        assertThat(unmapped).contains(local);
        assertThat(check.path("unmappedCount").asInt()).isEqualTo(unmapped.size());

        byte[] procedures = (new String(CatalogueTestFiles.original("procedures.csv"), StandardCharsets.UTF_8)
                + local + ",2.009911,Thủ tục thêm cho phép thử,KHCN01,Hoạt động khoa học và công nghệ\n").getBytes(StandardCharsets.UTF_8);
        assertThat(upload("/api/v1/catalogue/procedures/import", TestUsers.BASIC, "p.csv", procedures).statusCode()).isEqualTo(200);
        JsonNode after = getJson("/api/v1/catalogue/check");
        after.path("unmapped").forEach(u -> assertThat(u.path("code").asText()).isNotEqualTo(local));
        // now mapped, but the portal does not list 2.009911: flagged the other way
        assertThat(after.path("notOnPortal").findValuesAsText("nationalCode")).contains("2.009911");
        // and a new dossier of that local code is accepted
        com.fasterxml.jackson.databind.node.ObjectNode again = WebhookIntakeTest.sample();
        ((com.fasterxml.jackson.databind.node.ObjectNode) again.get("procedure")).put("code", local);
        assertThat(push(again.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode() / 100).isEqualTo(2);
    }
}
