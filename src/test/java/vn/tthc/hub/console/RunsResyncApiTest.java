package vn.tthc.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import vn.tthc.hub.HubTestBase;
import vn.tthc.hub.TestUsers;

/**
 * The single-row re-sync of a reconciliation difference: a report-only run (who, why) finds a dossier the portal lost
 * and leaves it; re-syncing that row re-queues its delivery through the outbox and the portal holds the dossier again;
 * the row is re-synced once only (409 after), audited; rows a person fixes elsewhere, rows whose delivery is no longer
 * DELIVERED (nothing kept), unknown rows and runs are refused; a viewer is refused; the list of runs is paged.
 */
class RunsResyncApiTest extends HubTestBase {
    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Test
    void aReportOnlyRunsDifferenceIsResyncedOnceThroughTheOutbox() {
        Instant t0 = Instant.now().minusMillis(500);
        String code = postForJson("/sim/province/_control/generate", "{\"count\":1,\"seed\":91501,\"procedures\":\"province\"}")
                .get("codes").get(0).asText();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> portalHolds(code) && deliveredToPortal(code));
        assertThat(postForJson("/sim/dvcqg/_control/drift", json(Map.of("drop", 1, "among", List.of(code)))).get("codes").get(0).asText())
                .isEqualTo(code);
        assertThat(portalHolds(code)).isFalse();

        JsonNode run = reconcile(json(Map.of("from", t0.toString(), "to", Instant.now().toString(), "heal", false,
                "reason", "portal says it lost " + code)));
        assertThat(run.get("state").asText()).isEqualTo("DONE");
        assertThat(run.get("trigger").asText()).isEqualTo("api");
        assertThat(run.get("startedBy").asText()).isEqualTo(TestUsers.TESTER);
        assertThat(run.get("reason").asText()).isEqualTo("portal says it lost " + code);
        assertThat(run.get("heal").asBoolean()).isFalse();
        assertThat(run.get("counts").get("missingAtTarget").asLong()).isGreaterThanOrEqualTo(1);
        long id = run.get("id").asLong();
        JsonNode row = only(getJson("/api/v1/reconciliations/" + id + "/differences?code=" + enc(code) + "&partner=dvcqg"));
        assertThat(row.get("category").asText()).isEqualTo("missingAtTarget");
        assertThat(row.get("healed").asBoolean()).isFalse();
        assertThat(row.get("healAction").asText()).contains("report-only");
        // left alone: the portal still lacks it
        assertThat(portalHolds(code)).isFalse();
        long diff = row.get("id").asLong();

