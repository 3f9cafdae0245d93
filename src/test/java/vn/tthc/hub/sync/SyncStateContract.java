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
        assertThat(queries.listQuarantine(5).get(0).repeats()).isEqualTo(2);
        QuarantineStore.QuarantineRecord other = new QuarantineStore.QuarantineRecord(T0, "province", "pull", "A-1", 422, "summary: required",
                "[]", "{}", "c".repeat(64), 2, "application/json");
        assertThat(quarantines.quarantine(other).id()).isNotEqualTo(first.id());
        assertThat(queries.countQuarantine()).isEqualTo(2);
    }

    @Test
    void quarantineAndWatermarks() {
        long id = quarantines.insertQuarantine(new QuarantineStore.QuarantineRecord(T0, "province", "webhook", null, 400, "body: not JSON",
                "[]", "{bad", "a".repeat(64), 4, "application/json"));
        assertThat(queries.listQuarantine(10)).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo(id);
            assertThat(q.reason()).isEqualTo("body: not JSON");
        });
        assertThat(watermarks.watermark("province")).isEmpty();
        watermarks.saveWatermark("province", "2026-11-23T08:00:00+07:00", T0);
        watermarks.saveWatermark("province", "2026-11-23T09:00:00+07:00", T0);
        assertThat(watermarks.watermark("province")).contains("2026-11-23T09:00:00+07:00");
    }
}
