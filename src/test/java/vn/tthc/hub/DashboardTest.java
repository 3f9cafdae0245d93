package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The dashboard's numbers against the running hub: deliveries to EMC succeed, then are refused (dead at once, one more
 * on its dead-letter queue), then fail until EMC answers again; the card's counts, its failing state and since when,
 * its last success, its dead-letter depth and the error rate in its series follow; and the cards fragment the page
 * refreshes from shows the same.
 */
class DashboardTest extends HubTestBase {

    @BeforeEach
    @AfterEach
    void calm() {
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
    }

    static JsonNode card(String partner) {
        for (JsonNode c : getJson("/api/v1/dashboard").path("partners")) {
            if (c.path("partner").asText().equals(partner)) {
                return c;
            }
        }
        throw new AssertionError("no card for " + partner);
    }

    String pushSample() throws Exception {
        ObjectNode d = WebhookIntakeTest.sample();
        assertThat(push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode()).isEqualTo(202);
        return d.get("nationCode").asText();
    }

    String stateAt(String code, String target) {
        for (JsonNode d : getJson("/api/v1/dossiers/" + code).path("deliveries")) {
            if (d.path("target").asText().equals(target)) {
                return d.path("state").asText();
            }
        }
        return "";
    }

    @Autowired
    ConnectionFactory connectionFactory;

    String deliveryId(String code, String target) {
        for (JsonNode d : getJson("/api/v1/dossiers/" + code).path("deliveries")) {
            if (d.path("target").asText().equals(target)) {
                return d.path("id").asText();
            }
        }
        throw new AssertionError("no delivery of " + code + " to " + target);
    }

