package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The incremental pull catches what the webhook never delivered, and the watermark moves on. */
class ProvincePullTest extends HubTestBase {
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
}
