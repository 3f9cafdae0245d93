package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.tthc.hub.sim.dvcqg.DvcqgSimController;

/**
 * Partner health, in a hub of its own with the portal's production retry policy (5 s, ×2, up to 10 min: the backoff
 * the circuit must spare a recovered portal from) and a fast circuit (the production threshold of 10 failures in a row, a probe every 2 s):
 * <ul>
 *   <li>S9, short: the portal down 20 s while dossiers keep coming. The circuit opens; while it is open at most one
 *       probe per interval reaches the portal; when it answers again the backlog is delivered within seconds (not
 *       after the deliveries' backoff), at ≥ 80 % of the rate before the outage;</li>
 *   <li>the portal answering 503 to 30 % of calls: every version of 300 dossiers is at the portal within 180 s of its
 *       intake, 99 % within 60 s (intake and delivery times from the hub's own records).</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PartnerHealthTest {
    static final int PORT = HubTestBase.freePort();
    static final Path DATA = HubTestBase.tempDir("tthc-hub-health");
    static final Duration OPEN = Duration.ofSeconds(2);

    @Autowired
    Environment env;
    @Autowired
    NamedParameterJdbcTemplate jdbc;
    @Autowired
    DvcqgSimController portalSim;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("server.port", () -> PORT);
        r.add("camel.main.name", () -> "tthc-hub-health");
        r.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("db/hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        r.add("spring.artemis.embedded.data-directory", () -> DATA.resolve("artemis").toString());
        r.add("hub.relay.period", () -> "50");
        // nothing pulled, nothing ticking: only the dossiers this test pushes move
        String never = "0 0 0 1 1 ? 2099";
        r.add("hub.partners.province.pull-cron", () -> never);
        r.add("hub.coordination.pull-cron", () -> never);
        for (String m : new String[] {"G06", "G15", "G17"}) {
            r.add("hub.ministries." + m + ".pull-cron", () -> never);
        }
        r.add("hub.sim.province.tick-ms", () -> "0");
        r.add("hub.sim.ministry.tick-ms", () -> "0");
        r.add("hub.alerts.enabled", () -> "false");
        // the portal: production retry policy (not overridden), a fast circuit
        r.add("hub.partners.dvcqg.circuit.open-duration", () -> OPEN.toMillis() + "ms");
        r.add("hub.partners.emc.retry.initial-delay", () -> "100ms");
        r.add("hub.partners.emc.retry.max-delay", () -> "1s");
        r.add("camel.component.http.response-timeout", () -> "3000");
        r.add("camel.component.http.so-timeout", () -> "3000");
        TestUsers.register(r, DATA);
        r.add("hub.catalogue-dir", () -> CatalogueTestFiles.copyInto(DATA).toString());
    }

    @AfterEach
    void calm() {
        post("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
    }

    @Test
    void aPortalDownIsProbedOnceAnIntervalAndItsBacklogDrainsWithinSecondsOfItsReturn() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> openToPortal() == 0);
        List<String> codes = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean feeding = new AtomicBoolean(true);
        // a steady intake of 8 dossiers a second for the whole test (the S0 load)
        Thread feeder = new Thread(() -> {
            while (feeding.get()) {
                long t = System.nanoTime();
                codes.add(pushNew());
                sleepUntil(t + 125_000_000L);
            }
        }, "feeder");
        feeder.start();
        try {
            Thread.sleep(8_000);
            Instant baselineFrom = Instant.now().minusSeconds(6);
            Instant baselineTo = Instant.now();
            double s0 = deliveredToPortal(baselineFrom, baselineTo) / 6.0;
            post("/sim/dvcqg/_control/faults", "{\"errorRate\":1}");
            Instant down = Instant.now();
            await().atMost(Duration.ofSeconds(10)).until(() -> "open".equals(circuit()) || "half-open".equals(circuit()));
            Instant opened = Instant.now();
            long requestsBefore = portalSim.simulator().ledger().requestCount();
            long attemptsBefore = attemptsToPortal();
            Thread.sleep(20_000 - Duration.between(down, opened).toMillis());
            long probes = attemptsToPortal() - attemptsBefore;
            long requests = portalSim.simulator().ledger().requestCount() - requestsBefore;
            double openSeconds = Duration.between(opened, Instant.now()).toMillis() / 1000.0;
            post("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
            Instant up = Instant.now();
            long waiting = openToPortal();
            System.out.printf("S9-short: S0 %.1f/s; portal down %d ms until the circuit opened, then %.1f s open: %d attempts, "
                    + "%d portal requests; %d deliveries waiting at recovery%n", s0, Duration.between(down, opened).toMillis(),
                    openSeconds, probes, requests, waiting);
            // at most one probe per open interval (and a probe is one call, or a log-in and a call)
            long intervals = (long) Math.ceil(openSeconds * 1000 / OPEN.toMillis()) + 1;
            assertThat(probes).as("attempts while the circuit was open").isLessThanOrEqualTo(intervals);
            assertThat(requests).as("portal requests while the circuit was open").isLessThanOrEqualTo(2 * intervals);
            assertThat(waiting).as("a backlog built up").isGreaterThan(100);

            // the backlog drains within seconds of the portal's return, not after its backoff
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> openToPortal() < 20);
            double drained = Duration.between(up, Instant.now()).toMillis() / 1000.0;
            // the rate over 3-s windows from the recovery on
            double bestRate = 0;
            Instant firstAt80 = null;
            for (int s = 0; s + 3 <= 30; s++) {
                Instant from = up.plusSeconds(s);
                double rate = deliveredToPortal(from, from.plusSeconds(3)) / 3.0;
                bestRate = Math.max(bestRate, rate);
                if (firstAt80 == null && rate >= 0.8 * s0) {
                    firstAt80 = from;
                }
            }
            System.out.printf("S9-short: backlog of %d drained %.1f s after recovery; draining at >= 80 %% of S0 from +%s s; "
                    + "best 3-s rate %.1f/s (S0 %.1f/s)%n", waiting, drained,
                    firstAt80 == null ? "never" : Duration.between(up, firstAt80).toSeconds(), bestRate, s0);
            assertThat(firstAt80).as("draining at >= 80 % of the S0 rate within 30 s of recovery").isNotNull();
            assertThat(Duration.between(up, firstAt80)).isLessThanOrEqualTo(Duration.ofSeconds(27));
            assertThat(drained).as("seconds until the backlog was delivered").isLessThan(15);
        } finally {
            feeding.set(false);
            feeder.join();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> openToPortal() == 0);
        assertThat(circuit()).isEqualTo("closed");
        JsonNode ledger = get("/sim/dvcqg/_control/ledger");
        assertThat(ledger.path("appliedDuplicates").asLong()).as(ledger.toString()).isZero();
        assertThat(ledger.path("outOfOrder").asLong()).as(ledger.toString()).isZero();
        // nothing dead: deferred while the circuit was open is not an attempt
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE target = 'dvcqg' AND state = 'DEAD'", Map.of(), Long.class))
                .isZero();
        // the metrics (hub_partner_circuit_state and hub_partner_circuit_opens_total in Prometheus)
        assertThat(get("/actuator/metrics/hub.partner.circuit.state?tag=target:dvcqg").path("measurements").get(0).path("value").asDouble())
                .isZero();
        assertThat(get("/actuator/metrics/hub.partner.circuit.opens?tag=target:dvcqg").path("measurements").get(0).path("value").asDouble())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void atThirtyPercentErrorsEveryVersionOf300DossiersIsAtThePortalWithin180SecondsOfItsIntake99PercentWithin60() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> openToPortal() == 0);
        post("/sim/dvcqg/_control/faults", "{\"errorRate\":0.3}");
        Instant start = Instant.now();
        List<String> codes = new ArrayList<>();
        ConcurrentLinkedQueue<ObjectNode> second = new ConcurrentLinkedQueue<>();
        // 300 dossiers at about 12 a second; every third one gets a second version a little later
        for (int i = 0; i < 300; i++) {
            long t = System.nanoTime();
            ObjectNode d = WebhookIntakeTest.sample();
            assertThat(push(d).statusCode()).isEqualTo(202);
            codes.add(d.get("nationCode").asText());
            if (i % 3 == 0) {
                second.add(d);
            }
            if (i % 3 == 2 && !second.isEmpty()) {
                ObjectNode v2 = second.poll();
                assertThat(push(secondVersion(v2)).statusCode()).isEqualTo(202);
            }
            sleepUntil(t + 80_000_000L);
        }
        for (ObjectNode v2; (v2 = second.poll()) != null; ) {
            assertThat(push(secondVersion(v2)).statusCode()).isEqualTo(202);
        }
        Instant intakeDone = Instant.now();
        MapSqlParameterSource p = new MapSqlParameterSource("codes", codes);
        await().atMost(Duration.ofSeconds(200)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM delivery WHERE target = 'dvcqg' AND dossier_code IN (:codes) AND state <> 'DELIVERED'", p, Long.class) == 0);
        Instant allDone = Instant.now();
        post("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
        List<Long> latencies = jdbc.query("""
                SELECT v.received_at, d.delivered_at, d.attempts FROM delivery d JOIN dossier_version v ON v.source = d.source
                  AND v.dossier_code = d.dossier_code AND v.version = d.version
                WHERE d.target = 'dvcqg' AND d.dossier_code IN (:codes)""", p,
                (rs, n) -> rs.getTimestamp("delivered_at").getTime() - rs.getTimestamp("received_at").getTime());
        Collections.sort(latencies);
        int versions = latencies.size();
        long p99 = latencies.get((int) Math.ceil(versions * 0.99) - 1);
        long p50 = latencies.get(versions / 2);
        long max = latencies.get(versions - 1);
        long over60 = latencies.stream().filter(l -> l > 60_000).count();
        Long maxAttempts = jdbc.queryForObject("SELECT MAX(attempts) FROM delivery WHERE target = 'dvcqg' AND dossier_code IN (:codes)", p,
                Long.class);
        System.out.printf("30 %% 503s: %d versions of %d dossiers, intake %.1f s, all at the portal %.1f s after the start; "
                        + "intake to portal: median %d ms, p99 %d ms, max %d ms, %d over 60 s; most attempts %d%n", versions, codes.size(),
                Duration.between(start, intakeDone).toMillis() / 1000.0, Duration.between(start, allDone).toMillis() / 1000.0, p50, p99,
                max, over60, maxAttempts);
        assertThat(versions).isEqualTo(400);
        assertThat(max).as("every version at the portal within 180 s of its intake").isLessThanOrEqualTo(180_000);
        assertThat(p99).as("99 % within 60 s").isLessThanOrEqualTo(60_000);
        JsonNode ledger = get("/sim/dvcqg/_control/ledger");
        assertThat(ledger.path("appliedDuplicates").asLong()).as(ledger.toString()).isZero();
        assertThat(ledger.path("outOfOrder").asLong()).as(ledger.toString()).isZero();
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** The next revision of a dossier, with other content (a later appointment date). */
    static ObjectNode secondVersion(ObjectNode d) {
        d.put("revision", d.get("revision").asLong() + 1);
        d.put("updatedDate", OffsetDateTime.parse(d.get("updatedDate").asText()).plusMinutes(5).toString());
        d.put("appointmentDate", OffsetDateTime.parse(d.get("appointmentDate").asText()).plusDays(1).toString());
        return d;
    }

    String circuit() {
        return get("/api/v1/partners").path("dvcqg").path("circuit").asText();
    }

    long deliveredToPortal(Instant from, Instant to) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE target = 'dvcqg' AND delivered_at >= :from AND delivered_at < :to",
                new MapSqlParameterSource("from", java.sql.Timestamp.from(from)).addValue("to", java.sql.Timestamp.from(to)), Long.class);
    }

    long openToPortal() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE target = 'dvcqg' AND state IN ('PENDING', 'FAILED')", Map.of(),
                Long.class);
    }

    long attemptsToPortal() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id WHERE d.target = 'dvcqg'",
                Map.of(), Long.class);
    }

    String pushNew() {
        try {
            ObjectNode d = WebhookIntakeTest.sample();
            HttpResponse<String> r = push(d);
            if (r.statusCode() != 202) {
                throw new AssertionError("push answered " + r.statusCode() + ": " + r.body());
            }
            return d.get("nationCode").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> push(ObjectNode d) {
        byte[] body = d.toString().getBytes(StandardCharsets.UTF_8);
        return HubTestBase.send(HttpRequest.newBuilder(URI.create(url("/api/v1/intake/province"))).header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HubTestBase.hmac(env.getProperty("hub.partners.province.webhook-secret"), body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    static void sleepUntil(long nanoTime) {
        long ms = (nanoTime - System.nanoTime()) / 1_000_000;
        if (ms > 0) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    static JsonNode get(String path) {
        return HubTestBase.readJson(getText(path));
    }

    static String getText(String path) {
        HttpResponse<String> r = HubTestBase.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", TestUsers.BASIC).build());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    static void post(String path, String body) {
        HttpResponse<String> r = HubTestBase.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", TestUsers.BASIC)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
    }
}
