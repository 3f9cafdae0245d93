package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Failures that do not heal: a permanent business rejection goes DEAD at once, a target that keeps
 * failing goes DEAD when its retries are exhausted; both leave an error record (the attempts with
 * their errors) and the delivery id on the target's dead-letter queue, and neither blocks the
 * other target.
 */
class DeliveryFailuresTest extends HubTestBase {
    @Autowired
    ConnectionFactory connectionFactory;

    @BeforeEach
    @AfterEach
    void calm() {
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":0,\"rejectRate\":0}");
    }

    /** Waits until earlier tests' deliveries are settled, so that a fault knob hits only this test's dossier. */
    void settled() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners");
            for (String t : List.of("dvcqg", "emc")) {
                assertThat(p.path(t).path("pending").asLong() + p.path(t).path("failed").asLong()).isZero();
            }
        });
    }

    JsonNode delivery(String code, String target) {
        for (JsonNode d : getJson("/api/v1/dossiers/" + code).path("deliveries")) {
            if (d.path("target").asText().equals(target)) {
                return d;
            }
        }
        throw new AssertionError("no delivery of " + code + " to " + target);
    }

    String pushSample() throws Exception {
        ObjectNode d = WebhookIntakeTest.sample();
        assertThat(push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode()).isEqualTo(202);
        return d.get("nationCode").asText();
    }

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

    @Test
    void permanentRejectionIsDeadAtOnceWithItsErrorRecordOnTheDeadLetterQueue() throws Exception {
        settled();
        postForJson("/sim/dvcqg/_control/faults", "{\"rejectRate\":1}");
        String code = pushSample();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(delivery(code, "dvcqg").path("state").asText()).isEqualTo("DEAD"));
        JsonNode dead = delivery(code, "dvcqg");
        assertThat(dead.path("attempts").asInt()).isEqualTo(1);
        assertThat(dead.path("lastError").asText()).contains("error_code -1");
        JsonNode attempts = getJson("/api/v1/deliveries/" + dead.path("id").asLong() + "/attempts");
        assertThat(attempts).singleElement().satisfies(a -> assertThat(a.path("outcome").asText()).isEqualTo("PERMANENT"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(deadLetters("DLQ.hub.dvcqg")).contains(dead.path("id").asText()));
        // the other target is not held back by the portal's refusal
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(delivery(code, "emc").path("state").asText()).isEqualTo("DELIVERED"));
    }

    @Test
    void aTargetThatKeepsFailingIsDeadWhenRetriesAreExhausted() throws Exception {
        settled();
        postForJson("/sim/emc/_control/faults", "{\"errorRate\":1}");
        String code = pushSample();
        int maxAttempts = Integer.parseInt(env.getProperty("hub.partners.emc.retry.max-attempts"));
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() ->
                assertThat(delivery(code, "emc").path("state").asText()).isEqualTo("DEAD"));
        JsonNode dead = delivery(code, "emc");
        assertThat(dead.path("attempts").asInt()).isEqualTo(maxAttempts);
        assertThat(dead.path("lastError").asText()).contains("retries exhausted", "HTTP 503");
        JsonNode attempts = getJson("/api/v1/deliveries/" + dead.path("id").asLong() + "/attempts");
        assertThat(attempts).hasSize(maxAttempts).allSatisfy(a -> assertThat(a.path("httpStatus").asInt()).isEqualTo(503));
        // retries back off: the gaps between attempts grow up to the configured maximum
        List<Long> starts = new ArrayList<>();
        attempts.forEach(a -> starts.add(java.time.Instant.parse(a.path("startedAt").asText()).toEpochMilli()));
        assertThat(starts.get(3) - starts.get(2)).isGreaterThan(starts.get(1) - starts.get(0));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(deadLetters("DLQ.hub.emc")).contains(dead.path("id").asText()));
        assertThat(delivery(code, "dvcqg").path("state").asText()).isEqualTo("DELIVERED");
    }
}
