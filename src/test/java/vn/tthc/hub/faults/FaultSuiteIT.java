package vn.tthc.hub.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The fault-injection suite of RELIABILITY.md, S0–S10, on the production shape: PostgreSQL, the Artemis distribution,
 * the partner simulators and two hub instances as their own processes ({@link Cluster}), NetCrusher between the hubs
 * and the database, the broker and the partners. Each scenario pushes signed webhooks to both hubs while it injects
 * its fault, waits until everything settled, and is counted at the ends ({@link Checker}). The short profile (every
 * {@code mvn verify}) runs each scenario at a small volume; {@code mvn -Pfaults verify} runs the long soak: ten times
 * the volume, and the faults' timing and targets drawn from {@code -Dfaults.seed}. The report is written after every
 * scenario to {@code target/faults/report.json} and {@code report.txt}; the invariants are asserted per scenario.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {
    static final boolean LONG = "long".equals(System.getProperty("faults.profile", "short"));
    static final long SEED = Long.getLong("faults.seed", 20261204L);
    /** Dossiers per second offered by the source; the long soak offers twice the rate for five times as long. */
    static final double RATE = LONG ? 20 : 10;
    static final int SECONDS = LONG ? 100 : 20;
    static final Path OUT = Path.of(System.getProperty("faults.out", "target/faults"));
    static final Random RANDOM = new Random(SEED);

    static Cluster cluster;
    static Checker checker;
    static final List<ScenarioResult> RESULTS = new ArrayList<>();
    static final Map<String, Object> RUN = new LinkedHashMap<>();
    /** -Dfaults.only=S1,S4: those scenarios (and S0, the baseline) only, e.g. while working on one. */
    static final Set<String> ONLY = Set.of(System.getProperty("faults.only", "").split(","));
    static double baselinePerSecond;
    static Set<String> baselineCodes = Set.of();

    @BeforeAll
    static void startTheShape() throws Exception {
        Map<String, String> hub = new LinkedHashMap<>();
        // a scheduled pull every 10 s: on exactly one of the two instances (Quartz clustered)
        hub.put("hub.partners.province.pull-cron", "0/10 * * * * ?");
        hub.put("hub.alerts.language", "vi");
        // S10's reconciliations look every dossier up at the portal: faster than production's 10 a second
        hub.put("hub.reconcile.lookups-per-second", "50");
        Map<String, String> sims = new LinkedHashMap<>();
        // only the suite's own dossiers move: the simulators make none of their own
        sims.put("hub.sim.province.tick-ms", "0");
        sims.put("hub.sim.ministry.tick-ms", "0");
        cluster = new Cluster(OUT.resolve("shape").toAbsolutePath(), Path.of(System.getProperty("faults.dist", "target/faults/dist")).toAbsolutePath(),
                hub, sims);
        Instant t = Instant.now();
        cluster.start();
        checker = new Checker(cluster);
        RUN.put("profile", LONG ? "long" : "short");
        RUN.put("seed", SEED);
        RUN.put("offeredDossiersPerSecond", RATE);
        RUN.put("startupSeconds", Duration.between(t, Instant.now()).toSeconds());
        RUN.put("shape", "PostgreSQL 17.6 (fsync, synchronous_commit on), Artemis 2.44 (persistent journal), simulators, 2 hubs (prod profile),"
                + " NetCrusher between hubs and database/broker/partners");
        System.out.printf("[faults] the shape is up in %s s (%s profile, seed %d)%n", RUN.get("startupSeconds"), RUN.get("profile"), SEED);
    }

    @AfterAll
    static void stopTheShape() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    // ---- S0 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(0)
    void s0Baseline() throws Exception {
        Source source = begin("S0");
        Instant t0 = Instant.now();
        Load load = Load.start(source, count(), RATE, Load.secondVersionEvery(3));
        load.await();
        Instant t1 = Instant.now();
        settle(source);
        baselineCodes = Set.copyOf(source.latest.keySet());
        // the steady delivery rate to the portal while the load ran (after its first 3 s)
        baselinePerSecond = checker.rate(baselineCodes, "dvcqg", t0.plusSeconds(3), t1);
        ScenarioResult r = finish("S0", "baseline", source, 0, null, Map.of("portalDeliveriesPerSecond", round(baselinePerSecond)));
        assertClean(r);
        assertThat(baselinePerSecond).isGreaterThan(0);
    }

    // ---- S1 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void s1PartnersFail20Percent() throws Exception {
        Source source = begin("S1");
        // 12 % 503, 3 % hang (longer than the hub's 15 s time-out), 2 % applied then the answer lost, 1 % permanent refusal
        // (the long soak draws the mix from the seed around the same 20 %)
        double errors = LONG ? 0.08 + RANDOM.nextDouble() * 0.08 : 0.12;
        double hangs = LONG ? 0.01 + RANDOM.nextDouble() * 0.04 : 0.03;
        String knobs = String.format(java.util.Locale.ROOT,
                "{\"errorRate\":%.3f,\"hangRate\":%.3f,\"dropAfterApplyRate\":0.02,\"hangMs\":16000,\"rejectRate\":0.01}", errors, hangs);
        cluster.simPost("/sim/dvcqg/_control/faults", knobs);
        cluster.simPost("/sim/emc/_control/faults", knobs.replace("\"rejectRate\":0.01", "\"rejectRate\":0"));
        Load load = Load.start(source, count(), RATE, Load.secondVersionEvery(3));
        // and 3 % of the partner connections reset: every connection cut every 2 s
        while (!load.done()) {
            Source.sleep(2_000);
            cluster.partnerLink.closeAllPairs();
        }
        load.await();
        Source.sleep(3_000);
        calmPartners();
        settle(source);
        long expected = checker.ledgerDelta("dvcqg", "rejected") + checker.ledgerDelta("emc", "rejected");
        ScenarioResult r = finish("S1", "partners fail 20 % (503, hangs, resets, lost answers) + 1 % 4xx", source, expected, null,
                Map.of("knobs", Cluster.read(knobs)));
        assertClean(r);
        assertThat(r.errorRecordsActual()).as("a dead letter for each permanent refusal").isEqualTo(r.errorRecordsExpected());
    }

    // ---- S1b: the 30 % case on the production shape --------------------------------------------------------

    @Test
    @Order(1)
    void s1bPortalAnswers503ToThirtyPercent() throws Exception {
        Source source = begin("S1b");
        cluster.simPost("/sim/dvcqg/_control/faults", "{\"errorRate\":0.3}");
        Load load = Load.start(source, LONG ? 3000 : 300, 12, Load.secondVersionEvery(3));
        load.await();
        settle(source);
        calmPartners();
        List<Long> latencies = checker.latenciesMs(source.latest.keySet(), "dvcqg");
        java.util.Collections.sort(latencies);
        int n = latencies.size();
        long p50 = latencies.get(n / 2);
        long p99 = latencies.get((int) Math.ceil(n * 0.99) - 1);
        long max = latencies.get(n - 1);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("versions", n);
        extra.put("intakeToPortalMsP50", p50);
        extra.put("intakeToPortalMsP99", p99);
        extra.put("intakeToPortalMsMax", max);
        ScenarioResult r = finish("S1b", "portal answers 503 to 30 % of calls", source, 0, null, extra);
        assertClean(r);
        assertThat(max).as("every version at the portal within 180 s of its intake").isLessThanOrEqualTo(180_000);
        assertThat(p99).as("99 % within 60 s").isLessThanOrEqualTo(60_000);
    }

    // ---- S2 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(2)
    void s2BrokerKilledThreeTimes() throws Exception {
        crashes("S2", "broker kill -9 three times", 3, () -> cluster.kill("artemis"));
    }

    // ---- S3 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(3)
    void s3DatabaseStoppedTwice() throws Exception {
        crashes("S3", "database immediate stop twice", 2, () -> {
            cluster.crashDatabase();
            Source.sleep(3_000);
        });
    }

    /**
     * A process crashed {@code times} during the load and restarted each time; the load goes on for 35 s after the last
     * restart (at least {@link #SECONDS} in all), and recovery is counted from that restart.
     */
    void crashes(String id, String title, int times, Crash crash) throws Exception {
        Source source = begin(id);
        Instant t0 = Instant.now();
        Load load = Load.start(source, Integer.MAX_VALUE, RATE, Load.secondVersionEvery(3));
        Instant lastUp = null;
        for (int k = 0; k < times; k++) {
            Source.sleep(at(k));
            crash.run();
            cluster.restore();
            lastUp = Instant.now();
        }
        load.endAt(later(lastUp.plusSeconds(35), t0.plusSeconds(SECONDS)));
        load.await();
        settle(source);
        Double recovery = checker.recoverySeconds(source.latest.keySet(), "dvcqg", lastUp, baselinePerSecond);
        assertClean(finish(id, title, source, 0, recovery, Map.of()));
    }

    interface Crash {
        void run() throws Exception;
    }

    // ---- S4 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(4)
    void s4HubKilledTwice() throws Exception {
        Source source = begin("S4");
        // the load runs through both kills and restarts, and 35 s past the second kill
        Instant t0 = Instant.now();
        Load load = Load.start(source, Integer.MAX_VALUE, RATE, Load.secondVersionEvery(3));
        Map<String, Object> extra = new LinkedHashMap<>();
        Instant lastDown = null;
        for (String victim : List.of("hub1", "hub2")) {
            Source.sleep(4_000);
            long attemptsBefore = attemptsBy(victim.equals("hub1") ? "hub2" : "hub1");
            long searchesBefore = checker.searches();
            cluster.kill(victim);
            Instant down = Instant.now();
            cluster.restore(); // the start of a JVM: the other instance carries the load meanwhile
            extra.put(victim + "DownSeconds", Duration.between(down, Instant.now()).toSeconds());
            extra.put("attemptsOfTheOtherWhile" + victim + "Down", attemptsBy(victim.equals("hub1") ? "hub2" : "hub1") - attemptsBefore);
            extra.put("scheduledPullsWhile" + victim + "Down", checker.searches() - searchesBefore);
            lastDown = down;
        }
        load.endAt(later(lastDown.plusSeconds(35), t0.plusSeconds(SECONDS)));
        load.await();
        settle(source);
        // I10 for a crash: the survivor alone back at >= 80 % of the two instances' baseline rate after the second kill
        Double recovery = checker.recoverySeconds(source.latest.keySet(), "dvcqg", lastDown, baselinePerSecond);
        ScenarioResult r = finish("S4", "hub kill -9 twice mid-flight", source, 0, recovery, extra);
        assertClean(r);
        assertThat((Long) extra.get("attemptsOfTheOtherWhilehub1Down")).as("hub2 carried on while hub1 was down").isPositive();
        assertThat((Long) extra.get("attemptsOfTheOtherWhilehub2Down")).as("hub1 carried on while hub2 was down").isPositive();
        assertThat((Long) extra.get("scheduledPullsWhilehub1Down")).as("the scheduled pull fired on the survivor").isPositive();
    }

    // ---- S5 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(5)
    void s5BrokerLinkFrozenAndATargetThrottled() throws Exception {
        Source source = begin("S5");
        cluster.simPost("/sim/emc/_control/faults", "{\"latencyMs\":300}");
        Instant t0 = Instant.now();
        Load load = Load.start(source, Integer.MAX_VALUE, RATE, Load.secondVersionEvery(3));
        Source.sleep(at(0));
        cluster.brokerLink.freeze();
        Source.sleep(10_000);
        cluster.brokerLink.unfreeze();
        Instant up = Instant.now();
        load.endAt(later(up.plusSeconds(35), t0.plusSeconds(SECONDS)));
        load.await();
        calmPartners();
        settle(source);
        Double recovery = checker.recoverySeconds(source.latest.keySet(), "dvcqg", up, baselinePerSecond);
        ScenarioResult r = finish("S5", "broker link frozen 10 s, EMC throttled (300 ms a call)", source, 0, recovery, Map.of());
        assertClean(r);
    }

    // ---- S6 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(6)
    void s6ThreeHundredMalformedInputs() throws Exception {
        Source source = begin("S6");
        int rounds = LONG ? 300 : 30; // ten kinds a round: 300 malformed inputs (3 000 in the long soak)
        Map<String, Long> wrongAnswers = new LinkedHashMap<>();
        long bad = 0;
        for (int i = 0; i < rounds; i++) {
            for (Malformed.Bad b : Malformed.round(source, i)) {
                int status = source.push(b.body(), b.contentType(), null);
                bad++;
                if (status != b.status()) {
                    wrongAnswers.merge(b.kind() + " answered " + status, 1L, Long::sum);
                }
            }
            ObjectNode valid = source.newDossier();
            assertThat(source.push(valid) / 100).isEqualTo(2);
        }
        settle(source);
        ScenarioResult r = finish("S6", bad + " malformed inputs of 10 kinds", source, bad, null, Map.of("wrongAnswers", wrongAnswers));
        assertClean(r);
        assertThat(wrongAnswers).as("each malformed input refused with its status").isEmpty();
        assertThat(r.details().get("quarantined")).as("exactly one error record per malformed input").isEqualTo(bad);
    }

    // ---- S7 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(7)
    void s7ResendsAndConflictingVersions() throws Exception {
        Source source = begin("S7");
        AtomicLong conflicts = new AtomicLong();
        Load load = Load.start(source, count(), RATE, (i, d) -> {
            List<ObjectNode> versions = new ArrayList<>(List.of(d));
            if (i % 20 == 7) {
                versions.add(d.deepCopy()); // 5 %: the same version sent again, unchanged
            }
            if (i % 100 == 13) {
                ObjectNode other = d.deepCopy(); // 1 %: the same version with another body: a conflict, kept as an error record
                other.put("summary", d.get("summary").asText() + " (sửa đổi)");
                versions.add(other);
                conflicts.incrementAndGet();
            }
            if (i % 3 == 0) {
                versions.add(Source.nextVersion(d));
            }
            return versions;
        });
        load.await();
        settle(source);
        ScenarioResult r = finish("S7", "5 % unchanged re-sends, 1 % same version other body", source, conflicts.get(), null, Map.of());
        assertClean(r);
        assertThat(r.details().get("quarantined")).as("one error record per conflicting version").isEqualTo(conflicts.get());
    }

    // ---- S8 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(8)
    void s8VersionsOutOfOrder() throws Exception {
        Source source = begin("S8");
        Load load = Load.start(source, count(), RATE, (i, d) -> {
            ObjectNode v2 = Source.nextVersion(d);
            ObjectNode v3 = Source.nextVersion(v2);
            return i % 50 == 11 ? List.of(d, v3, v2) : i % 3 == 0 ? List.of(d, v2) : List.of(d); // 2 %: v3 arrives before v2
        });
        load.await();
        settle(source);
        ScenarioResult r = finish("S8", "2 % versions out of order", source, 0, null, Map.of());
        assertClean(r);
    }

    // ---- S9 ------------------------------------------------------------------------------------------------------

    @Test
    @Order(9)
    void s9PortalDownSixtySeconds() throws Exception {
        Source source = begin("S9");
        long searchesBefore = checker.searches();
        Instant t0 = Instant.now();
        // the load runs through the outage and 30 s past it
        Load load = Load.start(source, (int) (RATE * (5 + 60 + 30)), RATE, Load.secondVersionEvery(3));
        Source.sleep(5_000);
        cluster.simPost("/sim/dvcqg/_control/faults", "{\"errorRate\":1}");
        Source.sleep(60_000);
        long backlog = checker.count("SELECT COUNT(*) FROM delivery WHERE target = 'dvcqg' AND state IN ('PENDING','FAILED') AND dossier_code = ANY(?)",
                source.latest.keySet());
        JsonNode partners = cluster.hubJson(0, "/api/v1/partners");
        String circuitWhileDown = partners.path("dvcqg").path("circuit").asText();
        cluster.simPost("/sim/dvcqg/_control/faults", "{\"errorRate\":0}");
        Instant up = Instant.now();
        load.await();
        Source.sleep(Math.max(0, 33_000 - Duration.between(up, Instant.now()).toMillis()));
        Double recovery = checker.recoverySeconds(source.latest.keySet(), "dvcqg", up, baselinePerSecond);
        double drain = 0;
        for (int s = 0; s + 3 <= 30; s++) {
            drain = Math.max(drain, checker.rate(source.latest.keySet(), "dvcqg", up.plusSeconds(s), up.plusSeconds(s + 3)));
        }
        long searches = checker.searches() - searchesBefore;
        double elapsed = Duration.between(t0, Instant.now()).toMillis() / 1000.0;
        settle(source);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("backlogAtRecovery", backlog);
        extra.put("bestDrainPerSecond", round(drain));
        extra.put("baselinePerSecond", round(baselinePerSecond));
        extra.put("circuitWhileDown", circuitWhileDown);
        extra.put("scheduledPulls", searches);
        extra.put("scheduledPullsExpected", Math.round(elapsed / 10));
        ScenarioResult r = finish("S9", "portal down 60 s, then back", source, 0, recovery, extra);
        assertClean(r);
        assertThat(circuitWhileDown).isEqualTo("open");
        assertThat(recovery).as("back at >= 80 % of the S0 rate within 30 s of the portal's return (backlog " + backlog + ")").isNotNull()
                .isLessThanOrEqualTo(30.0);
        // the pull every 10 s fired once per fire time across the two instances, not on both
        assertThat(searches).as("scheduled pulls in %.0f s on two instances", elapsed).isBetween(Math.round(elapsed / 10) - 2, Math.round(elapsed / 10) + 1);
    }

    // ---- S10 -----------------------------------------------------------------------------------------------------

    @Test
    @Order(10)
    void s10SeededDriftIsRepairedByReconciliation() throws Exception {
        Source source = begin("S10");
        // every dossier moves on to "waiting for additions" (a status of its own), so the portal can be rolled back to the earlier one
        Load.start(source, count(), RATE, (i, d) -> List.of(d, Source.withStatus(Source.nextVersion(d), "4", "Chờ bổ sung hồ sơ"))).await();
        settle(source);
        List<String> codes = new ArrayList<>(source.latest.keySet());
        java.util.Collections.shuffle(codes, RANDOM);
        int n = LONG ? 30 : 3;
        Set<String> seeded = new HashSet<>();
        seeded.addAll(drift("drop", n, codes.subList(0, 2 * n)));
        seeded.addAll(drift("stale", n, codes.subList(2 * n, 4 * n)));
        seeded.addAll(drift("alter", n, codes.subList(4 * n, 6 * n)));
        // the checker itself sees the seeded drift as loss (it counts at the portal, not in the hub)
        List<String> seenLost = checker.lost(source, Set.of(), Set.of());
        assertThat(seenLost).as("the checker counts every seeded drift as lost").hasSize(seeded.size());
        Instant from = checker.started.minusSeconds(5);
        JsonNode run = reconcile(from, Instant.now().plusSeconds(1));
        Set<String> found = new HashSet<>();
        for (JsonNode d : cluster.hubJson(0, "/api/v1/reconciliations/" + run.get("id").asLong() + "/differences?limit=10000")) {
            if (source.latest.containsKey(d.path("dossierCode").asText())) {
                found.add(d.path("dossierCode").asText());
            }
        }
        Set<String> missed = new HashSet<>(seeded);
        missed.removeAll(found);
        Set<String> falsePositives = new HashSet<>(found);
        falsePositives.removeAll(seeded);
        settle(source); // the healing deliveries
        JsonNode again = reconcile(from, Instant.now().plusSeconds(1));
        long after = 0;
        for (JsonNode d : cluster.hubJson(0, "/api/v1/reconciliations/" + again.get("id").asLong() + "/differences?limit=10000")) {
            if (source.latest.containsKey(d.path("dossierCode").asText())) {
                after++;
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("seededDrift", seeded.size());
        extra.put("lostBeforeRepair", seenLost.size());
        extra.put("found", found.size() - falsePositives.size());
        extra.put("missed", missed.size());
        extra.put("falsePositives", falsePositives.size());
        extra.put("differencesAfterRepair", after);
        ScenarioResult r = finish("S10", "seeded drift repaired by reconciliation", source, 0, null, extra);
        assertClean(r);
        assertThat(missed).as("drift not found").isEmpty();
        assertThat(falsePositives).as("differences where there was no drift").isEmpty();
        assertThat(after).as("differences after the repair").isZero();
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    Set<String> drift(String kind, int n, List<String> among) {
        Set<String> out = new HashSet<>();
        cluster.simPost("/sim/dvcqg/_control/drift", Cluster.JSON.createObjectNode().put(kind, n)
                .set("among", Cluster.JSON.valueToTree(among)).toString()).path("codes").forEach(c -> out.add(c.asText()));
        return out;
    }

    JsonNode reconcile(Instant from, Instant to) {
        var r = cluster.hub(0, "POST", "/api/v1/reconciliations", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        long id = Cluster.read(r.body()).get("id").asLong();
        long deadline = System.nanoTime() + Duration.ofMinutes(LONG ? 10 : 3).toNanos();
        JsonNode run;
        do {
            Source.sleep(500);
            run = cluster.hubJson(0, "/api/v1/reconciliations/" + id);
        } while (run.get("state").asText().equals("RUNNING") && System.nanoTime() < deadline);
        assertThat(run.get("state").asText()).as(run.toString()).isEqualTo("DONE");
        return run;
    }

    static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static int count() {
        return (int) (RATE * SECONDS);
    }

    /** When, within a scenario's load, its k-th fault comes: evenly spaced, jittered by the seed in the long soak. */
    static long at(int k) {
        long base = (SECONDS * 1000L) / 4;
        return LONG ? base / 2 + RANDOM.nextInt((int) base) : base;
    }

    long attemptsBy(String hub) throws Exception {
        return checker.scalar("SELECT COUNT(*) FROM delivery_attempt WHERE instance LIKE ?", hub + ":%");
    }

    Source begin(String scenario) throws Exception {
        Assumptions.assumeTrue(ONLY.contains("") || scenario.equals("S0") || ONLY.contains(scenario), "not in -Dfaults.only");
        // everything back as it should be before a scenario starts
        for (String p : List.of("artemis", "sims", "hub1", "hub2")) {
            if (!cluster.running(p)) {
                cluster.restore();
                break;
            }
        }
        calmPartners();
        checker.begin();
        return new Source(cluster);
    }

    void calmPartners() {
        for (String t : List.of("dvcqg", "emc")) {
            cluster.simPost("/sim/" + t + "/_control/faults", "{\"errorRate\":0,\"hangRate\":0,\"dropAfterApplyRate\":0,\"rejectRate\":0,\"latencyMs\":0}");
        }
    }

    void settle(Source source) throws Exception {
        long open = checker.awaitSettled(source.latest.keySet(), Duration.ofSeconds(LONG ? 600 : 240));
        if (open > 0) {
            System.out.printf("[faults] %d deliveries still open after the wait%n", open);
        }
    }

    ScenarioResult finish(String id, String title, Source source, long expectedErrors, Double recovery, Map<String, Object> extra) throws Exception {
        ScenarioResult r = checker.result(id, title, source, expectedErrors, recovery, extra);
        RESULTS.add(r);
        RUN.put("finishedAt", Instant.now().toString());
        ScenarioResult.write(OUT, RUN, RESULTS);
        System.out.println("[faults] " + Cluster.JSON.writeValueAsString(r));
        return r;
    }

    static void assertClean(ScenarioResult r) {
        assertThat(r.unacknowledged()).as(r.id() + ": pushes no hub acknowledged within 2 min").isZero();
        assertThat(r.lost()).as(r.id() + ": lost (I1) " + r.details().get("lostExamples")).isZero();
        assertThat(r.appliedDuplicates()).as(r.id() + ": applied duplicates (I2)").isZero();
        assertThat(r.unexpected()).as(r.id() + ": a state the source never sent (I3)").isZero();
        assertThat(r.orderingRegressions()).as(r.id() + ": ordering regressions (I4)").isZero();
        assertThat(r.stuck()).as(r.id() + ": open deliveries at the end (I6)").isZero();
        assertThat(r.piiCanaryHits()).as(r.id() + ": canary personal data in logs, mails or pages (I8)").isZero();
        assertThat(r.errorRecordsActual()).as(r.id() + ": error records (I5)").isEqualTo(r.errorRecordsExpected());
    }

    static double round(double d) {
        return Math.round(d * 10) / 10.0;
    }

    /** The source's load: dossiers started at a steady rate, each pushing its versions in order on its own task. */
    static final class Load {
        private final ExecutorService pool = Executors.newFixedThreadPool(32);
        private final List<Future<?>> tasks = new ArrayList<>();
        private final Thread starter;
        /** No new dossier from this System.nanoTime() on (see {@link #endAt}). */
        private volatile long endNanos = Long.MAX_VALUE;

        private Load(Source source, int dossiers, double perSecond, BiFunction<Integer, ObjectNode, List<ObjectNode>> plan) {
            starter = new Thread(() -> {
                long t0 = System.nanoTime();
                for (int i = 0; i < dossiers && System.nanoTime() < endNanos; i++) {
                    long due = t0 + (long) (i * 1e9 / perSecond);
                    long wait = (due - System.nanoTime()) / 1_000_000;
                    if (wait > 0) {
                        Source.sleep(wait);
                    }
                    List<ObjectNode> versions = plan.apply(i, source.newDossier());
                    synchronized (tasks) {
                        tasks.add(pool.submit(() -> {
                            for (int v = 0; v < versions.size(); v++) {
                                if (v > 0) {
                                    Source.sleep(300);
                                }
                                source.push(versions.get(v));
                            }
                        }));
                    }
                }
            }, "fault-load");
            starter.start();
        }

        static Load start(Source source, int dossiers, double perSecond, BiFunction<Integer, ObjectNode, List<ObjectNode>> plan) {
            return new Load(source, dossiers, perSecond, plan);
        }

        /** Every {@code n}-th dossier gets a second version. */
        static BiFunction<Integer, ObjectNode, List<ObjectNode>> secondVersionEvery(int n) {
            return (i, d) -> i % n == 0 ? List.of(d, Source.nextVersion(d)) : List.of(d);
        }

        /** Starts no new dossier after {@code end} (the ones started finish their versions). */
        void endAt(Instant end) {
            endNanos = System.nanoTime() + Duration.between(Instant.now(), end).toNanos();
        }

        boolean done() {
            if (starter.isAlive()) {
                return false;
            }
            synchronized (tasks) {
                return tasks.stream().allMatch(Future::isDone);
            }
        }

        void await() throws Exception {
            starter.join();
            List<Future<?>> all;
            synchronized (tasks) {
                all = List.copyOf(tasks);
            }
            for (Future<?> f : all) {
                f.get(5, TimeUnit.MINUTES);
            }
            pool.shutdown();
        }
    }
}
