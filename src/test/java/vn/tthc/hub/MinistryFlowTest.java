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
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The 2026 flows end to end on the embedded default: dossiers received at the province's desks for
 * procedures of three ministries (one speaking XML) are forwarded through NDXP to the right ministry
 * system; the ministries process them, and their progress and results — pulled from each ministry
 * and from the coordination system — come back into the province system, once each and in order;
 * procedures whose ministry is not live yet stay on the province path to the portal.
 */
class MinistryFlowTest extends HubTestBase {
    @Autowired
    CamelContext camel;

    static final List<String> MINISTRIES = List.of("G06", "G15", "G17");

    @Test
    void ministryDossiersGoOutThroughNdxpAndTheirProgressComesBackToTheProvince() {
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            JsonNode p = getJson("/api/v1/partners");
            p.fields().forEachRemaining(e -> assertThat(e.getValue().path("pending").asLong() + e.getValue().path("failed").asLong())
                    .as("open deliveries to " + e.getKey()).isZero());
        });
        for (String m : MINISTRIES) {
            postForJson("/sim/ministry-" + m + "/_control/reset", "{}");
        }
        long provinceDuplicatesBefore = getJson("/sim/province/_control/ledger").path("appliedDuplicates").asLong();
        long coordinationBefore = getJson("/sim/coordination/_control/ledger").path("received").asLong();

        List<String> ministryCodes = codes(postForJson("/sim/province/_control/generate", "{\"count\":30,\"seed\":2026,\"procedures\":\"ministry\"}"));
        List<String> provinceCodes = codes(postForJson("/sim/province/_control/generate", "{\"count\":20,\"seed\":2027,\"procedures\":\"province\"}"));
        String token = provinceToken();
        Map<String, String> handlerOf = new HashMap<>();
        for (String code : ministryCodes) {
            handlerOf.put(code, expectedMinistry(provinceDossier(code, token).path("procedure").path("code").asText()));
        }
        assertThat(handlerOf.values()).contains("G06", "G15", "G17");

        // 1. forwarded, each to the ministry that handles its procedure, and to no other
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            for (String code : ministryCodes) {
                JsonNode d = getJson("/api/v1/dossiers/" + enc(code));
                assertThat(d.path("deliveries")).as(code).isNotEmpty().allSatisfy(x -> {
                    assertThat(x.path("target").asText()).isEqualTo("ministry-" + handlerOf.get(code));
                    assertThat(x.path("state").asText()).isEqualTo("DELIVERED");
                });
            }
        });
        for (String code : ministryCodes) {
            for (String m : MINISTRIES) {
                assertThat(get("/sim/ministry-" + m + "/_control/dossiers/" + enc(code)).statusCode())
                        .as(code + " at " + m).isEqualTo(m.equals(handlerOf.get(code)) ? 200 : 404);
            }
        }

        // 2. the ministries process them to the end (a dossier moves at most one step per second there)
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(1100)).until(() -> {
            int remaining = 0;
            for (String m : MINISTRIES) {
                remaining += postForJson("/sim/ministry-" + m + "/_control/advance", "{}").path("remaining").asInt();
            }
            return remaining == 0;
        });

        // 3. progress, status and results are written back into the province system
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String t = provinceToken();
            for (String code : ministryCodes) {
                JsonNode atMinistry = getJson("/sim/ministry-" + handlerOf.get(code) + "/_control/dossiers/" + enc(code));
                JsonNode atProvince = provinceDossier(code, t);
                assertThat(atProvince.path("dossierStatus").path("id").asText()).as("province status of " + code)
                        .isEqualTo(provinceStatusId(atMinistry.path("item").path("TrangThaiHoSo").asText()));
                List<String> provinceSteps = new ArrayList<>();
                atProvince.path("processes").forEach(p -> provinceSteps.add(p.path("content").asText()));
                atMinistry.path("steps").forEach(s -> assertThat(provinceSteps).as("steps of " + code).contains(s.path("NoiDungXuLy").asText()));
                assertThat(atProvince.path("results").size()).as("results of " + code)
                        .isGreaterThanOrEqualTo(atMinistry.path("item").path("DanhSachGiayToKetQua").size());
                assertThat(atMinistry.path("item").path("TrangThaiHoSo").asText()).as("ministry status of " + code).isIn("8", "10");
            }
        });

        // 4. procedures whose ministry is not live stay on the province path to the portal (1.004601: VHTTDL from 2027-07-01)
        long notYetLive = provinceCodes.stream().filter(c -> provinceDossier(c, provinceToken()).path("procedure").path("code").asText()
                .startsWith("1.004601")).count();
        assertThat(notYetLive).as("dossiers of the procedure whose ministry goes live in 2027").isPositive();
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            for (String code : provinceCodes) {
                JsonNode d = getJson("/api/v1/dossiers/" + enc(code));
                assertThat(d.path("deliveries")).as(code).isNotEmpty()
                        .allSatisfy(x -> assertThat(x.path("target").asText()).isIn("dvcqg", "emc"));
            }
        });

        // 5. exactly once, in order, everywhere
        for (String m : MINISTRIES) {
            JsonNode ledger = getJson("/sim/ministry-" + m + "/_control/ledger");
            assertThat(ledger.path("appliedDuplicates").asLong()).as(m + " " + ledger).isZero();
            assertThat(ledger.path("rejected").asLong()).as(m + " " + ledger).isZero();
            assertThat(ledger.path("outOfOrder").asLong()).as(m + " " + ledger).isZero();
            long forwarded = handlerOf.values().stream().filter(m::equals).count();
            assertThat(ledger.path("dossiers").asLong()).as(m).isEqualTo(forwarded);
            // forwarded once each: the progress written back into the province is not sent to the ministry again
            assertThat(ledger.path("applied").asLong()).as(m + " " + ledger).isEqualTo(forwarded);
        }
        JsonNode province = getJson("/sim/province/_control/ledger");
        assertThat(province.path("appliedDuplicates").asLong()).as(province.toString()).isEqualTo(provinceDuplicatesBefore);
        assertThat(province.path("outOfOrder").asLong()).as(province.toString()).isZero();
        assertThat(getJson("/sim/coordination/_control/ledger").path("received").asLong()).as("coordination look-ups during this test")
                .isGreaterThan(coordinationBefore);
        JsonNode partners = getJson("/api/v1/partners");
        assertThat(partners.has("ministry-G06") && partners.has("ministry-G15") && partners.has("ministry-G17")).as(partners.toString()).isTrue();
        assertThat(partners.path("province").path("delivered").asLong()).as("write-backs").isPositive();
        assertThat(partners.path("coordination").path("role").asText()).isEqualTo("source");
        // the coordination system's copy of the progress arrives too, and adds nothing twice
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(getJson("/api/v1/dossiers/" + enc(ministryCodes.get(0)))
                .path("views")).extracting(v -> v.path("source").asText()).contains("province", "ministry-" + handlerOf.get(ministryCodes.get(0)),
                        "coordination"));
        // per-dossier reads and write-backs share one HTTP endpoint per partner origin (all partners are on this port here)
        assertThat(camel.getEndpoints()).filteredOn(e -> e.getEndpointUri().startsWith("http"))
                .extracting(Endpoint::getEndpointUri).hasSizeLessThanOrEqualTo(2);
    }

    /** The ministry (Gnn) that handles a province-local procedure code, per mappings/catalogue/routing.csv. */
    static String expectedMinistry(String localCode) {
        String national = localCode.substring(0, 8);
        return switch (national) {
            case "1.011801", "1.011802", "2.002811" -> "G06";
            case "2.001501", "1.001502" -> "G15";
            case "1.009701", "1.009702" -> "G17";
            default -> throw new AssertionError("not a ministry procedure: " + localCode);
        };
    }

    static String provinceStatusId(String portalStatus) {
        return String.valueOf(Integer.parseInt(portalStatus) - 1);
    }

    static List<String> codes(JsonNode generated) {
        List<String> codes = new ArrayList<>();
        generated.path("codes").forEach(c -> codes.add(c.asText()));
        return codes;
    }

}