        HttpResponse<String> first = post("/api/v1/reconciliations/" + id + "/differences/" + diff + "/resync", TestUsers.BASIC);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode outcome = readJson(first.body());
        assertThat(outcome.get("dossierCode").asText()).isEqualTo(code);
        assertThat(outcome.get("target").asText()).isEqualTo("dvcqg");
        assertThat(outcome.get("by").asText()).isEqualTo(TestUsers.TESTER);
        long delivery = outcome.get("deliveryId").asLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> portalHolds(code));
        assertThat(deliveredToPortal(code)).isTrue();

        JsonNode after = only(getJson("/api/v1/reconciliations/" + id + "/differences?code=" + enc(code)));
        assertThat(after.get("healed").asBoolean()).isTrue();
        assertThat(after.get("resyncedBy").asText()).isEqualTo(TestUsers.TESTER);
        assertThat(after.get("healAction").asText()).contains("re-queued delivery #" + delivery);
        // never twice
        HttpResponse<String> again = post("/api/v1/reconciliations/" + id + "/differences/" + diff + "/resync", TestUsers.BASIC);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(readJson(again.body()).get("error").asText()).isEqualTo("conflict");
        assertThat(readJson(again.body()).get("message").asText()).contains("already re-synced by " + TestUsers.TESTER);

        List<String> audit = new ArrayList<>();
        getJson("/api/v1/audit?limit=200").forEach(a -> audit.add(a.path("action").asText() + " " + a.path("username").asText() + " "
                + a.path("target").asText()));
        assertThat(audit).contains("reconcile.resync tester reconciliation " + id + " difference " + diff,
                "reconcile.start tester reconciliation " + id);
        assertThat(audit.stream().filter(a -> a.equals("reconcile.resync tester reconciliation " + id + " difference " + diff))).hasSize(1);

        // a dead-lettered row is replayed from the dead letters, not re-synced
        long dead = insertDifference(id, "deadLettered", code, "dvcqg");
        HttpResponse<String> deadAnswer = post("/api/v1/reconciliations/" + id + "/differences/" + dead + "/resync", TestUsers.BASIC);
        assertThat(deadAnswer.statusCode()).isEqualTo(409);
        assertThat(deadAnswer.body()).contains("dead letters");
        // a row whose dossier has no DELIVERED delivery to re-open: refused, and the row is not taken
        long nothing = insertDifference(id, "statusMismatch", "NO-SUCH-" + code, "dvcqg");
        HttpResponse<String> nothingAnswer = post("/api/v1/reconciliations/" + id + "/differences/" + nothing + "/resync", TestUsers.BASIC);
        assertThat(nothingAnswer.statusCode()).isEqualTo(409);
        assertThat(nothingAnswer.body()).contains("no longer DELIVERED");
        JsonNode untouched = only(getJson("/api/v1/reconciliations/" + id + "/differences?code=" + enc("NO-SUCH-" + code)));
        assertThat(untouched.get("healed").asBoolean()).isFalse();
        assertThat(untouched.get("resyncedBy").isNull()).isTrue();

        assertThat(post("/api/v1/reconciliations/" + id + "/differences/999999999/resync", TestUsers.BASIC).statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/reconciliations/999999999/differences/" + diff + "/resync", TestUsers.BASIC).statusCode()).isEqualTo(404);
        HttpResponse<String> viewer = post("/api/v1/reconciliations/" + id + "/differences/" + nothing + "/resync",
                TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD));
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(post("/api/v1/reconciliations", TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD)).statusCode()).isEqualTo(403);

        // the runs, paged: newest first, with their counts
        JsonNode page = getJson("/api/v1/reconciliations?page=1&size=1");
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("id").asLong()).isGreaterThanOrEqualTo(id);
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("counts").has("missingAtTarget")).isTrue();
        assertThat(getJson("/api/v1/reconciliations?limit=2").get("size").asInt()).isEqualTo(2);
    }

    @Test
    void theBadFieldsOfAStartAreNamed() {
        HttpResponse<String> heal = postJson("/api/v1/reconciliations", "{\"heal\":\"no\"}");
        assertThat(heal.statusCode()).isEqualTo(400);
        assertThat(readJson(heal.body()).get("field").asText()).isEqualTo("heal");
        HttpResponse<String> reason = postJson("/api/v1/reconciliations", "{\"reason\":[1]}");
        assertThat(reason.statusCode()).isEqualTo(400);
        assertThat(readJson(reason.body()).get("field").asText()).isEqualTo("reason");
    }

    @Test
    void theAlertIncidentsAndMailLogArePagedByPartner() {
        JsonNode incidents = getJson("/api/v1/alerts/incidents?page=1&size=5");
        assertThat(incidents.has("items") && incidents.has("total") && incidents.has("totalPages")).isTrue();
        JsonNode log = getJson("/api/v1/alerts/log?partner=dvcqg&size=5");
        assertThat(log.get("size").asInt()).isEqualTo(5);
        log.get("items").forEach(m -> assertThat(m.get("partner").asText()).isEqualTo("dvcqg"));
        getJson("/api/v1/alerts/incidents?partner=dvcqg").get("items").forEach(i -> {
            assertThat(i.get("partner").asText()).isEqualTo("dvcqg");
            assertThat(i.get("state").asText()).isIn("OPEN", "RECOVERING", "CLOSED");
        });
    }

    @SuppressWarnings("unchecked")
    private JsonNode reconcile(String body) {
        // one run at a time: another test's run may still be going on
        HttpResponse<String>[] started = new HttpResponse[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> (started[0] = postJson("/api/v1/reconciliations", body)).statusCode() != 409);
        assertThat(started[0].statusCode()).as(started[0].body()).isEqualTo(202);
        long id = readJson(started[0].body()).get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> !getJson("/api/v1/reconciliations/" + id).get("state").asText().equals("RUNNING"));
        return getJson("/api/v1/reconciliations/" + id);
    }

    private long insertDifference(long run, String category, String code, String target) {
        org.springframework.jdbc.support.GeneratedKeyHolder key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO reconciliation_difference (run_id, category, source, dossier_code, target, healed)
                VALUES (:run, :category, 'province', :code, :target, FALSE)""",
                new MapSqlParameterSource("run", run).addValue("category", category).addValue("code", code).addValue("target", target),
                key, new String[] {"id"});
        return key.getKey().longValue();
    }

    private static JsonNode only(JsonNode rows) {
        assertThat(rows).as(rows.toString()).hasSize(1);
        return rows.get(0);
    }

    private static HttpResponse<String> post(String path, String authorization) {
        return send(HttpRequest.newBuilder(java.net.URI.create(url(path))).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    }
}
