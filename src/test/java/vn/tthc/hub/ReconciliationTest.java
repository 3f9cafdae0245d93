package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * S10 short profile: dossiers delivered everywhere, then drift of every kind seeded (the portal forgets some, rolls
 * some back, the province changes some without telling the hub, a delivery DEAD, one stuck); a reconciliation over
 * exactly their window finds all of it and nothing else among them, heals what the normal path can, and a second run
 * right after finds only what needs a person.
 */
class ReconciliationTest extends HubTestBase {
    private static final String PULL_ROUTE = "province-in-pull";
    private static final List<String> NDXP_PULLS = List.of("ministry-g06-in-pull", "ministry-g15-in-pull", "ministry-g17-in-pull",
            "coordination-in-pull");

    @Autowired
    CamelContext camel;
    @Autowired
    NamedParameterJdbcTemplate jdbc;

    @Test
    void seededDriftIsFoundHealedAndGoneOnTheNextRun() throws Exception {
        Instant t0 = Instant.now().minusMillis(500);
        List<String> codes = new ArrayList<>();
        postForJson("/sim/province/_control/generate", "{\"count\":10,\"seed\":80810,\"procedures\":\"province\"}").get("codes")
                .forEach(c -> codes.add(c.asText()));
        // a second version each, so that the portal has an earlier status to roll back to
        postForJson("/sim/province/_control/advance", json(Map.of("codes", codes)));
        String token = provinceToken();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String code : codes) {
                assertInSync(code, token);
            }
        });

        String dead = null;
        String stuck = null;
        camel.getRouteController().suspendRoute(PULL_ROUTE);
        try {
            Set<String> dropped = codesOf(postForJson("/sim/dvcqg/_control/drift", json(Map.of("drop", 2, "among", codes.subList(0, 2)))));
            Set<String> stale = codesOf(postForJson("/sim/dvcqg/_control/drift", json(Map.of("stale", 2, "among", codes.subList(2, 4)))));
            Set<String> hidden = codesOf(postForJson("/sim/province/_control/drift", json(Map.of("hidden", 2, "among", codes.subList(4, 8)))));
            assertThat(dropped).hasSize(2);
            assertThat(stale).hasSize(2);
            assertThat(hidden).hasSize(2);
            List<String> untouched = new ArrayList<>(codes);
            untouched.removeAll(dropped);
            untouched.removeAll(stale);
            untouched.removeAll(hidden);
            dead = untouched.get(0);
            stuck = untouched.get(1);
            Set<String> altered = codesOf(postForJson("/sim/dvcqg/_control/drift", json(Map.of("alter", 1, "among", List.of(untouched.get(2))))));
            assertThat(altered).hasSize(1);
            seedLatestPortalDelivery(dead, "DEAD", Instant.now());
            seedLatestPortalDelivery(stuck, "FAILED", Instant.now().minus(Duration.ofDays(1)));

            Set<String> expected = new TreeSet<>();
            dropped.forEach(c -> expected.add(c + " missingAtTarget dvcqg"));
            stale.forEach(c -> expected.add(c + " statusMismatch dvcqg"));
            hidden.forEach(c -> expected.add(c + " missingInHub -"));
            altered.forEach(c -> expected.add(c + " contentMismatch dvcqg"));
            expected.add(dead + " deadLettered dvcqg");
            expected.add(stuck + " stuck dvcqg");

            JsonNode first = reconcile(t0, Instant.now());
            assertThat(first.get("state").asText()).isEqualTo("DONE");
            assertThat(iterable(first.get("counts").fieldNames())).containsExactlyInAnyOrder("missingAtTarget", "missingInHub",
                    "statusMismatch", "contentMismatch", "stuck", "deadLettered", "checked");
            assertThat(first.get("counts").get("checked").asLong()).isGreaterThanOrEqualTo(codes.size());
            assertThat(first.get("unchecked").toString()).contains("emc: no look-up");
            List<JsonNode> rows = differencesOf(first.get("id").asLong(), new HashSet<>(codes));
            // 100 % found, 0 false positives among this test's dossiers
            assertThat(keys(rows)).containsExactlyInAnyOrderElementsOf(expected);
            for (JsonNode r : rows) {
                boolean healable = !Set.of(dead, stuck).contains(r.get("dossierCode").asText());
                assertThat(r.get("healed").asBoolean()).as(r.toString()).isEqualTo(healable);
            }
            assertThat(first.get("healed").asLong()).isGreaterThanOrEqualTo(7);
            // what could not be healed (the DEAD and the stuck delivery) is mailed: one alert for the run and the portal
            String run = first.get("id").asText();
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<JsonNode> alerts = new ArrayList<>();
                getJson("/api/v1/alerts?limit=1000").forEach(a -> {
                    if (a.path("incidentKey").asText().contains("reconciliation-" + run)) {
                        alerts.add(a);
                    }
                });
                assertThat(alerts).isNotEmpty();
                // sent, or held back by the per-recipient throttle when the shared test hub has mailed a lot: one incident either way
                assertThat(alerts).extracting(a -> a.path("partner").asText() + " " + a.path("incidentId").asText()).hasSizeBetween(1, 2)
                        .containsOnly("dvcqg " + alerts.get(0).path("incidentId").asText());
                assertThat(alerts.get(0).path("dossiers").asInt()).isGreaterThanOrEqualTo(2);
            });

            // healed through the normal path: every dossier but the two left for a person ends consistent
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                for (String code : codes) {
                    if (!Set.of(untouched.get(0), untouched.get(1)).contains(code)) {
                        assertInSync(code, token);
                    }
                }
            });

            JsonNode second = reconcile(t0, Instant.now());
            assertThat(keys(differencesOf(second.get("id").asLong(), new HashSet<>(codes))))
                    .containsExactlyInAnyOrder(dead + " deadLettered dvcqg", stuck + " stuck dvcqg");

            HttpResponse<String> csv = get("/api/v1/reconciliations/" + first.get("id").asLong() + "/export?format=csv");
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
            assertThat(csv.body()).contains("dossierCode").contains(dead).contains("missingInHub");
            HttpResponse<byte[]> xlsx = HTTP.send(request("/api/v1/reconciliations/"
                    + first.get("id").asLong() + "/export?format=xlsx").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(xlsx.statusCode()).isEqualTo(200);
            assertThat(new String(xlsx.body(), 0, 2)).isEqualTo("PK");
            assertThat(getJson("/api/v1/reconciliations").findValuesAsText("id")).contains(first.get("id").asText(),
                    second.get("id").asText());
        } finally {
            camel.getRouteController().resumeRoute(PULL_ROUTE);
            if (dead != null) {
                seedLatestPortalDelivery(dead, "DELIVERED", Instant.now());
                seedLatestPortalDelivery(stuck, "DELIVERED", Instant.now());
            }
        }
    }

    /**
     * Every pull source is listed and the province write-back is looked up: ministry dossiers processed and written back
     * to the province, then a ministry changes two of them without telling the hub (dated behind its pull watermark; the
     * coordination system mirrors the change) and the province loses the latest write-back of two others; a run finds
     * exactly that — missing in the hub from the ministry and from the coordination system, status mismatch at the
     * province for both sources' deliveries — heals it through intake and the write-back, and the next run finds nothing.
     */
    @Test
    void ministryHiddenChangesAndLostWriteBacksAreFoundHealedAndGoneOnTheNextRun() throws Exception {
        long duplicatesBefore = getJson("/sim/province/_control/ledger").path("appliedDuplicates").asLong();
        Instant t0 = Instant.now().minusMillis(500);
        List<String> codes = MinistryFlowTest.codes(postForJson("/sim/province/_control/generate",
                "{\"count\":9,\"seed\":2026,\"procedures\":\"ministry\"}"));
        String token = provinceToken();
        Map<String, String> handlerOf = new java.util.HashMap<>();
        for (String code : codes) {
            handlerOf.put(code, MinistryFlowTest.expectedMinistry(provinceDossier(code, token).path("procedure").path("code").asText()));
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String code : codes) {
                assertThat(getJson("/sim/ministry-" + handlerOf.get(code) + "/_control/dossiers/" + enc(code)).path("revision").asInt())
                        .as(code + " forwarded").isPositive();
            }
        });
        // two steps each at its ministry (a dossier moves at most one step per second there), then written back to the province
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(1100)).until(() -> {
            for (String m : MinistryFlowTest.MINISTRIES) {
                postForJson("/sim/ministry-" + m + "/_control/advance", "{\"max\":1000}");
            }
            return codes.stream().allMatch(c -> getJson("/sim/ministry-" + handlerOf.get(c) + "/_control/dossiers/" + enc(c))
                    .path("steps").size() >= 2);
        });
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String code : codes) {
                assertMinistryDossierInSync(code, handlerOf.get(code), token);
            }
        });

        for (String route : NDXP_PULLS) {
            camel.getRouteController().suspendRoute(route);
        }
        try {
            Map<String, String> hidden = new java.util.TreeMap<>();
            for (String m : MinistryFlowTest.MINISTRIES) {
                List<String> ofM = codes.stream().filter(c -> m.equals(handlerOf.get(c))).toList();
                if (hidden.size() < 2 && !ofM.isEmpty()) {
                    codesOf(postForJson("/sim/ministry-" + m + "/_control/drift", json(Map.of("hidden", 2 - hidden.size(), "among", ofM))))
                            .forEach(c -> hidden.put(c, m));
                }
            }
            assertThat(hidden).hasSize(2);
            List<String> others = codes.stream().filter(c -> !hidden.containsKey(c)).toList();
            Set<String> stale = codesOf(postForJson("/sim/province/_control/drift", json(Map.of("staleWriteBack", 2, "among", others))));
            assertThat(stale).hasSize(2);

            Set<String> expected = new TreeSet<>();
            hidden.forEach((c, m) -> {
                expected.add(c + " missingInHub - ministry-" + m);
                expected.add(c + " missingInHub - coordination");
            });
            stale.forEach(c -> expected.add(c + " statusMismatch province ministry-" + handlerOf.get(c)));
            // the coordination system's delivery of the same dossier is looked up after the ministry's (sources are listed
            // in turn), by which time the ministry's heal may have written the lost progress back: found, or already healed
            Set<String> possible = new TreeSet<>(expected);
            stale.forEach(c -> possible.add(c + " statusMismatch province coordination"));

            JsonNode first = reconcile(t0, Instant.now());
            assertThat(first.get("state").asText()).isEqualTo("DONE");
            // the write-back is looked up (no "province: no look-up"), and every look-up answered
            assertThat(first.get("unchecked").toString()).doesNotContain("province: ");
            List<JsonNode> rows = differencesOf(first.get("id").asLong(), new HashSet<>(codes));
            // 100 % found, 0 false positives among this test's dossiers, every one healed
            assertThat(keysWithSource(rows)).doesNotHaveDuplicates().containsAll(expected).isSubsetOf(possible);
            assertThat(rows).allSatisfy(r -> assertThat(r.get("healed").asBoolean()).as(r.toString()).isTrue());

            // healed through the normal path: the hidden steps stored and written back, the lost write-backs written again
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                for (String code : codes) {
                    assertMinistryDossierInSync(code, handlerOf.get(code), token);
                }
            });
            for (String code : hidden.keySet()) {
                JsonNode steps = getJson("/sim/ministry-" + hidden.get(code) + "/_control/dossiers/" + enc(code)).path("steps");
                String last = steps.get(steps.size() - 1).path("NoiDungXuLy").asText();
                assertThat(provinceDossier(code, token).path("processes").findValuesAsText("content")).as(code + " hidden step at the province")
                        .contains(last);
            }

            JsonNode second = reconcile(t0, Instant.now());
            assertThat(second.get("state").asText()).isEqualTo("DONE");
            assertThat(keysWithSource(differencesOf(second.get("id").asLong(), new HashSet<>(codes)))).isEmpty();
            // the lost steps were written again as first applications, nothing was applied twice
            assertThat(getJson("/sim/province/_control/ledger").path("appliedDuplicates").asLong()).isEqualTo(duplicatesBefore);
        } finally {
            for (String route : NDXP_PULLS) {
                camel.getRouteController().resumeRoute(route);
            }
        }
    }

    /**
     * The hub holds the ministry's revision from the ministry and from the coordination system and the province's
     * revision, every delivery is DELIVERED, and the province holds the ministry's status and every step of it.
     */
    private void assertMinistryDossierInSync(String code, String ministry, String token) {
        JsonNode at = getJson("/sim/ministry-" + ministry + "/_control/dossiers/" + enc(code));
        JsonNode province = provinceDossier(code, token);
        JsonNode hub = getJson("/api/v1/dossiers/" + enc(code));
        Map<String, JsonNode> views = new java.util.HashMap<>();
        hub.get("views").forEach(v -> views.put(v.get("source").asText(), v));
        long revision = at.get("revision").asLong();
        assertThat(views.get("ministry-" + ministry).get("version").asLong()).as(code + " ministry version in the hub").isEqualTo(revision);
        assertThat(views.get("coordination").get("version").asLong()).as(code + " coordination version in the hub").isEqualTo(revision);
        // a province revision that only rewrote what it held before (a lost write-back written again) is unchanged content
        // for the hub, which keeps its version: the province's view is judged by its status and a version not ahead of it
        assertThat(views.get("province").get("version").asLong()).as(code + " province version in the hub")
                .isLessThanOrEqualTo(province.get("revision").asLong());
        assertThat(views.get("province").get("status").asText()).as(code + " province status in the hub")
                .isEqualTo(at.path("item").path("TrangThaiHoSo").asText());
        for (JsonNode d : hub.get("deliveries")) {
            assertThat(d.get("state").asText()).as(code + " " + d).isEqualTo("DELIVERED");
        }
        assertThat(province.path("dossierStatus").path("id").asText()).as(code + " status at the province")
                .isEqualTo(MinistryFlowTest.provinceStatusId(at.path("item").path("TrangThaiHoSo").asText()));
        List<String> steps = province.path("processes").findValuesAsText("content");
        at.path("steps").forEach(s -> assertThat(steps).as(code + " steps at the province").contains(s.path("NoiDungXuLy").asText()));
    }

    @Test
    void badRequestsAreRefusedNamingTheField() {
        assertThat(postJson("/api/v1/reconciliations", "{\"from\":\"yesterday\"}").statusCode()).isEqualTo(400);
        assertThat(postJson("/api/v1/reconciliations", "{\"since\":\"2026-01-01T00:00:00Z\"}").body()).contains("since");
        assertThat(postJson("/api/v1/reconciliations", "{\"from\":\"2026-02-01T00:00:00Z\",\"to\":\"2026-01-01T00:00:00Z\"}")
                .statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/reconciliations/999999").statusCode()).isEqualTo(404);
        // the API's one refusal body
        JsonNode bad = readJson(postJson("/api/v1/reconciliations", "{\"heal\":\"yes\"}").body());
        assertThat(bad.path("error").asText()).isEqualTo("bad_request");
        assertThat(bad.path("field").asText()).isEqualTo("heal");
        assertThat(bad.path("message").asText()).startsWith("heal: ");
        assertThat(readJson(get("/api/v1/reconciliations/999999").body()).path("error").asText()).isEqualTo("not_found");
    }

    /** The hub holds the province's revision, every delivery of it is DELIVERED, and the portal holds its status. */
    private void assertInSync(String code, String token) {
        JsonNode province = provinceDossier(code, token);
        JsonNode hub = getJson("/api/v1/dossiers/" + code);
        assertThat(hub.get("version").asLong()).as(code + " version").isEqualTo(province.get("revision").asLong());
        boolean portal = false;
        for (JsonNode d : hub.get("deliveries")) {
            assertThat(d.get("state").asText()).as(code + " " + d).isEqualTo("DELIVERED");
            portal |= d.get("target").asText().equals("dvcqg") && d.get("version").asLong() == hub.get("version").asLong();
        }
        assertThat(portal).as(code + " delivered to the portal").isTrue();
        JsonNode held = getJson("/sim/dvcqg/_control/dossiers/" + enc(code));
        assertThat(held.get("item").get("TrangThaiHoSo").asText()).as(code + " at the portal").isEqualTo(hub.get("status").asText());
    }

    private void seedLatestPortalDelivery(String code, String state, Instant updatedAt) {
        jdbc.update("""
                UPDATE delivery SET state = :state, published = FALSE, next_attempt_at = :next, updated_at = :updated
                WHERE source = 'province' AND dossier_code = :code AND target = 'dvcqg'
                AND version = (SELECT MAX(version) FROM delivery WHERE source = 'province' AND dossier_code = :code AND target = 'dvcqg')""",
                new MapSqlParameterSource("state", state).addValue("code", code)
                        .addValue("next", Instant.now().plus(Duration.ofDays(2)).atOffset(java.time.ZoneOffset.UTC))
                        .addValue("updated", updatedAt.atOffset(java.time.ZoneOffset.UTC)));
    }

    private JsonNode reconcile(Instant from, Instant to) {
        JsonNode started = postForJson("/api/v1/reconciliations", json(Map.of("from", from.toString(), "to", to.toString())));
        long id = started.get("id").asLong();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> !getJson("/api/v1/reconciliations/" + id).get("state").asText().equals("RUNNING"));
        return getJson("/api/v1/reconciliations/" + id);
    }

    private List<JsonNode> differencesOf(long id, Set<String> among) {
        List<JsonNode> out = new ArrayList<>();
        getJson("/api/v1/reconciliations/" + id + "/differences?limit=10000").forEach(r -> {
            if (among.contains(r.get("dossierCode").asText())) {
                out.add(r);
            }
        });
        return out;
    }

    private static List<String> keys(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("dossierCode").asText() + " " + r.get("category").asText() + " "
                + (r.get("target").isNull() ? "-" : r.get("target").asText())).toList();
    }

    private static List<String> keysWithSource(List<JsonNode> rows) {
        return rows.stream().map(r -> r.get("dossierCode").asText() + " " + r.get("category").asText() + " "
                + (r.get("target").isNull() ? "-" : r.get("target").asText()) + " " + r.get("source").asText()).toList();
    }

    private static Set<String> codesOf(JsonNode answer) {
        Set<String> out = new TreeSet<>();
        answer.get("codes").forEach(c -> out.add(c.asText()));
        return out;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