    /** The ids on a queue, read with a queue browser (as DeliveryFailuresTest does). */
    List<String> deadLetters(String queue) throws Exception {
        try (Connection c = connectionFactory.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue(queue));
            List<String> ids = new ArrayList<>();
            for (Object m : Collections.list(browser.getEnumeration())) {
                ids.add(((Message) m).getBody(String.class));
            }
            return ids;
        }
    }

    /** Earlier tests' deliveries to EMC settled, and the dashboard (cached for a few seconds) says so too. */
    void settled() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners").path("emc");
            assertThat(p.path("pending").asLong() + p.path("failed").asLong()).isZero();
            JsonNode c = card("emc").path("deliveries");
            assertThat(c.path("delivered").asLong()).isEqualTo(p.path("delivered").asLong());
            assertThat(c.path("dead").asLong()).isEqualTo(p.path("dead").asLong());
        });
    }

    @Test
    void everyPartnerHasACardAndTheNdxpChannelSumsTheMinistries() {
        JsonNode d = getJson("/api/v1/dashboard");
        assertThat(d.path("generatedAt").asText()).isNotBlank();
        List<String> ids = new ArrayList<>();
        d.path("partners").forEach(c -> ids.add(c.path("partner").asText()));
        assertThat(ids).containsExactly("province", "ministry-G06", "ministry-G15", "ministry-G17", "coordination", "ndxp", "dvcqg", "emc");
        JsonNode province = card("province");
        assertThat(province.path("kind").asText()).isEqualTo("target");
        assertThat(province.path("pulled").asBoolean()).isTrue();
        // every pull runs every 2 s in the tests: the next one is within the next 2 s, read from its Quartz trigger
        Instant next = Instant.parse(province.path("pull").path("next").asText());
        assertThat(Duration.between(Instant.now(), next)).isLessThanOrEqualTo(Duration.ofSeconds(3));
        assertThat(province.path("pull").path("cron").asText()).isEqualTo("0/2 * * * * ?");
        assertThat(province.path("queue").path("name").asText()).isEqualTo("hub.province");
        assertThat(province.path("queue").path("readVia").asText()).isEqualTo("management");
        // a target's card shows its circuit (partner health); a source has none
        assertThat(province.path("circuit").asText()).isEqualTo("closed");
        JsonNode coordination = card("coordination");
        assertThat(coordination.path("kind").asText()).isEqualTo("source");
        assertThat(coordination.path("queue").isNull()).isTrue();
        assertThat(coordination.path("circuit").isNull()).isTrue();
        assertThat(coordination.path("pull").path("next").asText()).isNotBlank();
        JsonNode ndxp = card("ndxp");
        assertThat(ndxp.path("kind").asText()).isEqualTo("channel");
        assertThat(ndxp.path("via")).extracting(JsonNode::asText).contains("ministry-G06", "ministry-G15", "ministry-G17", "coordination");
        long ministriesDelivered = 0;
        for (String m : List.of("ministry-G06", "ministry-G15", "ministry-G17")) {
            ministriesDelivered += card(m).path("deliveries").path("delivered").asLong();
        }
        assertThat(ndxp.path("deliveries").path("delivered").asLong()).isEqualTo(ministriesDelivered);
        // the series of every partner: 60 one-minute buckets over the hour, 48 half hours over the day
        for (String id : ids) {
            assertThat(getJson("/api/v1/dashboard/series?partner=" + id + "&window=hour").path("points")).hasSize(60);
            assertThat(getJson("/api/v1/dashboard/series?partner=" + id + "&window=day").path("points")).hasSize(48);
        }
        assertThat(get("/api/v1/dashboard/series?partner=nobody").statusCode()).isEqualTo(404);
        HttpResponse<String> bad = get("/api/v1/dashboard/series?partner=emc&window=week");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(readJson(bad.body()).path("field").asText()).isEqualTo("window");
    }

    @Test
    void successRefusalAndFailureOfAPartnerShowInItsCountsFailingStateLastSuccessDeadLettersAndErrorRate() throws Exception {
        settled();
        JsonNode before = card("emc");
        long delivered0 = before.path("deliveries").path("delivered").asLong();
        long dead0 = before.path("deliveries").path("dead").asLong();

        // a success
        Instant t0 = Instant.now().minusMillis(50);
        String ok = pushSample();
        await().atMost(Duration.ofSeconds(30)).until(() -> stateAt(ok, "emc").equals("DELIVERED"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode c = card("emc");
            assertThat(c.path("deliveries").path("delivered").asLong()).isEqualTo(delivered0 + 1);
            assertThat(Instant.parse(c.path("lastSuccess").asText())).isAfter(t0);
            assertThat(c.path("health").path("status").asText()).isEqualTo("ok");
        });
        Instant lastSuccess = Instant.parse(card("emc").path("lastSuccess").asText());

        // a refusal: dead at once, its id on the dead-letter queue
        postForJson("/sim/emc/_control/faults", "{\"rejectRate\":1}");
        String refused = pushSample();
        await().atMost(Duration.ofSeconds(30)).until(() -> stateAt(refused, "emc").equals("DEAD"));
        // failures that keep going: every attempt since then fails, and it lasts past the alerts' threshold (3 s here)
        postForJson("/sim/emc/_control/faults", "{\"rejectRate\":0,\"errorRate\":1}");
        Instant failingFrom = Instant.now().minusMillis(50);
        String failing = pushSample();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode c = card("emc");
            assertThat(c.path("deliveries").path("dead").asLong()).isEqualTo(dead0 + 1);
            assertThat(c.path("deliveries").path("failed").asLong()).isGreaterThanOrEqualTo(1);
            JsonNode h = c.path("health");
            assertThat(h.path("status").asText()).isEqualTo("failing");
            // since the refusal (the first failed attempt after the last success), by the alerts' rule
            Instant since = Instant.parse(h.path("since").asText());
            assertThat(since).isAfter(lastSuccess).isBefore(failingFrom);
            assertThat(h.path("lastHttpStatus").asInt()).isEqualTo(503);
            assertThat(Instant.parse(c.path("lastSuccess").asText())).isEqualTo(lastSuccess);
            assertThat(c.path("lastHour").path("failed").asLong()).isGreaterThanOrEqualTo(2);
        });
        // the dead-letter depth is the queue's: the refused delivery's id is on it, and the card counts what a browser counts
        String refusedId = deliveryId(refused, "emc");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> onQueue = deadLetters("DLQ.hub.emc");
            assertThat(onQueue).contains(refusedId);
            assertThat(card("emc").path("queue").path("deadLetters").asLong()).isEqualTo(onQueue.size());
        });
        // the failing card is red on the page fragment, with its time
        String cards = send(request("/dashboard/cards").header("Authorization", TestUsers.BASIC).GET().build()).body();
        assertThat(cards).containsPattern("class=\"card failing\" id=\"card-emc\"").contains("Lỗi từ ");
        assertThat(cards).doesNotContain("<html").contains("hx-get=\"/dashboard/cards\"").contains("hx-trigger=\"every 10s\"");
        String english = send(request("/dashboard/cards?lang=en").header("Authorization", TestUsers.BASIC).GET().build()).body();
        assertThat(english).contains("Failing since ").contains("Last success").doesNotContain("Lỗi từ ");

        // the error rate of the current minute: the failures are in it
        JsonNode points = getJson("/api/v1/dashboard/series?partner=emc&window=hour").path("points");
        JsonNode current = points.get(points.size() - 1);
        JsonNode previous = points.get(points.size() - 2);
        long failed = current.path("failed").asLong() + previous.path("failed").asLong();
        assertThat(failed).isGreaterThanOrEqualTo(2);
        // the rate is the bucket's failed over its attempts (other tests of the shared hub may add EMC traffic to the same
        // minute, so the rate itself is not pinned)
        for (JsonNode b : List.of(current, previous)) {
            long attempts = b.path("attempts").asLong();
            assertThat(b.path("errorRate").asDouble()).as(b.toString())
                    .isCloseTo(attempts == 0 ? 0 : (double) b.path("failed").asLong() / attempts, org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(Math.max(current.path("errorRate").asDouble(), previous.path("errorRate").asDouble())).isPositive();
        JsonNode day = getJson("/api/v1/dashboard/series?partner=emc&window=day").path("points");
        assertThat(day.get(day.size() - 1).path("failed").asLong() + day.get(day.size() - 2).path("failed").asLong())
                .isGreaterThanOrEqualTo(2);

        // EMC answers again: delivered, no longer failing, a newer last success
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":0}");
        await().atMost(Duration.ofSeconds(30)).until(() -> stateAt(failing, "emc").equals("DELIVERED"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode c = card("emc");
            assertThat(c.path("health").path("status").asText()).isEqualTo("ok");
            assertThat(Instant.parse(c.path("lastSuccess").asText())).isAfter(lastSuccess);
        });
        String after = send(request("/dashboard/cards").header("Authorization", TestUsers.BASIC).GET().build()).body();
        assertThat(after).contains("class=\"card\" id=\"card-emc\"");
    }

    /** Starts a reconciliation of the last minutes (waiting for one already running) and answers its id once finished. */
    static long reconcileRecent() {
        long[] id = {0};
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            HttpResponse<String> r = postJson("/api/v1/reconciliations",
                    "{\"from\":\"" + java.time.OffsetDateTime.now().minusMinutes(5) + "\"}");
            if (r.statusCode() == 202) {
                id[0] = readJson(r.body()).path("id").asLong();
                return true;
            }
            return false;
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> !getJson("/api/v1/reconciliations/" + id[0]).path("finishedAt").isNull());
        return id[0];
    }

    @Test
    void theLastReconciliationIsOnEveryCardWithItsDifferencesWithThatPartner() {
        long id = reconcileRecent();
        JsonNode run = getJson("/api/v1/reconciliations/" + id);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (String partner : List.of("dvcqg", "emc", "province")) {
                JsonNode r = card(partner).path("reconciliation");
                assertThat(r.path("runId").asLong()).isGreaterThanOrEqualTo(id);
                if (r.path("runId").asLong() == id) {
                    long expected = 0;
                    for (JsonNode n : run.path("byTarget").path(partner)) {
                        expected += n.asLong();
                    }
                    assertThat(r.path("differences").asLong()).isEqualTo(expected);
                    assertThat(r.path("state").asText()).isEqualTo(run.path("state").asText());
                }
            }
        });
    }

    @Test
    void theCardsNeedASignIn() {
        HttpResponse<String> r = send(request("/dashboard/cards").GET().build());
        assertThat(r.statusCode()).isIn(302, 401);
    }
}
