package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The first flow end to end on the embedded default: dossiers generated in the province simulator
 * (pushed, and pulled behind a watermark) reach the portal and EMC simulators while the portal
 * fails 30 % of its calls; every delivery ends DELIVERED, nothing is applied twice or out of order,
 * the portal ends with each dossier's final state, and no CCCD or phone number is logged whole.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndToEndTest extends HubTestBase {
    static final int COUNT = 300;

    @Test
    void threeHundredDossiersReachPortalAndEmcThroughThirtyPercentPortalFailures(CapturedOutput output) {
        // earlier tests' deliveries settle first, so the simulators' ledgers count this run only
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners");
            for (String t : List.of("dvcqg", "emc")) {
                assertThat(p.path(t).path("pending").asLong() + p.path(t).path("failed").asLong()).isZero();
            }
        });
        // the simulators keep the state of earlier tests' dossiers (a reset would make the hub's later updates of
        // them "không tồn tại"): this run is measured as the change of their ledgers
        JsonNode portalBefore = getJson("/sim/dvcqg/_control/ledger");
        JsonNode emcBefore = getJson("/sim/emc/_control/ledger");
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0.3}");
        JsonNode generated = postForJson("/sim/province/_control/generate", "{\"count\":" + COUNT + ",\"seed\":42}");
        List<String> codes = new ArrayList<>();
        generated.path("codes").forEach(c -> codes.add(c.asText()));
        assertThat(codes).hasSize(COUNT);

        // walk every dossier along its planned path; each change is pushed, some pushes may race each other
        int remaining = COUNT;
        for (int round = 0; round < 12 && remaining > 0; round++) {
            remaining = postForJson("/sim/province/_control/advance", "{}").path("remaining").asInt();
        }
        assertThat(remaining).isZero();
        Map<String, JsonNode> finals = new HashMap<>();
        String token = provinceToken();
        for (String code : codes) {
            finals.put(code, provinceDossier(code, token));
        }

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String code : codes) {
                JsonNode d = getJson("/api/v1/dossiers/" + enc(code));
                assertThat(d.path("version").asLong()).as("hub version of " + code).isEqualTo(finals.get(code).path("revision").asLong());
                assertThat(d.path("deliveries")).as("deliveries of " + code).isNotEmpty()
                        .allSatisfy(x -> assertThat(x.path("state").asText()).isEqualTo("DELIVERED"));
            }
        });
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");

        JsonNode portal = delta(portalBefore, getJson("/sim/dvcqg/_control/ledger"));
        assertThat(portal.path("appliedDuplicates").asLong()).as(portal.toString()).isZero();
        assertThat(portal.path("outOfOrder").asLong()).as(portal.toString()).isZero();
        // every one of the test's dossiers is at the portal (the shared hub may finish another test's leftover delivery
        // meanwhile, so the ledger's count of new dossiers is at least COUNT; duplicates are counted above)
        assertThat(portal.path("dossiers").asLong()).isGreaterThanOrEqualTo(COUNT);
        for (String code : codes) {
            assertThat(get("/sim/dvcqg/_control/dossiers/" + enc(code)).statusCode()).as("portal holds " + code).isEqualTo(200);
        }
        assertThat(portal.path("rejected").asLong()).as("the portal rejected items: " + portal).isZero();
        JsonNode emc = delta(emcBefore, getJson("/sim/emc/_control/ledger"));
        assertThat(emc.path("appliedDuplicates").asLong()).as(emc.toString()).isZero();
        assertThat(emc.path("outOfOrder").asLong()).as(emc.toString()).isZero();
        assertThat(emc.path("rejected").asLong()).as(emc.toString()).isZero();
        // one EMC event per workflow transition: every progress step of every dossier, once (checked per dossier:
        // the simulator's "advance" also moves dossiers earlier tests left unfinished)
        for (String code : codes) {
            assertThat(getJson("/sim/emc/_control/dossiers/" + enc(code)).size()).as("EMC events of " + code)
                    .isEqualTo(finals.get(code).path("processes").size());
        }

        int statusMapped = 0;
        for (String code : codes) {
            JsonNode atPortal = getJson("/sim/dvcqg/_control/dossiers/" + enc(code));
            JsonNode province = finals.get(code);
            assertThat(atPortal.path("item").path("TrangThaiHoSo").asText())
                    .as("portal status of " + code).isEqualTo(portalStatus(province.path("dossierStatus").path("id").asText()));
            assertThat(atPortal.path("steps").size()).as("progress steps of " + code).isEqualTo(province.path("processes").size());
            statusMapped++;
        }
        assertThat(statusMapped).isEqualTo(COUNT);

        // personal data never whole in the logs
        String logs = output.getAll();
        assertThat(logs).contains("dvcqg");
        for (JsonNode d : finals.values()) {
            String id = d.path("applicant").path("identityNumber").asText();
            String phone = d.path("applicant").path("phone").asText();
            assertThat(logs).doesNotContain(id);
            if (!phone.isEmpty()) {
                assertThat(logs).doesNotContain(phone);
            }
        }
    }

    /** What a ledger counted between two snapshots. */
    static JsonNode delta(JsonNode before, JsonNode after) {
        com.fasterxml.jackson.databind.node.ObjectNode d = JSON.createObjectNode();
        after.fields().forEachRemaining(e -> d.put(e.getKey(), e.getValue().asLong() - before.path(e.getKey()).asLong()));
        return d;
    }

    static String portalStatus(String provinceStatusId) {
        return String.valueOf(Integer.parseInt(provinceStatusId) + 1);
    }

}
