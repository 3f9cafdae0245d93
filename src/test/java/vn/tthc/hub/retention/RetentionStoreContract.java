package vn.tthc.hub.retention;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.ManualClock;

/**
 * The retention pruner over its store, run unchanged on each supported database (V17 included): it never touches a
 * version with an open delivery (DEAD counts as open), the head of a dossier nor the latest version delivered to a
 * target; it keeps the largest days of a version's partners; it works in bounded blocks (block size 2, 5 candidates:
 * 3 blocks) and goes on where a run capped by max-blocks-per-run stopped; the archive holds exactly the pruned bodies,
 * their hashes matching; each run is recorded with its counts; a dry run changes nothing.
 */
abstract class RetentionStoreContract {
    static final Instant NOW = Instant.parse("2026-12-04T03:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    NamedParameterJdbcTemplate jdbc;
    RetentionStore store;
    TransactionTemplate tx;
    ManualClock clock;
    RetentionProperties props;
    @TempDir
    Path archiveDir;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        DataSource ds = dataSource();
        Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(ds);
        store = new RetentionStore(jdbc);
        tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        clock = new ManualClock(NOW);
        props = new RetentionProperties();
        props.setDefaultDays(90);
    }

    RetentionPruner pruner() {
        return new RetentionPruner(store, tx, props, clock);
    }

    // ---- fixtures -----------------------------------------------------------------------------------

    static String body(String code, long v) {
        return "{\"code\":\"" + code + "\",\"version\":" + v + ",\"summary\":\"Hồ sơ " + code + " phiên bản " + v + "\"}";
    }

