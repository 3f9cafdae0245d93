package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.tthc.hub.partner.ndxp.NdxpClient;

/**
 * Forwarding to ministry systems survives what the NDXP gateway does to its clients: an outage
 * (503 on every call, tokens included), a revoked token (401 900901, renewed inside the attempt),
 * and tokens that expire every few seconds — each without losing or duplicating a dossier.
 */
class NdxpResilienceTest extends HubTestBase {
    @Autowired
    NdxpClient client;

    @AfterEach
    void restore() {
        postForJson("/sim/ndxp/_control/faults", "{\"errorRate\":0,\"tokenTtlSeconds\":3600}");
        // a 2-second token cached by a test would be renewed early by the next one instead of being refused
        client.invalidateToken();
    }

    List<String> generateMinistryDossiers(int count, int seed) {
        return MinistryFlowTest.codes(postForJson("/sim/province/_control/generate",
                "{\"count\":" + count + ",\"seed\":" + seed + ",\"procedures\":\"ministry\"}"));
    }

    JsonNode forwarding(String code) {
        JsonNode deliveries = getJson("/api/v1/dossiers/" + MinistryFlowTest.enc(code)).path("deliveries");
        assertThat(deliveries).as(code).hasSize(1);
        return deliveries.get(0);
    }

    void allDelivered(List<String> codes) {
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (String code : codes) {
                assertThat(forwarding(code).path("state").asText()).as(code).isEqualTo("DELIVERED");
            }
        });
        for (String code : codes) {
            String ministry = forwarding(code).path("target").asText().substring("ministry-".length());
            assertThat(get("/sim/ministry-" + ministry + "/_control/dossiers/" + MinistryFlowTest.enc(code)).statusCode()).isEqualTo(200);
        }
        for (String m : MinistryFlowTest.MINISTRIES) {
            assertThat(getJson("/sim/ministry-" + m + "/_control/ledger").path("appliedDuplicates").asLong()).isZero();
        }
    }

    @Test
    void aGatewayOutageDelaysForwardingButLosesNothing() {
        postForJson("/sim/ndxp/_control/faults", "{\"errorRate\":1}");
        List<String> codes = generateMinistryDossiers(6, 501);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String code : codes) {
                assertThat(get("/api/v1/dossiers/" + MinistryFlowTest.enc(code)).statusCode()).isEqualTo(200);
                assertThat(forwarding(code).path("attempts").asInt()).as(code).isGreaterThanOrEqualTo(2);
                assertThat(forwarding(code).path("state").asText()).isEqualTo("FAILED");
            }
        });
        postForJson("/sim/ndxp/_control/faults", "{\"errorRate\":0}");
        allDelivered(codes);
    }

    @Test
    void aRevokedTokenIsRenewedOnceInsideTheAttempt() {
        // the hub holds a long-lived token (the warm-up forwarding fetched it) when the key manager revokes it
        client.invalidateToken();
        allDelivered(generateMinistryDossiers(1, 502));
        long unauthorized = getJson("/sim/ndxp/_control/ledger").path("unauthorized").asLong();
        long tokens = getJson("/sim/ndxp/_control/ledger").path("tokensIssued").asLong();
        postForJson("/sim/ndxp/_control/revoke-tokens", "{}");
        List<String> codes = generateMinistryDossiers(3, 503);
        allDelivered(codes);
        JsonNode ndxp = getJson("/sim/ndxp/_control/ledger");
        assertThat(ndxp.path("unauthorized").asLong()).isGreaterThan(unauthorized);
        assertThat(ndxp.path("tokensIssued").asLong()).isGreaterThan(tokens);
        for (String code : codes) {
            assertThat(forwarding(code).path("attempts").asInt()).as("renewal does not cost an attempt").isEqualTo(1);
        }
    }

    @Test
    void shortLivedTokensAreRenewedBeforeTheyExpire() {
        postForJson("/sim/ndxp/_control/faults", "{\"tokenTtlSeconds\":2}");
        postForJson("/sim/ndxp/_control/revoke-tokens", "{}");
        long tokens = getJson("/sim/ndxp/_control/ledger").path("tokensIssued").asLong();
        List<String> first = generateMinistryDossiers(3, 504);
        allDelivered(first);
        // the periodic pulls keep using the client: wait until it has renewed the 2-second token on its own
        await().atMost(Duration.ofSeconds(20)).until(() ->
                getJson("/sim/ndxp/_control/ledger").path("tokensIssued").asLong() >= tokens + 2);
        List<String> second = generateMinistryDossiers(3, 505);
        allDelivered(second);
    }
}
