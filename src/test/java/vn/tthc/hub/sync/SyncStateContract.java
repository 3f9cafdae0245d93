package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.console.ConsoleQueries;
import vn.tthc.hub.console.DeliveryView;
import vn.tthc.hub.console.DossierView;
import vn.tthc.hub.console.Paged;
import vn.tthc.hub.console.QuarantineFilter;
import vn.tthc.hub.console.QuarantineItem;
import vn.tthc.hub.console.QuarantineQueries;
import vn.tthc.hub.console.StateCounts;

/**
 * The sync-state SQL of every store and of the console's read models, run unchanged against each
 * supported database (H2 and PostgreSQL subclasses).
 */
abstract class SyncStateContract {
    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    VersionStore versions;
    DeliveryStore deliveries;
    QuarantineStore quarantines;
    WatermarkStore watermarks;
    ConsoleQueries queries;
    QuarantineQueries quarantineQueries;
    TransactionTemplate tx;
    NamedParameterJdbcTemplate jdbc;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(dataSource()).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(dataSource()).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource());
        versions = new VersionStore(jdbc);
        deliveries = new DeliveryStore(jdbc);
        quarantines = new QuarantineStore(jdbc);
        watermarks = new WatermarkStore(jdbc);
        queries = new ConsoleQueries(jdbc);
        quarantineQueries = new QuarantineQueries(jdbc);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
    }

    VersionStore.NewVersion version(String code, long v, String hash, int status, int steps, int stepsFrom) {
        return new VersionStore.NewVersion(code, "province", v, hash, status, "2.000477", "000.00.06.H56", steps, stepsFrom,
                "{\"code\":\"" + code + "\",\"note\":\"Tiếng Việt có dấu\"}", "webhook");
    }

    void storeVersion(String code, long v, int status, List<String> targets) {
        storeVersion("province", code, v, status, targets);
    }

    void storeVersion(String source, String code, long v, int status, List<String> targets) {
        tx.executeWithoutResult(s -> {
            VersionStore.NewVersion base = version(code, v, "h" + v + "0".repeat(62), status, (int) v, (int) v - 1);
            VersionStore.NewVersion nv = new VersionStore.NewVersion(code, source, v, base.contentHash(), status, base.procedureCode(),
                    base.agencyCode(), base.stepsCount(), base.stepsFrom(), base.body(), base.receivedVia());
            if (versions.lockDossier(source, code).isPresent()) {
                versions.updateDossier(nv, T0);
            } else {
                versions.insertDossier(nv, T0);
            }
            versions.insertVersion(nv, T0);
            deliveries.insertDeliveries(source, code, v, targets, T0);
        });
    }

    long idOf(String code, long version, String target) {
        return jdbc.queryForObject("SELECT id FROM delivery WHERE source = 'province' AND dossier_code = :c AND version = :v AND target = :t",
                Map.of("c", code, "v", version, "t", target), Long.class);
    }

    List<DeliveryStore.DueDelivery> due(Instant now, int limit) {
        return tx.execute(s -> deliveries.lockDue(now, limit));
    }

    @Test
    void versionsAndDeliveriesAreStoredTogetherAndReadBack() {
        storeVersion("A-1", 1, 2, List.of("dvcqg", "emc"));
        storeVersion("A-1", 2, 4, List.of("dvcqg"));
        assertThat(versions.lockDossier("province", "A-1")).get().extracting(VersionStore.DossierHead::version, VersionStore.DossierHead::status)
                .containsExactly(2L, 4);
        assertThat(versions.versionHash("province", "A-1", 1)).isPresent();
        DeliveryStore.DeliveryWork w = deliveries.loadWork(idOf("A-1", 2, "dvcqg")).orElseThrow();
        assertThat(w.body()).contains("Tiếng Việt có dấu");
        assertThat(w.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(w.stepsFrom()).isEqualTo(1);
        assertThat(queries.countsByTarget()).containsEntry("dvcqg", new StateCounts(2, 0, 0, 0)).containsEntry("emc", new StateCounts(1, 0, 0, 0));
    }

    @Test
    void eachSourceKeepsItsOwnRevisionsOfTheSameDossier() {
        storeVersion("province", "A-1", 1, 2, List.of("ministry-G06"));
        storeVersion("ministry-G06", "A-1", 1, 4, List.of("province"));
        storeVersion("ministry-G06", "A-1", 2, 9, List.of("province"));
        assertThat(versions.lockDossier("province", "A-1")).get().extracting(VersionStore.DossierHead::status).isEqualTo(2);
        assertThat(versions.lockDossier("ministry-G06", "A-1")).get().extracting(VersionStore.DossierHead::status).isEqualTo(9);
        assertThat(queries.dossierViews("A-1")).extracting(DossierView::source).containsExactlyInAnyOrder("province", "ministry-G06");
        assertThat(queries.deliveriesOf("A-1")).hasSize(3);
        // ordering is per source stream: the ministry's v2 waits for its v1, not for the province's versions
        assertThat(deliveries.openPredecessorDue("ministry-G06", "A-1", "province", 2)).isPresent();
        assertThat(deliveries.openPredecessorDue("province", "A-1", "ministry-G06", 2)).isPresent();
        assertThat(deliveries.openPredecessorDue("ministry-G06", "A-1", "province", 1)).isEmpty();
    }

    @Test
    void aDeliveryIsUniquePerDossierVersionAndTarget() {
        storeVersion("A-1", 1, 2, List.of("dvcqg"));
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> deliveries.insertDeliveries("province", "A-1", 1, List.of("dvcqg"), T0)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> versions.insertVersion(version("A-1", 1, "x".repeat(64), 2, 1, 0), T0)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void relayPublishesDueRowsOnceAndStaleOnesAgain() {
        storeVersion("A-1", 1, 2, List.of("dvcqg", "emc"));
        storeVersion("B-1", 1, 2, List.of("dvcqg"));
        List<DeliveryStore.DueDelivery> due = tx.execute(s -> {
            List<DeliveryStore.DueDelivery> d = deliveries.lockDue(T0, 10);
            deliveries.markPublished(d.stream().map(DeliveryStore.DueDelivery::id).toList(), T0);
            return d;
        });
        assertThat(due).hasSize(3);
        assertThat(due(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(deliveries.unpublishStale(T0.minusSeconds(1))).isZero();
        assertThat(deliveries.unpublishStale(T0.plusSeconds(1))).isEqualTo(3);
        assertThat(due(T0, 2)).hasSize(2);
    }

    @Test
    void attemptsMoveTheStateAndOnlyOpenDeliveriesChange() {
        storeVersion("A-1", 1, 2, List.of("dvcqg"));
        long id = idOf("A-1", 1, "dvcqg");
        deliveries.insertAttempt(id, 1, T0, 12, 503, "TRANSIENT", "HTTP 503");
        deliveries.finishAttempt(id, DeliveryState.FAILED, 1, 1, T0.plusSeconds(5), 503, "HTTP 503", null, T0);
        DeliveryStore.DeliveryWork w = deliveries.loadWork(id).orElseThrow();
        assertThat(w.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(w.stage()).isEqualTo(1);
        assertThat(due(T0, 10)).isEmpty();
        assertThat(due(T0.plusSeconds(5), 10)).hasSize(1);
        assertThat(deliveries.finishAttempt(id, DeliveryState.DELIVERED, 2, 3, null, 200, null, "p".repeat(64), T0)).isEqualTo(1);
        assertThat(deliveries.finishAttempt(id, DeliveryState.DEAD, 3, 3, null, 400, "late duplicate", null, T0)).isZero();
        assertThat(deliveries.loadWork(id).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(queries.attemptsOf(id)).hasSize(1);
        assertThat(deliveries.lastDeliveredPayloadHash("province", "A-1", "dvcqg", 2)).contains("p".repeat(64));
        assertThat(deliveries.lastDeliveredPayloadHash("province", "A-1", "dvcqg", 1)).isEmpty();
    }

    @Test
    void anAttemptRecordsTheHubInstanceThatMadeIt() {
        storeVersion("I-1", 1, 2, List.of("dvcqg"));
        long id = idOf("I-1", 1, "dvcqg");
        new DeliveryStore(jdbc, "hub2:8082").insertAttempt(id, 1, T0, 12, 200, "DELIVERED", null);
        deliveries.insertAttempt(id, 2, T0, 12, 200, "DELIVERED", null);
        assertThat(jdbc.getJdbcTemplate().queryForList("SELECT instance FROM delivery_attempt WHERE delivery_id = ? ORDER BY attempt",
                String.class, id)).containsExactly("hub2:8082", null);
    }

    @Test
    void reconciliationReopensOnlyTheLatestDeliveredDeliveryAndOnlyOnce() {
        storeVersion("R-1", 1, 1, List.of("dvcqg"));
        storeVersion("R-1", 2, 2, List.of("dvcqg"));
        long v1 = idOf("R-1", 1, "dvcqg");
        long v2 = idOf("R-1", 2, "dvcqg");
        // still open: nothing to re-open (the normal path will deliver it)
        assertThat(deliveries.reopenLatestDelivered("province", "R-1", "dvcqg", T0)).isEmpty();
        tx.executeWithoutResult(s -> deliveries.markPublished(List.of(v1, v2), T0));
        deliveries.finishAttempt(v1, DeliveryState.DELIVERED, 1, 1, null, 200, null, "a".repeat(64), T0);
        deliveries.finishAttempt(v2, DeliveryState.DELIVERED, 1, 2, null, 200, null, "b".repeat(64), T0);
        Instant later = T0.plusSeconds(60);
        assertThat(deliveries.reopenLatestDelivered("province", "R-1", "dvcqg", later)).contains(v2);
        DeliveryStore.DeliveryWork w = deliveries.loadWork(v2).orElseThrow();
        assertThat(w.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(w.stage()).isZero();
        assertThat(w.attempts()).isEqualTo(1);
        assertThat(due(later, 10)).extracting(DeliveryStore.DueDelivery::id).containsExactly(v2);
        // a second heal of the same difference changes nothing; the earlier version is never touched
        assertThat(deliveries.reopenLatestDelivered("province", "R-1", "dvcqg", later)).isEmpty();
        assertThat(deliveries.loadWork(v1).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(deliveries.reopenLatestDelivered("province", "R-9", "dvcqg", later)).isEmpty();
        assertThat(versions.body("province", "R-1", 2)).hasValueSatisfying(b -> assertThat(b).contains("R-1"));
        assertThat(versions.body("province", "R-1", 3)).isEmpty();
    }

    @Test
    void reconciliationRunsAreExclusiveAndKeepTheirDigestsCountsAndDifferences() {
        vn.tthc.hub.reconcile.ReconcileStore rs = new vn.tthc.hub.reconcile.ReconcileStore(jdbc);
        storeVersion("R-1", 1, 1, List.of("dvcqg", "emc"));
        storeVersion("R-1", 2, 2, List.of("dvcqg"));
        assertThat(rs.heads("province", List.of("R-1", "R-2"))).containsOnlyKeys("R-1");
        assertThat(rs.heads("province", List.of("R-1")).get("R-1").version()).isEqualTo(2);
        var latest = rs.latestDeliveries("province", List.of("R-1")).get("R-1");
        assertThat(latest).extracting(d -> d.target() + ":" + d.version() + ":" + d.versionStatus())
                .containsExactly("dvcqg:2:2", "emc:1:1");
        assertThat(rs.latestDeliveries("province", "", "R-1").get("R-1")).isEqualTo(latest);
        assertThat(rs.latestDeliveries("province", "R-1", "R-9")).isEmpty();
        assertThat(rs.sources()).containsExactly("province");
        assertThat(rs.headsChanged("province", T0.minusSeconds(1), T0.plusSeconds(1), "", 10)).extracting(h -> h.code()).containsExactly("R-1");
        assertThat(rs.headsChanged("province", T0.minusSeconds(1), T0.plusSeconds(1), "R-1", 10)).isEmpty();
        long id = rs.insertRunning("api", T0, T0.plusSeconds(10), T0);
        assertThatThrownBy(() -> rs.insertRunning("nightly", T0, T0.plusSeconds(10), T0))
                .isInstanceOf(org.springframework.dao.DataIntegrityViolationException.class);
        assertThat(rs.running()).hasValueSatisfying(e -> assertThat(e.getKey()).isEqualTo(id));
        rs.insertDifferences(List.of(new vn.tthc.hub.reconcile.ReconcileStore.Difference(0, id,
                vn.tthc.hub.reconcile.Category.STATUS_MISMATCH, "province", "R-1", "dvcqg", "2.000477", "000.00.06.H56", 2L, 2, 2L, 2,
                latest.get(0).id(), "DELIVERED", 1, "status 1 at the target, 2 delivered", true, "re-queued")));
        rs.insertCounts(id, Map.of("category", Map.of("statusMismatch",
                new java.util.EnumMap<>(Map.of(vn.tthc.hub.reconcile.Category.STATUS_MISMATCH, 1L)))));
        rs.finish(id, "DONE", 1, 1, "emc: no look-up", null, T0.plusSeconds(1));
        assertThat(rs.running()).isEmpty();
        long second = rs.insertRunning("api", T0, T0.plusSeconds(10), T0.plusSeconds(2));
        assertThat(second).isGreaterThan(id);
        assertThat(rs.run(id).orElseThrow().state()).isEqualTo("DONE");
        assertThat(rs.counts(id)).isEqualTo(Map.of("category", Map.of("statusMismatch", Map.of("statusMismatch", 1L))));
        List<vn.tthc.hub.reconcile.ReconcileStore.Difference> rows = new java.util.ArrayList<>();
        rs.differences(id, null, rows::add);
        assertThat(rows).singleElement().satisfies(d -> {
            assertThat(d.category()).isEqualTo(vn.tthc.hub.reconcile.Category.STATUS_MISMATCH);
            assertThat(d.targetStatus()).isEqualTo(1);
            assertThat(d.healed()).isTrue();
        });
        rs.differences(id, "deadLettered", rows::add);
        assertThat(rows).hasSize(1);
    }

    @Test
    void laterVersionsWaitForEarlierOnesAndAreWokenWhenTheyClose() {
        storeVersion("A-1", 1, 2, List.of("dvcqg"));
        storeVersion("A-1", 2, 4, List.of("dvcqg"));
        long v1 = idOf("A-1", 1, "dvcqg");
        long v2 = idOf("A-1", 2, "dvcqg");
        assertThat(deliveries.openPredecessorDue("province", "A-1", "dvcqg", 2)).contains(T0);
        assertThat(deliveries.openPredecessorDue("province", "A-1", "dvcqg", 1)).isEmpty();
        tx.executeWithoutResult(s -> deliveries.markPublished(List.of(v1, v2), T0));
        deliveries.defer(v2, T0.plusSeconds(60), T0);
        deliveries.finishAttempt(v1, DeliveryState.DELIVERED, 1, 1, null, 200, null, null, T0);
        deliveries.wakeSuccessors("province", "A-1", "dvcqg", 1, T0.plusSeconds(1));
        assertThat(deliveries.openPredecessorDue("province", "A-1", "dvcqg", 2)).isEmpty();
        assertThat(due(T0.plusSeconds(1), 10)).extracting(DeliveryStore.DueDelivery::id).containsExactly(v2);
    }

    @Test
    void viewsAndFilteredListsReadTheSameOnEveryDatabase() {
        storeVersion("A-1", 1, 2, List.of("dvcqg", "emc"));
        storeVersion("B-1", 1, 2, List.of("dvcqg"));
        long id = idOf("B-1", 1, "dvcqg");
        deliveries.finishAttempt(id, DeliveryState.DEAD, 1, 0, null, 400, "error_code -1", null, T0);
        assertThat(queries.dossierViews("A-1")).singleElement().satisfies(v -> {
            assertThat(v.status()).isEqualTo(2);
            assertThat(v.createdAt()).isEqualTo(T0);
        });
        assertThat(queries.dossierViews("nope")).isEmpty();
        assertThat(queries.deliveriesOf("A-1")).extracting(DeliveryView::target).containsExactly("dvcqg", "emc");
        assertThat(queries.listDeliveries(null, null, 10)).hasSize(3);
        assertThat(queries.listDeliveries("dvcqg", null, 10)).hasSize(2);
        assertThat(queries.listDeliveries(null, "DEAD", 10)).singleElement().satisfies(m -> {
            assertThat(m.dossierCode()).isEqualTo("B-1");
            assertThat(m.delivery().lastError()).isEqualTo("error_code -1");
        });
        assertThat(queries.listDeliveries("emc", "DEAD", 10)).isEmpty();
    }

    @Test
    void theSameBadInputIsQuarantinedOnceAndItsRepeatsCounted() {
        QuarantineStore.QuarantineRecord q = new QuarantineStore.QuarantineRecord(T0, "province", "pull", "A-1", 422, "summary: required",
                "[]", "{}", "b".repeat(64), 2, "application/json");
        QuarantineStore.Quarantined first = quarantines.quarantine(q);
        assertThat(first.repeat()).isFalse();
        assertThat(quarantines.quarantine(q)).isEqualTo(new QuarantineStore.Quarantined(first.id(), true));
        assertThat(quarantines.quarantine(q).id()).isEqualTo(first.id());
        assertThat(queries.countQuarantine()).isEqualTo(1);
        assertThat(quarantineQueries.search(QuarantineFilter.NONE, 1, 5).items().get(0).repeats()).isEqualTo(2);
        QuarantineStore.QuarantineRecord other = new QuarantineStore.QuarantineRecord(T0, "province", "pull", "A-1", 422, "summary: required",
                "[]", "{}", "c".repeat(64), 2, "application/json");
        assertThat(quarantines.quarantine(other).id()).isNotEqualTo(first.id());
        assertThat(queries.countQuarantine()).isEqualTo(2);
    }

    @Test
    void quarantineAndWatermarks() {
        long id = quarantines.insertQuarantine(new QuarantineStore.QuarantineRecord(T0, "province", "webhook", null, 400, "body: not JSON",
                "[]", "{bad", "a".repeat(64), 4, "application/json"));
        assertThat(quarantineQueries.search(QuarantineFilter.NONE, 1, 10).items()).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo(id);
            assertThat(q.reason()).isEqualTo("body: not JSON");
        });
        assertThat(watermarks.watermark("province")).isEmpty();
        watermarks.saveWatermark("province", "2026-11-23T08:00:00+07:00", T0);
        watermarks.saveWatermark("province", "2026-11-23T09:00:00+07:00", T0);
        assertThat(watermarks.watermark("province")).contains("2026-11-23T09:00:00+07:00");
    }

    @Test
    void quarantineIsSearchedByEveryFilterAndSettledOnce() {
        String errors = "[{\"field\":\"progress[2].startAt\",\"rule\":\"future\",\"message\":\"in the future\"},"
                + "{\"field\":\"summary\",\"rule\":\"required\",\"message\":\"required\"}]";
        long a = quarantines.insertQuarantine(new QuarantineStore.QuarantineRecord(T0, "province", "webhook", "000.00.06.H56-261203-0001", 422,
                "progress[2].startAt: in the future [future]", errors, "{}", "a".repeat(64), 2, "application/json"));
        long b = quarantines.insertQuarantine(new QuarantineStore.QuarantineRecord(T0.plusSeconds(86_400), "ministry-G06", "pull", "G06-7",
                422, "procedureCode: routing [routing]", "[{\"field\":\"procedureCode\",\"rule\":\"routing\",\"message\":\"x\"}]",
                "{}", "b".repeat(64), 2, "application/json"));
        assertThat(ids(QuarantineFilter.NONE)).containsExactly(b, a);
        assertThat(quarantineQueries.ofDossier("G06-7")).extracting(QuarantineItem::id).containsExactly(b);
        assertThat(quarantineQueries.ofDossier("G06")).isEmpty();
        assertThat(ids(QuarantineFilter.of("province", null, null, null, null, null, null, null))).containsExactly(a);
        assertThat(ids(QuarantineFilter.of(null, "pull", null, null, null, null, null, "open"))).containsExactly(b);
        assertThat(ids(QuarantineFilter.of(null, null, "H56-2612", null, null, null, null, null))).containsExactly(a);
        // a field by its prefix, a rule exactly; LIKE's own wildcards in a filter are plain characters
        assertThat(ids(QuarantineFilter.of(null, null, null, "progress", null, null, null, null))).containsExactly(a);
        assertThat(ids(QuarantineFilter.of(null, null, null, "progress[2]", "future", null, null, null))).containsExactly(a);
        assertThat(ids(QuarantineFilter.of(null, null, null, null, "requ", null, null, null))).isEmpty();
        assertThat(ids(QuarantineFilter.of(null, null, null, "%", null, null, null, null))).isEmpty();
        assertThat(ids(QuarantineFilter.of(null, null, "_", null, null, null, null, null))).isEmpty();
        assertThat(ids(QuarantineFilter.of(null, null, null, null, null, "2026-11-24", null, null))).containsExactly(b);
        assertThat(ids(QuarantineFilter.of(null, null, null, null, null, null, "2026-11-23", null))).containsExactly(a);
        Paged<QuarantineItem> page2 = quarantineQueries.search(QuarantineFilter.NONE, 2, 1);
        assertThat(page2.items()).extracting(QuarantineItem::id).containsExactly(a);
        assertThat(page2.total()).isEqualTo(2);
        assertThat(page2.items().get(0).errors()).extracting(e -> e.field() + "/" + e.rule())
                .containsExactly("progress[2].startAt/future", "summary/required");

        assertThat(quarantines.dismiss(a, "tester", T0.plusSeconds(5), "test input")).isTrue();
        assertThat(quarantines.dismiss(a, "tester", T0.plusSeconds(6), "again")).as("closed once").isFalse();
        assertThat(quarantines.markResubmitted(a, "tester", T0.plusSeconds(6), "STORED", "X", 1L)).isFalse();
        assertThat(quarantines.markResubmitted(b, "tester", T0.plusSeconds(7), "STORED", "G06-7", 3L)).isTrue();
        assertThat(quarantineQueries.countOpen()).isZero();
        assertThat(queries.countQuarantine()).as("open ones only").isZero();
        assertThat(ids(QuarantineFilter.of(null, null, null, null, null, null, null, "dismissed"))).containsExactly(a);
        assertThat(quarantineQueries.detail(b, false)).hasValueSatisfying(d -> {
            assertThat(d.item().state()).isEqualTo("RESUBMITTED");
            assertThat(d.item().resolvedBy()).isEqualTo("tester");
            assertThat(d.item().resolvedAt()).isEqualTo(T0.plusSeconds(7));
            assertThat(d.resubmitVersion()).isEqualTo(3L);
        });
        assertThat(quarantineQueries.detail(a, false)).hasValueSatisfying(d -> assertThat(d.resolutionNote()).isEqualTo("test input"));
    }

    @Test
    void aRefusalOfAReSubmitIsWrittenOnItsOwnRecordAndAReSubmittedRecordCountsNoRepeats() {
        QuarantineStore.QuarantineRecord q = new QuarantineStore.QuarantineRecord(T0, "province", "webhook", "A-1", 422,
                "procedureCode: routing [routing]", "[]", "{}", "d".repeat(64), 2, "application/json");
        long id = quarantines.quarantine(q).id();
        QuarantineStore.QuarantineRecord again = new QuarantineStore.QuarantineRecord(T0.plusSeconds(60), "province", "webhook", null, 409,
                "version: conflict [conflict]", "[{\"field\":\"version\",\"rule\":\"conflict\",\"message\":\"m\"}]", "{}",
                "d".repeat(64), 2, "application/json");
        assertThat(quarantines.refusedAgain(id, again)).isEqualTo(new QuarantineStore.Quarantined(id, true));
        quarantines.resubmitAttempted(id, "operator", T0.plusSeconds(60));
        assertThat(quarantineQueries.detail(id, false)).hasValueSatisfying(d -> {
            assertThat(d.item().httpStatus()).isEqualTo(409);
            assertThat(d.item().dossierCode()).as("kept when the refusal names none").isEqualTo("A-1");
            assertThat(d.item().state()).isEqualTo("OPEN");
            assertThat(d.resubmits()).isEqualTo(1);
            assertThat(d.lastResubmitBy()).isEqualTo("operator");
        });
        assertThat(quarantineQueries.search(QuarantineFilter.NONE, 1, 10).total()).isEqualTo(1);
        assertThat(quarantines.held(id)).hasValueSatisfying(h -> assertThat(h.state()).isEqualTo(QuarantineStore.State.OPEN));
        assertThat(quarantines.markResubmitted(id, "operator", T0.plusSeconds(90), "STORED", "A-1", 1L)).isTrue();
        // the same input refused again after it was accepted: its cause came back, a record of its own
        assertThat(quarantines.quarantine(again).id()).isNotEqualTo(id);
        assertThatThrownBy(() -> quarantines.refusedAgain(999_999, again)).isInstanceOf(IllegalStateException.class);
    }

    List<Long> ids(QuarantineFilter f) {
        return quarantineQueries.search(f, 1, 50).items().stream().map(QuarantineItem::id).toList();
    }
}
