package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The portal applies a change and its answer never arrives in time (applied, then held past the hub's
 * 3-second read timeout): the hub cannot know, retries, and must neither lose the change nor apply it
 * twice — the dossier is looked up first when unsure, progress resumes at its stage. Every dossier ends
 * with exactly the province's steps and status at the portal.
 */
class LostAnswersTest extends HubTestBase {
    static final int COUNT = 12;

    @AfterEach
    void calm() {
        postForJson("/sim/dvcqg/_control/faults", "{\"errorRate\":0,\"dropAfterApplyRate\":0}");
    }

    @Test
    void answersLostAfterThePortalAppliedAreNeitherLostNorAppliedTwice() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners");
            assertThat(p.path("dvcqg").path("pending").asLong() + p.path("dvcqg").path("failed").asLong()).isZero();
        });
        JsonNode before = getJson("/sim/dvcqg/_control/ledger");
        postForJson("/sim/dvcqg/_control/faults", "{\"dropAfterApplyRate\":0.25,\"hangMs\":4000}");
        List<String> codes = new ArrayList<>();
        postForJson("/sim/province/_control/generate", "{\"count\":" + COUNT + ",\"seed\":4242}").path("codes")
                .forEach(c -> codes.add(c.asText()));
        int remaining = COUNT;
        for (int round = 0; round < 12 && remaining > 0; round++) {
            remaining = postForJson("/sim/province/_control/advance", "{}").path("remaining").asInt();
        }
        Map<String, JsonNode> finals = new HashMap<>();
        String token = provinceToken();
        for (String code : codes) {
            finals.put(code, provinceDossier(code, token));
        }

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            for (String code : codes) {
                JsonNode d = getJson("/api/v1/dossiers/" + enc(code));
                assertThat(d.path("version").asLong()).as(code).isEqualTo(finals.get(code).path("revision").asLong());
                assertThat(d.path("deliveries")).as(code).filteredOn(x -> x.path("target").asText().equals("dvcqg"))
                        .isNotEmpty().allSatisfy(x -> assertThat(x.path("state").asText()).isEqualTo("DELIVERED"));
            }
        });
        calm();

        JsonNode portal = EndToEndTest.delta(before, getJson("/sim/dvcqg/_control/ledger"));
        assertThat(portal.path("wireDuplicates").asLong()).as("answers were lost and the hub resent: " + portal).isPositive();
        assertThat(portal.path("appliedDuplicates").asLong()).as(portal.toString()).isZero();
        StringBuilder histories = new StringBuilder();
        for (String code : codes) {
            JsonNode atPortal = getJson("/sim/dvcqg/_control/dossiers/" + enc(code));
            histories.append("\n").append(code).append(" portal history ").append(atPortal.path("history"))
                    .append(" steps ").append(atPortal.path("steps").size()).append(" hub ").append(getJson("/api/v1/dossiers/" + enc(code)));
        }
        assertThat(portal.path("outOfOrder").asLong()).as(portal + histories.toString()).isZero();
        for (String code : codes) {
            JsonNode atPortal = getJson("/sim/dvcqg/_control/dossiers/" + enc(code));
            JsonNode province = finals.get(code);
            assertThat(atPortal.path("steps").size()).as("progress steps of " + code).isEqualTo(province.path("processes").size());
            assertThat(atPortal.path("item").path("TrangThaiHoSo").asText()).as("status of " + code)
                    .isEqualTo(EndToEndTest.portalStatus(province.path("dossierStatus").path("id").asText()));
        }
    }
}
