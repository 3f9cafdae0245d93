package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.tthc.hub.sync.WatermarkStore;

/** The incremental pull catches what the webhook never delivered, and the watermark moves on. */
class ProvincePullTest extends HubTestBase {
    @Autowired
    WatermarkStore store;

    @AfterEach
    void restore() {
        postForJson("/sim/province/_control/faults", "{\"pushEnabled\":true,\"pushDropRate\":0}");
    }

    @Test
    void anInvalidRecordReadAgainByEveryPullIsQuarantinedOnceAndCounted() {
        String code = postForJson("/sim/province/_control/generate", "{\"count\":1,\"seed\":4242}").path("codes").get(0).asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/dossiers/" + code).statusCode() == 200);
        long before = getJson("/api/v1/quarantine?limit=1").path("total").asLong();
        // the province stores a revision the hub must refuse: an empty summary (TrichYeuHoSo)
        postForJson("/sim/province/_control/mutate", "{\"code\":\"" + code + "\",\"set\":{\"summary\":\"\"}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode q = getJson("/api/v1/quarantine?limit=1");
            assertThat(q.path("total").asLong()).isEqualTo(before + 1);
            JsonNode item = q.path("items").get(0);
            assertThat(item.path("dossierCode").asText()).isEqualTo(code);
            assertThat(item.path("reason").asText()).contains("summary");
            // pushed once, then re-read by the pulls (their overlap window): counted, not copied
            assertThat(item.path("repeats").asInt()).isGreaterThanOrEqualTo(1);
        });
    }

    @Test
    void dossiersWhosePushesAreLostArriveThroughThePull() {
        postForJson("/sim/province/_control/faults", "{\"pushDropRate\":1}");
        JsonNode generated = postForJson("/sim/province/_control/generate", "{\"count\":5,\"seed\":777}");
        List<String> codes = new ArrayList<>();
        generated.path("codes").forEach(c -> codes.add(c.asText()));
        assertThat(getJson("/sim/province/_control/ledger").path("pushesDropped").asLong()).isGreaterThanOrEqualTo(5);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String code : codes) {
                JsonNode d = getJson("/api/v1/dossiers/" + code);
                assertThat(d.path("deliveries")).isNotEmpty().allSatisfy(x -> assertThat(x.path("state").asText()).isEqualTo("DELIVERED"));
            }
        });
    }

    @Test
    void aFutureDatedRecordIsRefusedAndCannotMakeThePullSkipLaterChanges() {
        String first = postForJson("/sim/province/_control/generate", "{\"count\":1,\"seed\":5151}").path("codes").get(0).asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/dossiers/" + first).statusCode() == 200);
        long version = getJson("/api/v1/dossiers/" + first).path("version").asLong();
        // from here on only the pull can bring changes in
        postForJson("/sim/province/_control/faults", "{\"pushDropRate\":1}");
        postForJson("/sim/province/_control/mutate", "{\"code\":\"" + first + "\",\"set\":{\"updatedDate\":\"2030-01-01T00:00:00+07:00\"}}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(getJson("/api/v1/quarantine?limit=50").path("items"))
                .anySatisfy(q -> {
                    assertThat(q.path("dossierCode").asText()).isEqualTo(first);
                    assertThat(q.path("channel").asText()).isEqualTo("pull");
                    assertThat(q.path("reason").asText()).contains("updatedAt", "future");
                }));
        assertThat(OffsetDateTime.parse(store.watermark("province").orElseThrow()).toInstant())
                .as("the watermark never passes the pull's own start").isBefore(Instant.now().plusSeconds(1));
        // a change made after the poisoned record is still caught by the next pulls
        String later = postForJson("/sim/province/_control/generate", "{\"count\":1,\"seed\":5152}").path("codes").get(0).asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode d = getJson("/api/v1/dossiers/" + later);
            assertThat(d.path("deliveries")).isNotEmpty().allSatisfy(x -> assertThat(x.path("state").asText()).isEqualTo("DELIVERED"));
        });
        assertThat(getJson("/api/v1/dossiers/" + first).path("version").asLong()).as("the refused revision is not stored")
                .isEqualTo(version);
    }
}
