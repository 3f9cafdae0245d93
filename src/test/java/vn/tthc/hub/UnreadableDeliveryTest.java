package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.sync.DeliveryStore;
import vn.tthc.hub.sync.VersionStore;

/**
 * A stored version the delivery worker can no longer read (e.g. after a model change) is an attempt
 * that failed, recorded with its error and retried toward DEAD — not an exception that rolls the broker
 * message back and comes round again without a trace.
 */
class UnreadableDeliveryTest extends HubTestBase {
    @Autowired
    VersionStore versions;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    NamedParameterJdbcTemplate jdbc;
    @Autowired
    vn.tthc.hub.mapping.MappingEngine mappings;

    @Test
    void anUnreadableStoredVersionFailsVisiblyInsteadOfLoopingThroughTheBroker() {
        String code = "000.00.06.H56-261123-" + (90000 + (System.nanoTime() % 9999));
        Instant now = Instant.now();
        VersionStore.NewVersion v = new VersionStore.NewVersion(code, "province", 1, "hash-unreadable", 1, "1.001234", "000.00.06.H56",
                0, 0, "{\"fieldFromAnOlderModel\":1}", "test");
        tx.executeWithoutResult(s -> {
            versions.insertDossier(v, now);
            versions.insertVersion(v, now);
            deliveries.insertDeliveries("province", code, 1, List.of("emc"), now);
        });
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode d = getJson("/api/v1/dossiers/" + enc(code)).path("deliveries").get(0);
                assertThat(d.path("attempts").asInt()).isGreaterThanOrEqualTo(2);
                assertThat(d.path("state").asText()).isIn("FAILED", "DEAD");
                assertThat(d.path("lastError").asText()).contains("internal error");
                assertThat(getJson("/api/v1/deliveries/" + d.path("id").asLong() + "/attempts")).hasSizeGreaterThanOrEqualTo(2);
            });
        } finally {
            // this test's record must not keep the shared hub busy: closed by hand once the behaviour is seen
            jdbc.update("UPDATE delivery SET state = 'DEAD' WHERE dossier_code = :code",
                    java.util.Map.of("code", code));
        }
    }

    @Test
    void aVersionWhosePortalMessageWouldCarryMarkupIsDeadAtOnceAndNeverSent() throws Exception {
        // stored before the text rule existed (or by a bug): the portal mapping itself refuses to produce it
        com.fasterxml.jackson.databind.node.ObjectNode record = WebhookIntakeTest.sample();
        String code = record.get("nationCode").asText();
        com.fasterxml.jackson.databind.node.ObjectNode canonical = (com.fasterxml.jackson.databind.node.ObjectNode)
                mappings.mapForValidation("province/dossier-to-canonical", record);
        canonical.put("sectorName", "<script>alert(1)</script>");
        Instant now = Instant.now();
        VersionStore.NewVersion v = new VersionStore.NewVersion(code, "province", 3, "hash-markup", 4, "2.000477", "000.00.06.H56",
                3, 0, canonical.toString(), "test");
        tx.executeWithoutResult(s -> {
            versions.insertDossier(v, now);
            versions.insertVersion(v, now);
            deliveries.insertDeliveries("province", code, 3, List.of("dvcqg"), now);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode d = getJson("/api/v1/dossiers/" + enc(code)).path("deliveries").get(0);
            assertThat(d.path("state").asText()).isEqualTo("DEAD");
            assertThat(d.path("attempts").asInt()).as("no retry can help").isEqualTo(1);
            assertThat(d.path("lastError").asText()).contains("dvcqg/dossier", "TenLinhVuc", "markup");
        });
        assertThat(get("/sim/dvcqg/_control/dossiers/" + enc(code)).statusCode()).as("never sent to the portal").isEqualTo(404);
    }
}
