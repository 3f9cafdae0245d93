package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Dead letters and replay over the API against the whole hub and the portal simulator: a delivery that went DEAD after
 * the portal had in fact applied it is replayed once the cause is fixed and reaches the portal without an applied
 * duplicate; a second replay is refused; an older version overtaken by a delivered one is refused as superseded and
 * discarded with a reason; a viewer is refused; a bulk replay answers its dry run, runs at its rate, pauses and
 * resumes, and ends DONE with every dead letter delivered.
 */
class ReplayTest extends HubTestBase {
    static final String CALM = "{\"errorRate\":0,\"rejectRate\":0,\"dropAfterApplyRate\":0,\"hangRate\":0,\"hangMs\":0}";

    @BeforeEach
    @AfterEach
    void calm() {
        postForJson("/sim/dvcqg/_control/faults", CALM);
    }

    /** Earlier tests' deliveries are settled, so that a fault knob hits only this test's dossiers. */
    static void settled() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners");
            for (String t : List.of("dvcqg", "emc")) {
                assertThat(p.path(t).path("pending").asLong() + p.path(t).path("failed").asLong()).isZero();
            }
        });
    }

    static JsonNode delivery(String code, String target, long version) {
        for (JsonNode d : getJson("/api/v1/dossiers/" + enc(code)).path("deliveries")) {
            if (d.path("target").asText().equals(target) && (version <= 0 || d.path("version").asLong() == version)) {
                return d;
            }
        }
        throw new AssertionError("no delivery of " + code + " v" + version + " to " + target);
    }

    static String state(String code, String target, long version) {
        return delivery(code, target, version).path("state").asText();
    }

    String push(ObjectNode d) {
        assertThat(push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode()).isEqualTo(202);
        return d.get("nationCode").asText();
    }

    static HttpResponse<String> post(String path, String body) {
        return postJson(path, body);
    }

    static boolean audited(String action, String target) {
        for (JsonNode a : getJson("/api/v1/audit?limit=200")) {
            if (a.path("action").asText().equals(action) && a.path("target").asText().equals(target)) {
                return true;
            }
        }
        return false;
    }

    /** The newest delivery of the dossier to the target. */
    static JsonNode latest(String code, String target) {
        JsonNode newest = null;
        for (JsonNode x : getJson("/api/v1/dossiers/" + enc(code)).path("deliveries")) {
            if (x.path("target").asText().equals(target) && (newest == null || x.path("version").asLong() > newest.path("version").asLong())) {
                newest = x;
            }
        }
        if (newest == null) {
            throw new AssertionError("no delivery of " + code + " to " + target);
        }
        return newest;
    }

    /** The province changes the dossier: a new revision with another summary. */
    static void change(ObjectNode d) {
        d.put("revision", d.path("revision").asInt() + 1);
        d.put("updatedDate", OffsetDateTime.parse(d.path("updatedDate").asText()).plusMinutes(20).toString());
        d.put("summary", d.path("summary").asText() + " (bổ sung)");
    }

    @Test
    void aDeadDeliveryThePortalHadAppliedIsReplayedOnceTheCauseIsFixedAndHeldThereOnce() throws Exception {
        settled();
        ObjectNode sample = WebhookIntakeTest.sample();
        String code = push(sample);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(code, "dvcqg", 0).equals("DELIVERED"));
        JsonNode before = getJson("/sim/dvcqg/_control/ledger");
        // the portal applies the new version and its answer is lost; then it refuses everything: the retry dies
        postForJson("/sim/dvcqg/_control/faults", "{\"dropAfterApplyRate\":1,\"hangMs\":4000}");
        change(sample);
        push(sample);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> getJson("/sim/dvcqg/_control/dossiers/" + enc(code)).path("history").size() == 2);
        postForJson("/sim/dvcqg/_control/faults", "{\"dropAfterApplyRate\":0,\"hangMs\":0,\"rejectRate\":1}");
        await().atMost(Duration.ofSeconds(60)).until(() -> latest(code, "dvcqg").path("state").asText().equals("DEAD"));
        JsonNode dead = latest(code, "dvcqg");
        long id = dead.path("id").asLong();
        assertThat(dead.path("version").asLong()).isGreaterThan(1);
        int attemptsBefore = getJson("/api/v1/deliveries/" + id + "/attempts").size();
        assertThat(attemptsBefore).isGreaterThanOrEqualTo(2);

        // the dead-letter list names it with its error
        JsonNode list = getJson("/api/v1/dead-letters?target=dvcqg&error=" + enc("error_code") + "&size=500");
        assertThat(list.path("items")).anySatisfy(d -> {
            assertThat(d.path("id").asLong()).isEqualTo(id);
            assertThat(d.path("dossierCode").asText()).isEqualTo(code);
            assertThat(d.path("lastError").asText()).contains("error_code -1");
            assertThat(d.path("superseded").asBoolean()).isFalse();
            assertThat(d.path("deadSince").asText()).isNotBlank();
        });

        // the cause is fixed; replay it (twice, as a double click would)
        calm();
        HttpResponse<String> first = post("/api/v1/deliveries/" + id + "/replay", "");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(readJson(first.body()).path("state").asText()).isEqualTo("PENDING");
        HttpResponse<String> second = post("/api/v1/deliveries/" + id + "/replay", "");
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(readJson(second.body()).path("error").asText()).isEqualTo("conflict");

        await().atMost(Duration.ofSeconds(30)).until(() -> latest(code, "dvcqg").path("state").asText().equals("DELIVERED"));
        JsonNode portal = EndToEndTest.delta(before, getJson("/sim/dvcqg/_control/ledger"));
        assertThat(portal.path("appliedDuplicates").asLong()).as("nothing applied twice: " + portal).isZero();
        JsonNode held = getJson("/sim/dvcqg/_control/dossiers/" + enc(code));
        assertThat(held.path("history")).as("each version applied once at the portal: " + held.path("history")).hasSize(2);
        assertThat(held.path("item").path("TrichYeuHoSo").asText()).endsWith("(bổ sung)");
        assertThat(held.path("steps")).hasSize(sample.path("processes").size());
        // the attempts before the replay stay, the one after is added
        assertThat(getJson("/api/v1/deliveries/" + id + "/attempts").size()).isGreaterThan(attemptsBefore);
        assertThat(audited("delivery.replay", "delivery #" + id)).isTrue();
        assertThat(getJson("/api/v1/dead-letters?size=500").path("items")).noneSatisfy(d -> assertThat(d.path("id").asLong()).isEqualTo(id));
    }

    @Test
    void anOlderVersionOvertakenByADeliveredOneIsRefusedAsSupersededAndDiscardedWithAReason() throws Exception {
        settled();
        postForJson("/sim/dvcqg/_control/faults", "{\"rejectRate\":1}");
        ObjectNode d = WebhookIntakeTest.sample();
        String code = push(d);
        await().atMost(Duration.ofSeconds(30)).until(() -> state(code, "dvcqg", 0).equals("DEAD"));
        long v1 = delivery(code, "dvcqg", 0).path("version").asLong();
        long id = delivery(code, "dvcqg", v1).path("id").asLong();
        calm();
        // the province changes the dossier: the new version goes ahead of the dead one and is delivered
        change(d);
        push(d);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode newest = null;
            for (JsonNode x : getJson("/api/v1/dossiers/" + enc(code)).path("deliveries")) {
                if (x.path("target").asText().equals("dvcqg") && x.path("version").asLong() > v1) {
                    newest = x;
                }
            }
            assertThat(newest).isNotNull();
            assertThat(newest.path("state").asText()).isEqualTo("DELIVERED");
        });
        assertThat(getJson("/api/v1/dead-letters?target=dvcqg&size=500").path("items"))
                .anySatisfy(x -> {
                    assertThat(x.path("id").asLong()).isEqualTo(id);
                    assertThat(x.path("superseded").asBoolean()).isTrue();
                });

        HttpResponse<String> replay = post("/api/v1/deliveries/" + id + "/replay", "");
        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
        assertThat(readJson(replay.body()).path("error").asText()).isEqualTo("superseded");
        assertThat(readJson(replay.body()).path("message").asText()).contains("discard");
        assertThat(state(code, "dvcqg", v1)).isEqualTo("DEAD");

        for (String body : new String[] {"{\"reason\":\"  \"}", "{}", ""}) {
            HttpResponse<String> blank = post("/api/v1/deliveries/" + id + "/discard", body);
            assertThat(blank.statusCode()).as(body + " → " + blank.body()).isEqualTo(400);
            assertThat(readJson(blank.body()).path("field").asText()).isEqualTo("reason");
        }
        long discardedBefore = getJson("/api/v1/partners").path("dvcqg").path("discarded").asLong();
        HttpResponse<String> discard = post("/api/v1/deliveries/" + id + "/discard", json(Map.of("reason", "Phiên bản cũ, đã có bản mới hơn")));
        assertThat(discard.statusCode()).as(discard.body()).isEqualTo(200);
        assertThat(readJson(discard.body()).path("state").asText()).isEqualTo("DISCARDED");
        assertThat(state(code, "dvcqg", v1)).isEqualTo("DISCARDED");
        assertThat(getJson("/api/v1/partners").path("dvcqg").path("discarded").asLong()).isEqualTo(discardedBefore + 1);
        assertThat(audited("delivery.discard", "delivery #" + id)).isTrue();
        assertThat(post("/api/v1/deliveries/" + id + "/discard", json(Map.of("reason", "again"))).statusCode()).isEqualTo(409);
        assertThat(post("/api/v1/deliveries/987654321/replay", "").statusCode()).isEqualTo(404);
    }

    @Test
    void aViewerCannotReplayDiscardOrStartABulkReplay() {
        String viewer = TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
        for (String path : List.of("/api/v1/deliveries/1/replay", "/api/v1/deliveries/1/discard", "/api/v1/replays", "/api/v1/replays/1/start")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(java.net.URI.create(url(path))).header("Authorization", viewer)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"x\"}")).build());
            assertThat(r.statusCode()).as(path).isEqualTo(403);
        }
        // reading is every role's
        HttpResponse<String> list = send(HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/dead-letters"))).header("Authorization", viewer)
                .GET().build());
        assertThat(list.statusCode()).isEqualTo(200);
        // and the OpenAPI description names every path
        String docs = get("/v3/api-docs").body();
        assertThat(docs).contains("/api/v1/dead-letters", "/api/v1/deliveries/{id}/replay", "/api/v1/deliveries/{id}/discard",
                "/api/v1/replays", "/api/v1/replays/{id}/start", "/api/v1/replays/{id}/pause", "/api/v1/replays/{id}/resume",
                "/api/v1/replays/{id}/cancel");
    }

    @Test
    void aBulkReplayAnswersItsDryRunThenRunsAtItsRateAndCanBePausedAndResumed() throws Exception {
        settled();
        Instant since = Instant.now();
        postForJson("/sim/dvcqg/_control/faults", "{\"rejectRate\":1}");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            codes.add(push(WebhookIntakeTest.sample()));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> codes.stream().allMatch(c -> state(c, "dvcqg", 0).equals("DEAD")));
        calm();

        assertThat(post("/api/v1/replays", "{\"target\":\"dvcqg\",\"rate\":0}").statusCode()).isEqualTo(400);
        HttpResponse<String> badDate = post("/api/v1/replays", "{\"since\":\"yesterday\"}");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(readJson(badDate.body()).path("field").asText()).isEqualTo("since");

        String filter = "\"target\":\"dvcqg\",\"since\":\"" + since + "\"";
        JsonNode dry = postForJson("/api/v1/replays", "{" + filter + ",\"dryRun\":true,\"rate\":1}");
        long job = dry.path("id").asLong();
        assertThat(dry.path("state").asText()).isEqualTo("DRY_RUN");
        assertThat(dry.path("total").asLong()).isEqualTo(4);
        assertThat(dry.path("wouldReplay").asLong()).isEqualTo(4);
        assertThat(dry.path("byTarget")).singleElement().satisfies(c -> {
            assertThat(c.path("key").asText()).isEqualTo("dvcqg");
            assertThat(c.path("toReplay").asLong()).isEqualTo(4);
            assertThat(c.path("superseded").asLong()).isZero();
        });
        long perProcedure = 0;
        for (JsonNode c : dry.path("byProcedure")) {
            perProcedure += c.path("toReplay").asLong();
        }
        assertThat(perProcedure).isEqualTo(4);
        Thread.sleep(1500);
        assertThat(codes).as("a dry run changes nothing").allSatisfy(c -> assertThat(state(c, "dvcqg", 0)).isEqualTo("DEAD"));
        assertThat(getJson("/api/v1/replays/" + job).path("processed").asLong()).isZero();

        Instant started = Instant.now();
        JsonNode running = postForJson("/api/v1/replays/" + job + "/start", "{\"rate\":1}");
        assertThat(running.path("state").asText()).isEqualTo("RUNNING");
        assertThat(post("/api/v1/replays/" + job + "/start", "").statusCode()).as("started once").isEqualTo(409);
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> getJson("/api/v1/replays/" + job).path("replayed").asLong() >= 1);
        long elapsed = Duration.between(started, Instant.now()).toMillis();
        JsonNode paused = postForJson("/api/v1/replays/" + job + "/pause", "");
        assertThat(paused.path("state").asText()).isEqualTo("PAUSED");
        long replayed = paused.path("replayed").asLong();
        assertThat(replayed).as("one a second: " + replayed + " after " + elapsed + " ms").isLessThanOrEqualTo(1 + elapsed / 1000 + 1)
                .isLessThan(4);
        Thread.sleep(2500);
        assertThat(getJson("/api/v1/replays/" + job).path("replayed").asLong()).as("a paused job does not move").isEqualTo(replayed);

        Instant resumed = Instant.now();
        assertThat(postForJson("/api/v1/replays/" + job + "/resume", "").path("state").asText()).isEqualTo("RUNNING");
        await().atMost(Duration.ofSeconds(30)).until(() -> getJson("/api/v1/replays/" + job).path("state").asText().equals("DONE"));
        long left = 4 - replayed;
        assertThat(Duration.between(resumed, Instant.now()).toMillis()).as("the rate holds: " + left + " left at 1/s")
                .isGreaterThanOrEqualTo((left - 1) * 1000 - 300);
        JsonNode done = getJson("/api/v1/replays/" + job);
        assertThat(done.path("replayed").asLong()).isEqualTo(4);
        assertThat(done.path("failed").asLong()).isZero();
        assertThat(done.path("percent").asInt()).isEqualTo(100);
        await().atMost(Duration.ofSeconds(30)).until(() -> codes.stream().allMatch(c -> state(c, "dvcqg", 0).equals("DELIVERED")));
        assertThat(audited("replay.start", "replay job #" + job)).isTrue();
        assertThat(audited("replay.pause", "replay job #" + job)).isTrue();
        assertThat(audited("replay.resume", "replay job #" + job)).isTrue();

        // nothing is left to replay: a new dry run counts none; it is cancelled, and cannot be started after that
        JsonNode empty = postForJson("/api/v1/replays", "{" + filter + "}");
        assertThat(empty.path("total").asLong()).isZero();
        assertThat(postForJson("/api/v1/replays/" + empty.path("id").asLong() + "/cancel", "").path("state").asText()).isEqualTo("CANCELLED");
        assertThat(post("/api/v1/replays/" + empty.path("id").asLong() + "/start", "").statusCode()).isEqualTo(409);
        assertThat(getJson("/api/v1/replays?size=5").path("items").get(0).path("id").asLong()).isEqualTo(empty.path("id").asLong());
        assertThat(get("/api/v1/replays/987654321").statusCode()).isEqualTo(404);
    }
}
