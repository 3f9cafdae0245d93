package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.tthc.hub.backfill.BackfillProperties;
import vn.tthc.hub.backfill.BackfillService;
import vn.tthc.hub.backfill.BackfillStore;
import vn.tthc.hub.sync.IntakeService;
import vn.tthc.hub.sync.PullRegistry;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * Back-fill of dossiers the hub was never told about (submitted long ago, no push, behind the pull
 * watermark): every one in the range reaches the portal once, through a job that survives being
 * killed half-way (its progress lost after a page was stored) and is resumed by a fresh instance;
 * bad requests are refused naming the field.
 */
class BackfillTest extends HubTestBase {
    @Autowired
    CamelContext camel;
    @Autowired
    BackfillStore store;
    @Autowired
    org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate jdbc;
    @Autowired
    PullRegistry pulls;
    @Autowired
    IntakeService intake;
    @Autowired
    TargetRegistry targets;
    @Autowired
    BackfillProperties props;
    @Autowired
    Clock clock;

    @AfterEach
    void restore() throws Exception {
        postForJson("/sim/province/_control/faults", "{\"pushEnabled\":true}");
        camel.getRouteController().resumeRoute("backfill-run-jobs");
    }

    @Test
    void aBackfillKilledHalfWayResumesAndEveryDossierReachesThePortalOnce() throws Exception {
        // the scheduled steps stay out of the way: this test drives the steps itself, 4 records each
        camel.getRouteController().suspendRoute("backfill-run-jobs");
        postForJson("/sim/province/_control/faults", "{\"pushEnabled\":false}");
        // the pull's watermark is recent (as on any hub that has been running): a dossier of today, caught by the pull
        String today = postForJson("/sim/province/_control/generate", "{\"count\":1,\"seed\":6160}").path("codes").get(0).asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/dossiers/" + enc(today)).statusCode() == 200);
        JsonNode generated = postForJson("/sim/province/_control/generate", "{\"count\":16,\"seed\":6161,\"ageDays\":300}");
        List<String> codes = new ArrayList<>();
        generated.path("codes").forEach(c -> codes.add(c.asText()));
        Instant from = Instant.now().minus(Duration.ofDays(301));
        Instant to = Instant.now().minus(Duration.ofDays(120)); // some of the generated dossiers are later: left out
        String token = provinceToken();
        List<String> inRange = new ArrayList<>();
        for (String code : codes) {
            Instant applied = OffsetDateTime.parse(provinceDossier(code, token).path("appliedDate").asText()).toInstant();
            if (!applied.isBefore(from) && applied.isBefore(to)) {
                inRange.add(code);
            }
            assertThat(get("/api/v1/dossiers/" + enc(code)).statusCode()).as("not known to the hub before the back-fill").isEqualTo(404);
        }
        assertThat(inRange).hasSizeGreaterThanOrEqualTo(4).hasSizeLessThan(codes.size());
        long before = getJson("/sim/dvcqg/_control/ledger").path("appliedDuplicates").asLong();

        JsonNode started = postForJson("/api/v1/backfills", json(java.util.Map.of("from", from.toString(), "to", to.toString(),
                "target", "dvcqg")));
        long id = started.path("id").asLong();
        int budget = props.getRecordsPerTick();
        props.setRecordsPerTick(4);
        try {
            BackfillService first = new BackfillService(store, pulls, intake, targets, props, clock);
            first.step();
            // killed after its second page was stored but before its progress was saved
            BackfillStore dying = spy(new BackfillStore(jdbc));
            doThrow(new IllegalStateException("killed")).when(dying).progress(anyLong(), any(), any(), any(), anyLong(), anyLong(),
                    anyLong(), any());
            new BackfillService(dying, pulls, intake, targets, props, clock).step();
            JsonNode half = getJson("/api/v1/backfills/" + id);
            assertThat(half.path("state").asText()).isEqualTo("RUNNING");
            assertThat(half.path("lastError").asText()).contains("killed");
            // a fresh instance (as after a restart) goes on from the stored position until the job is done
            BackfillService resumed = new BackfillService(store, pulls, intake, targets, props, clock);
            for (int i = 0; i < 10_000 && "RUNNING".equals(getJson("/api/v1/backfills/" + id).path("state").asText()); i++) {
                resumed.step();
            }
        } finally {
            props.setRecordsPerTick(budget);
        }
        JsonNode done = getJson("/api/v1/backfills/" + id);
        assertThat(done.path("state").asText()).as(done.toString()).isEqualTo("DONE");
        assertThat(done.path("synced").asLong()).isGreaterThanOrEqualTo(inRange.size());
        assertThat(done.path("done").asLong()).isPositive();
        assertThat(done.path("total").asLong()).isGreaterThanOrEqualTo(inRange.size());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String code : inRange) {
                JsonNode d = getJson("/api/v1/dossiers/" + enc(code));
                assertThat(d.path("views")).as(code).hasSize(1);
                assertThat(d.path("deliveries")).as(code).filteredOn(x -> x.path("target").asText().equals("dvcqg"))
                        .singleElement().satisfies(x -> assertThat(x.path("state").asText()).isEqualTo("DELIVERED"));
                assertThat(get("/sim/dvcqg/_control/dossiers/" + enc(code)).statusCode()).as("at the portal: " + code).isEqualTo(200);
            }
        });
        assertThat(getJson("/sim/dvcqg/_control/ledger").path("appliedDuplicates").asLong()).as("nothing applied twice")
                .isEqualTo(before);
        for (String code : codes) {
            if (!inRange.contains(code)) {
                HttpResponse<String> outside = get("/api/v1/dossiers/" + enc(code));
                assertThat(outside.statusCode()).as("outside the range: " + code + " " + outside.body() + " applied "
                        + provinceDossier(code, token).path("appliedDate").asText() + " range " + from + " " + to).isEqualTo(404);
            }
        }
        camel.getRouteController().resumeRoute("backfill-run-jobs");
        // once more, now on the scheduled steps and up to today: the dossiers already held store and send nothing new,
        // the later ones arrive too (and no dossier of this test is left unknown to the hub for other tests to stumble on)
        long again = postForJson("/api/v1/backfills", json(java.util.Map.of("from", from.toString(), "to", Instant.now().toString())))
                .path("id").asLong();
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(getJson("/api/v1/backfills/" + again).path("state").asText()));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String code : codes) {
                JsonNode deliveries = getJson("/api/v1/dossiers/" + enc(code)).path("deliveries");
                assertThat(deliveries).as(code).hasSize(2).allSatisfy(x -> assertThat(x.path("state").asText()).isEqualTo("DELIVERED"));
            }
        });
    }

    @Test
    void aBadRequestIsRefusedNamingEachField() {
        HttpResponse<String> r = postJson("/api/v1/backfills", "{\"from\":\"hôm qua\",\"to\":\"2026-01-01\",\"target\":\"dvcqg\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(readJson(r.body()).path("errors").get(0).path("field").asText()).isEqualTo("from");
        HttpResponse<String> order = postJson("/api/v1/backfills", "{\"from\":\"2026-01-01\",\"to\":\"2025-01-01\",\"target\":\"nowhere\"}");
        assertThat(order.statusCode()).isEqualTo(400);
        assertThat(readJson(order.body()).path("errors")).extracting(e -> e.path("field").asText() + "/" + e.path("rule").asText())
                .containsExactlyInAnyOrder("to/order", "target/unknown");
        assertThat(postJson("/api/v1/backfills", "{}").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/backfills/999999").statusCode()).isEqualTo(404);
    }
}
