package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.tthc.hub.partner.dvcqg.DvcqgProperties;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.dvcqg.DvcqgAdapter;
import vn.tthc.hub.sync.TargetAdapter;

/**
 * The portal adapter against the portal simulator's protocol variants: an expired session is
 * renewed once and the call retried; an insert of a dossier the portal already has ("đã tồn tại",
 * code 3 or -3) becomes an update; error codes as strings and plain-text progress answers are
 * understood.
 */
class PortalProtocolTest extends HubTestBase {
    @Autowired
    DvcqgAdapter adapter;
    @Autowired
    MappingEngine mappings;
    @Autowired
    DvcqgProperties props;

    @AfterEach
    void restore() {
        postForJson("/sim/dvcqg/_control/faults", "{\"sessionTtlSeconds\":1800,\"existsErrorCode\":3,"
                + "\"errorCodeAsString\":false,\"plainTextProgress\":false}");
        props.setLookupBeforeInsert(true);
    }

    String deliveredState(String code) {
        for (JsonNode d : getJson("/api/v1/dossiers/" + code).path("deliveries")) {
            if (d.path("target").asText().equals("dvcqg")) {
                return d.path("state").asText();
            }
        }
        return "none";
    }

    String pushSample() throws Exception {
        ObjectNode d = WebhookIntakeTest.sample();
        assertThat(push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode()).isEqualTo(202);
        return d.get("nationCode").asText();
    }

    @Test
    void anExpiredSessionIsRenewedOnceAndTheCallRetried() throws Exception {
        String first = pushSample();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredState(first).equals("DELIVERED"));
        long logins = getJson("/sim/dvcqg/_control/ledger").path("logins").asLong();
        // the portal forgets every session (as after a restart); the hub still holds its old one
        assertThat(postForJson("/sim/dvcqg/_control/expire-sessions", "{}").path("expired").asInt()).isPositive();
        String second = pushSample();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredState(second).equals("DELIVERED"));
        JsonNode d = getJson("/api/v1/dossiers/" + second).path("deliveries");
        assertThat(getJson("/sim/dvcqg/_control/ledger").path("logins").asLong()).isGreaterThan(logins);
        for (JsonNode delivery : d) {
            assertThat(delivery.path("attempts").asInt()).as("renewal happens inside the attempt").isEqualTo(1);
        }
    }

    @Test
    void insertOfADossierThePortalAlreadyHasBecomesAnUpdate() throws Exception {
        String code = pushSample();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredState(code).equals("DELIVERED"));
        postForJson("/sim/dvcqg/_control/faults", "{\"existsErrorCode\":-3}");
        props.setLookupBeforeInsert(false);
        ObjectNode changed = WebhookIntakeTest.sample();
        changed.put("nationCode", code).put("summary", "Đề nghị cấp lại giấy chứng nhận (bản cập nhật)");
        Dossier dossier = CanonicalJson.fromTree(mappings.map("province/dossier-to-canonical", changed));
        // the hub believes nothing was delivered before, so it inserts first
        TargetAdapter.AdapterResult r = adapter.deliver(new TargetAdapter.DeliveryRequest(-1, "province", code, 9, dossier,
                dossier.progress().size(), 0, null, false, 0, false));
        assertThat(r.kind()).as(String.valueOf(r.error())).isEqualTo(TargetAdapter.AdapterResult.Kind.DELIVERED);
        JsonNode portal = getJson("/sim/dvcqg/_control/dossiers/" + code);
        assertThat(portal.path("item").path("TrichYeuHoSo").asText()).isEqualTo("Đề nghị cấp lại giấy chứng nhận (bản cập nhật)");
        JsonNode requests = getJson("/sim/dvcqg/_control/ledger/requests?limit=2");
        assertThat(requests.get(0).asText()).contains("\"isUpdating\":\"False\"");
        assertThat(requests.get(1).asText()).contains("\"isUpdating\":\"True\"");
    }

    @Test
    void stringErrorCodesAndPlainTextProgressAnswersAreUnderstood() throws Exception {
        postForJson("/sim/dvcqg/_control/faults", "{\"errorCodeAsString\":true,\"plainTextProgress\":true}");
        String code = pushSample();
        await().atMost(Duration.ofSeconds(30)).until(() -> deliveredState(code).equals("DELIVERED"));
        assertThat(getJson("/sim/dvcqg/_control/dossiers/" + code).path("steps").size()).isEqualTo(3);
    }
}