    static String sha(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A dossier with versions 1..n received daysAgo[i] days ago; its head is n. */
    void dossier(String source, String code, int... daysAgo) throws Exception {
        int n = daysAgo.length;
        jdbc.update("""
                INSERT INTO dossier (source, code, version, content_hash, status, steps_count, created_at, updated_at)
                VALUES (:s, :c, :v, :h, 2, 1, :t, :t)""", new MapSqlParameterSource("s", source).addValue("c", code).addValue("v", n)
                .addValue("h", sha(body(code, n))).addValue("t", NOW.minus(Duration.ofDays(daysAgo[n - 1])).atOffset(ZoneOffset.UTC)));
        for (int i = 0; i < n; i++) {
            long v = i + 1;
            jdbc.update("""
                    INSERT INTO dossier_version (source, dossier_code, version, content_hash, status, steps_from, body, received_via, received_at)
                    VALUES (:s, :c, :v, :h, 2, 0, :b, 'push', :t)""", new MapSqlParameterSource("s", source).addValue("c", code).addValue("v", v)
                    .addValue("h", sha(body(code, v))).addValue("b", body(code, v))
                    .addValue("t", NOW.minus(Duration.ofDays(daysAgo[i])).atOffset(ZoneOffset.UTC)));
        }
    }

    /** A delivery of a version to a target, in a state, settled daysAgo days ago. */
    void delivery(String source, String code, long version, String target, String state, int daysAgo) {
        var t = NOW.minus(Duration.ofDays(daysAgo)).atOffset(ZoneOffset.UTC);
        jdbc.update("""
                INSERT INTO delivery (source, dossier_code, version, target, state, attempts, next_attempt_at, created_at, updated_at, delivered_at)
                VALUES (:s, :c, :v, :target, :state, 1, :t, :t, :t, :d)""", new MapSqlParameterSource("s", source).addValue("c", code)
                .addValue("v", version).addValue("target", target).addValue("state", state).addValue("t", t)
                .addValue("d", state.equals("DELIVERED") ? t : null));
    }

    /** Every version of the dossier delivered to the target, each settled daysAgo days ago. */
    void deliveredAll(String source, String code, int versions, String target, int daysAgo) {
        for (long v = 1; v <= versions; v++) {
            delivery(source, code, v, target, "DELIVERED", daysAgo);
        }
    }

    boolean hasBody(String source, String code, long v) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dossier_version WHERE source = :s AND dossier_code = :c AND version = :v AND body IS NOT NULL",
                new MapSqlParameterSource("s", source).addValue("c", code).addValue("v", v), Integer.class) == 1;
    }

    long bodies() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM dossier_version WHERE body IS NOT NULL", Map.of(), Long.class);
    }

    // ---- the rules ----------------------------------------------------------------------------------

    @Test
    void neverAnOpenDeliveryNorTheHeadNorTheLatestDeliveredToATarget() throws Exception {
        // P1: v1, v2 old and delivered, v3 head → v1, v2 pruned, v3 kept
        dossier("province", "P1", 200, 190, 180);
        deliveredAll("province", "P1", 3, "dvcqg", 170);
        // P2: v1 with a PENDING, FAILED and DEAD delivery to three targets: kept (DEAD can be replayed)
        dossier("province", "P2", 200, 150);
        delivery("province", "P2", 1, "dvcqg", "DEAD", 170);
        delivery("province", "P2", 1, "emc", "DELIVERED", 170);
        delivery("province", "P2", 2, "dvcqg", "DELIVERED", 140);
        delivery("province", "P2", 2, "emc", "DELIVERED", 140);
        dossier("province", "P3", 200, 150);
        delivery("province", "P3", 1, "dvcqg", "FAILED", 170);
        delivery("province", "P3", 2, "dvcqg", "DELIVERED", 140);
        // P4: v1 is the latest delivered to emc (v2 went only to the portal): kept for the reconciliation
        dossier("province", "P4", 200, 150);
        delivery("province", "P4", 1, "dvcqg", "DELIVERED", 170);
        delivery("province", "P4", 1, "emc", "DELIVERED", 170);
        delivery("province", "P4", 2, "dvcqg", "DELIVERED", 140);
        // P5: a DISCARDED delivery is settled: v1 pruned
        dossier("province", "P5", 200, 150);
        delivery("province", "P5", 1, "dvcqg", "DISCARDED", 170);
        delivery("province", "P5", 2, "dvcqg", "DELIVERED", 140);
        // P6: only a head, old: kept
        dossier("province", "P6", 400);
        delivery("province", "P6", 1, "dvcqg", "DELIVERED", 400);

        long id = pruner().runNow("test", false);

        assertThat(hasBody("province", "P1", 1)).isFalse();
        assertThat(hasBody("province", "P1", 2)).isFalse();
        assertThat(hasBody("province", "P1", 3)).as("the head").isTrue();
        assertThat(hasBody("province", "P2", 1)).as("DEAD delivery").isTrue();
        assertThat(hasBody("province", "P3", 1)).as("FAILED delivery").isTrue();
        assertThat(hasBody("province", "P4", 1)).as("latest delivered to emc").isTrue();
        assertThat(hasBody("province", "P5", 1)).as("DISCARDED is settled").isFalse();
        assertThat(hasBody("province", "P6", 1)).as("the only version is the head").isTrue();
        RetentionStore.Run run = store.run(id).orElseThrow();
        assertThat(run.state()).isEqualTo("DONE");
        assertThat(run.counts().examined()).isEqualTo(6);
        assertThat(run.counts().pruned()).isEqualTo(3);
        assertThat(run.counts().skippedOpen()).isEqualTo(2);
        assertThat(run.counts().skippedLatest()).isEqualTo(1);
        assertThat(run.counts().bytesFreed()).isEqualTo(
                Stream.of(body("P1", 1), body("P1", 2), body("P5", 1)).mapToLong(b -> b.getBytes(StandardCharsets.UTF_8).length).sum());
        // the version rows, hashes, deliveries stay
        assertThat(jdbc.queryForObject("SELECT content_hash FROM dossier_version WHERE dossier_code = 'P1' AND version = 1", Map.of(), String.class))
                .isEqualTo(sha(body("P1", 1)));
        assertThat(store.pruned("province", "P1", 1)).hasValueSatisfying(p -> assertThat(p.at()).isEqualTo(NOW));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE dossier_code = 'P1'", Map.of(), Integer.class)).isEqualTo(3);

        // a second run finds nothing more to prune, and touches nothing pruned twice
        long again = pruner().runNow("test", false);
        assertThat(store.run(again).orElseThrow().counts().pruned()).isZero();
        assertThat(store.pruned("province", "P1", 1).orElseThrow().at()).isEqualTo(NOW);
    }

    @Test
    void aVersionKeepsTheLargestDaysOfItsSourceAndTargets() throws Exception {
        props.getPartners().put("dvcqg", days(180));
        props.getPartners().put("ministry-G06", days(365));
        // to the portal 170 days ago: under the portal's 180 → kept; to emc only (default 90) → pruned
        dossier("province", "A", 200, 100);
        deliveredAll("province", "A", 2, "dvcqg", 170);
        dossier("province", "B", 200, 100);
        deliveredAll("province", "B", 2, "emc", 170);
        // delivered to both, 190 days ago: both allow it → pruned
        dossier("province", "C", 200, 100);
        deliveredAll("province", "C", 2, "dvcqg", 190);
        deliveredAll("province", "C", 2, "emc", 190);
        // from a source with 365 days: kept at 300
        dossier("ministry-G06", "D", 300, 100);
        deliveredAll("ministry-G06", "D", 2, "province", 299);

        long id = pruner().runNow("test", false);
        assertThat(hasBody("province", "A", 1)).isTrue();
        assertThat(hasBody("province", "B", 1)).isFalse();
        assertThat(hasBody("province", "C", 1)).isFalse();
        assertThat(hasBody("ministry-G06", "D", 1)).isTrue();
        RetentionStore.Counts c = store.run(id).orElseThrow().counts();
        assertThat(c.pruned()).isEqualTo(2);
        assertThat(c.skippedRecent()).isEqualTo(2);

        // a recent version, under every partner's days, is not even examined
        dossier("province", "E", 10, 5);
        deliveredAll("province", "E", 2, "emc", 5);
        assertThat(store.run(pruner().runNow("test", false)).orElseThrow().counts().examined()).isEqualTo(2);
        assertThat(hasBody("province", "E", 1)).isTrue();
    }

    @Test
    void boundedBlocksThatGoOnWhereACappedRunStopped() throws Exception {
        for (int i = 1; i <= 5; i++) {
            dossier("province", "K" + i, 200, 100);
            deliveredAll("province", "K" + i, 2, "dvcqg", 150);
        }
        props.setBlockSize(2);
        long id = pruner().runNow("test", false);
        RetentionStore.Run run = store.run(id).orElseThrow();
        assertThat(run.counts().blocks()).isEqualTo(3);
        assertThat(run.counts().pruned()).isEqualTo(5);
        assertThat(run.resumeAfter()).as("it reached the end").isNull();

        // capped at one block a run: the next run goes on after the last one's stop
        for (int i = 1; i <= 5; i++) {
            dossier("emc-src", "M" + i, 200, 100);
            deliveredAll("emc-src", "M" + i, 2, "dvcqg", 150);
        }
        props.setMaxBlocksPerRun(1);
        RetentionStore.Run first = store.run(pruner().runNow("test", false)).orElseThrow();
        assertThat(first.counts().pruned()).isEqualTo(2);
        assertThat(first.resumeAfter()).isEqualTo(new RetentionStore.Key("emc-src", "M2", 1));
        RetentionStore.Run second = store.run(pruner().runNow("test", false)).orElseThrow();
        assertThat(second.counts().pruned()).isEqualTo(2);
        assertThat(hasBody("emc-src", "M3", 1)).isFalse();
        assertThat(hasBody("emc-src", "M5", 1)).isTrue();
    }

    @Test
    void theArchiveHoldsExactlyThePrunedBodiesWithTheirHashes() throws Exception {
        props.setMode(RetentionProperties.Mode.ARCHIVE);
        props.setArchiveDir(archiveDir.toString());
        props.setBlockSize(2);
        for (int i = 1; i <= 3; i++) {
            dossier("province", "Z" + i, 200, 100);
            deliveredAll("province", "Z" + i, 2, "dvcqg", 150);
        }
        dossier("province", "Z9", 200, 100);
        delivery("province", "Z9", 1, "dvcqg", "DEAD", 150);
        long id = pruner().runNow("test", false);
        RetentionStore.Run run = store.run(id).orElseThrow();
        assertThat(run.counts().archived()).isEqualTo(3);
        assertThat(run.mode()).isEqualTo("archive");

        List<Path> files;
        try (Stream<Path> s = Files.walk(archiveDir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).extracting(p -> archiveDir.relativize(p).toString().replace('\\', '/'))
                .containsExactly("2026/12/retention-" + id + "-1.jsonl.gz", "2026/12/retention-" + id + "-2.jsonl.gz");
        List<JsonNode> lines = new ArrayList<>();
        for (Path f : files) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.UTF_8))) {
                r.lines().forEach(l -> {
                    try {
                        lines.add(JSON.readTree(l));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        assertThat(lines).extracting(l -> l.get("dossierCode").asText() + " v" + l.get("version").asLong()).containsExactly("Z1 v1", "Z2 v1", "Z3 v1");
        for (JsonNode l : lines) {
            assertThat(sha(l.get("body").asText())).isEqualTo(l.get("contentHash").asText());
            assertThat(l.get("body").asText()).isEqualTo(body(l.get("dossierCode").asText(), 1));
            assertThat(l.get("source").asText()).isEqualTo("province");
            assertThat(Instant.parse(l.get("receivedAt").asText())).isEqualTo(NOW.minus(Duration.ofDays(200)));
            assertThat(store.pruned("province", l.get("dossierCode").asText(), 1).orElseThrow().archive()).endsWith(".jsonl.gz");
        }
        assertThat(hasBody("province", "Z9", 1)).isTrue();
    }

    @Test
    void aDryRunCountsAndChangesNothing() throws Exception {
        props.setMode(RetentionProperties.Mode.ARCHIVE);
        props.setArchiveDir(archiveDir.toString());
        for (int i = 1; i <= 3; i++) {
            dossier("province", "Y" + i, 200, 100);
            deliveredAll("province", "Y" + i, 2, "dvcqg", 150);
        }
        long before = bodies();
        long id = pruner().runNow("test", true);
        RetentionStore.Run run = store.run(id).orElseThrow();
        assertThat(run.dryRun()).isTrue();
        assertThat(run.counts().pruned()).as("would prune").isEqualTo(3);
        assertThat(run.counts().archived()).isZero();
        assertThat(bodies()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM dossier_version WHERE body_pruned_at IS NOT NULL", Map.of(), Long.class)).isZero();
        try (Stream<Path> s = Files.walk(archiveDir)) {
            assertThat(s.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void oneRunAtATimeAndTheRunsArePaged() throws Exception {
        long running = store.insertRunning(new RetentionStore.Start("api", "admin", "why", "delete", false), NOW);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pruner().runNow("test", false))
                .isInstanceOf(RetentionPruner.BusyException.class);
        store.finish(running, "DONE", RetentionStore.Counts.NONE, null, null, NOW);
        long next = pruner().runNow("test", false);
        assertThat(store.countRuns()).isEqualTo(2);
        assertThat(store.runs(0, 1)).extracting(RetentionStore.Run::id).containsExactly(next);
        assertThat(store.runs(1, 1)).extracting(RetentionStore.Run::id).containsExactly(running);
        assertThat(store.run(running).orElseThrow().startedBy()).isEqualTo("admin");
        assertThat(store.run(running).orElseThrow().reason()).isEqualTo("why");
    }

    static RetentionProperties.Partner days(int d) {
        RetentionProperties.Partner p = new RetentionProperties.Partner();
        p.setDays(d);
        return p;
    }
}
