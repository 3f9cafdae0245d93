package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The retention API and pages against the running hub: a run starts for an admin only, with a reason, audited; its
 * record is listed with its counts; a version whose body was pruned shows "pruned on …" in the API and on its page
 * instead of failing.
 */
class RetentionApiTest extends HubTestBase {
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRunIsAnAdminsWithAReasonAuditedAndListedWithItsCounts() {
        String viewer = TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        String operator = TestUsers.basic(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);
        assertThat(post("{\"reason\":\"x\"}", viewer).statusCode()).isEqualTo(403);
        assertThat(post("{\"reason\":\"x\"}", operator).statusCode()).isEqualTo(403);

        HttpResponse<String> noReason = post("{\"dryRun\":true}", TestUsers.BASIC);
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(readJson(noReason.body()).path("field").asText()).isEqualTo("reason");
        HttpResponse<String> unknown = post("{\"reason\":\"x\",\"days\":3}", TestUsers.BASIC);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(readJson(unknown.body()).path("field").asText()).isEqualTo("days");
        HttpResponse<String> badDry = post("{\"reason\":\"x\",\"dryRun\":\"yes\"}", TestUsers.BASIC);
        assertThat(badDry.statusCode()).isEqualTo(400);
        assertThat(readJson(badDry.body()).path("field").asText()).isEqualTo("dryRun");

        HttpResponse<String> started = post("{\"reason\":\"thử chính sách lưu trữ\",\"dryRun\":true}", TestUsers.BASIC);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long id = readJson(started.body()).path("id").asLong();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(getJson("/api/v1/retention/runs/" + id).path("state").asText()).isNotEqualTo("RUNNING"));
        JsonNode run = getJson("/api/v1/retention/runs/" + id);
        assertThat(run.path("state").asText()).isEqualTo("DONE");
        assertThat(run.path("dryRun").asBoolean()).isTrue();
        assertThat(run.path("startedBy").asText()).isEqualTo(TestUsers.TESTER);
        assertThat(run.path("counts").has("examined")).isTrue();
        // a dry run changes no body
        assertThat(run.path("counts").path("pruned").asLong()).isZero();

        JsonNode runs = getJson("/api/v1/retention/runs?page=1&size=5");
        assertThat(runs.path("items")).extracting(r -> r.path("id").asLong()).contains(id);
        assertThat(get("/api/v1/retention/runs/999999999").statusCode()).isEqualTo(404);

        List<String> audit = new ArrayList<>();
        getJson("/api/v1/audit?limit=200").forEach(a -> audit.add(a.path("action").asText() + " " + a.path("username").asText()
                + " " + a.path("target").asText()));
        assertThat(audit).contains("retention.start tester retention run " + id);
    }

    @Test
    void aPrunedVersionShowsWhenItWasPrunedInTheApiAndOnItsPage() {
        String code = "000.00.06.H56-250101-8801";
        Instant then = Instant.parse("2025-01-01T03:00:00Z");
        Instant pruned = Instant.parse("2025-06-01T03:00:00Z");
        jdbc.update("INSERT INTO dossier (source, code, version, content_hash, status, procedure_code, agency_code, steps_count, created_at,"
                + " updated_at) VALUES ('province', ?, 2, ?, 4, '2.000477', '000.00.06.H56', 0, ?, ?)", code, "f".repeat(64),
                Timestamp.from(then), Timestamp.from(then));
        jdbc.update("INSERT INTO dossier_version (source, dossier_code, version, content_hash, status, steps_from, body, received_via,"
                + " received_at, body_pruned_at, body_archive) VALUES ('province', ?, 1, ?, 2, 0, NULL, 'webhook', ?, ?, ?)",
                code, "e".repeat(64), Timestamp.from(then), Timestamp.from(pruned), "2025/06/retention-1-1.jsonl.gz");
        jdbc.update("INSERT INTO dossier_version (source, dossier_code, version, content_hash, status, steps_from, body, received_via,"
                + " received_at) VALUES ('province', ?, 2, ?, 4, 0, ?, 'webhook', ?)",
                code, "f".repeat(64), json(java.util.Map.of("code", code, "summary", "bản mới")), Timestamp.from(then));

        JsonNode p = getJson("/api/v1/dossiers/" + code + "/versions/province/1/payload");
        assertThat(p.path("prunedAt").asText()).startsWith("2025-06-01");
        assertThat(p.path("body").isNull() || p.path("body").isMissingNode()).isTrue();
        assertThat(p.path("contentHash").asText()).isEqualTo("e".repeat(64));
        JsonNode latest = getJson("/api/v1/dossiers/" + code + "/versions/province/2/payload");
        assertThat(latest.path("prunedAt").isNull()).isTrue();
        assertThat(latest.path("body").path("summary").asText()).isEqualTo("bản mới");

        SecurityTest.Browser viewer = new SecurityTest.Browser();
        assertThat(viewer.signIn(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> page = viewer.get("/dossiers/" + code + "/versions/province/1");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"body-pruned\"", "lược bỏ", "retention-1-1.jsonl.gz").doesNotContain("id=\"payload\"");
        assertThat(viewer.get("/dossiers/" + code).statusCode()).isEqualTo(200);
        assertThat(viewer.get("/dossiers/" + code + "/versions/province/2").body()).contains("id=\"payload\"");
    }

    private static HttpResponse<String> post(String body, String authorization) {
        return send(HttpRequest.newBuilder(URI.create(url("/api/v1/retention/runs"))).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
