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

/** The sync-state SQL, run unchanged against each supported database (H2 and PostgreSQL subclasses). */
abstract class SyncStoreContract {
    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    SyncStore store;
    TransactionTemplate tx;
    NamedParameterJdbcTemplate jdbc;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(dataSource()).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(dataSource()).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource());
        store = new SyncStore(jdbc);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
    }

    SyncStore.NewVersion version(String code, long v, String hash, int status, int steps, int stepsFrom) {
        return new SyncStore.NewVersion(code, "province", v, hash, status, "2.000477", "000.00.06.H56", steps, stepsFrom,
                "{\"code\":\"" + code + "\",\"note\":\"Tiếng Việt có dấu\"}", "webhook");
    }

    void storeVersion(String code, long v, int status, List<String> targets) {
        storeVersion("province", code, v, status, targets);
    }

    void storeVersion(String source, String code, long v, int status, List<String> targets) {
        tx.executeWithoutResult(s -> {
            SyncStore.NewVersion base = version(code, v, "h" + v + "0".repeat(62), status, (int) v, (int) v - 1);
            SyncStore.NewVersion nv = new SyncStore.NewVersion(code, source, v, base.contentHash(), status, base.procedureCode(),
                    base.agencyCode(), base.stepsCount(), base.stepsFrom(), base.body(), base.receivedVia());
            if (store.lockDossier(source, code).isPresent()) {
                store.updateDossier(nv, T0);
            } else {
                store.insertDossier(nv, T0);
            }
            store.insertVersion(nv, T0);
            store.insertDeliveries(source, code, v, targets, T0);
        });
    }

    long idOf(String code, long version, String target) {
        return jdbc.queryForObject("SELECT id FROM delivery WHERE source = 'province' AND dossier_code = :c AND version = :v AND target = :t",
                Map.of("c", code, "v", version, "t", target), Long.class);
    }

    List<SyncStore.DueDelivery> due(Instant now, int limit) {
        return tx.execute(s -> store.lockDue(now, limit));
    }

    @Test
    void versionsAndDeliveriesAreStoredTogetherAndReadBack() {
        storeVersion("A-1", 1, 2, List.of("dvcqg", "emc"));
        storeVersion("A-1", 2, 4, List.of("dvcqg"));
        assertThat(store.lockDossier("province", "A-1")).get().extracting(SyncStore.DossierHead::version, SyncStore.DossierHead::status)
                .containsExactly(2L, 4);
        assertThat(store.versionHash("province", "A-1", 1)).isPresent();
        SyncStore.DeliveryWork w = store.loadWork(idOf("A-1", 2, "dvcqg")).orElseThrow();
        assertThat(w.body()).contains("Tiếng Việt có dấu");
        assertThat(w.state()).isEqualTo(DeliveryState.PENDING);
        assertThat(w.stepsFrom()).isEqualTo(1);
        assertThat(store.countsByTarget()).containsEntry("dvcqg", Map.of("PENDING", 2L)).containsEntry("emc", Map.of("PENDING", 1L));
    }

    @Test
    void eachSourceKeepsItsOwnRevisionsOfTheSameDossier() {
        storeVersion("province", "A-1", 1, 2, List.of("ministry-G06"));
        storeVersion("ministry-G06", "A-1", 1, 4, List.of("province"));
        storeVersion("ministry-G06", "A-1", 2, 9, List.of("province"));
        assertThat(store.lockDossier("province", "A-1")).get().extracting(SyncStore.DossierHead::status).isEqualTo(2);
        assertThat(store.lockDossier("ministry-G06", "A-1")).get().extracting(SyncStore.DossierHead::status).isEqualTo(9);
        assertThat(store.dossierViews("A-1")).extracting(v -> v.get("source")).containsExactlyInAnyOrder("province", "ministry-G06");
        assertThat(store.deliveriesOf("A-1")).hasSize(3);
        // ordering is per source stream: the ministry's v2 waits for its v1, not for the province's versions
        assertThat(store.openPredecessorDue("ministry-G06", "A-1", "province", 2)).isPresent();
        assertThat(store.openPredecessorDue("province", "A-1", "ministry-G06", 2)).isPresent();
        assertThat(store.openPredecessorDue("ministry-G06", "A-1", "province", 1)).isEmpty();
    }

    @Test
    void aDeliveryIsUniquePerDossierVersionAndTarget() {
        storeVersion("A-1", 1, 2, List.of("dvcqg"));
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> store.insertDeliveries("province", "A-1", 1, List.of("dvcqg"), T0)))
                .isInstanceOf(DuplicateKeyException.class);
        assertThatThrownBy(() -> tx.executeWithoutResult(s -> store.insertVersion(version("A-1", 1, "x".repeat(64), 2, 1, 0), T0)))
                .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void relayPublishesDueRowsOnceAndStaleOnesAgain() {
        storeVersion("A-1", 1, 2, List.of("dvcqg", "emc"));
        storeVersion("B-1", 1, 2, List.of("dvcqg"));
        List<SyncStore.DueDelivery> due = tx.execute(s -> {
            List<SyncStore.DueDelivery> d = store.lockDue(T0, 10);
            store.markPublished(d.stream().map(SyncStore.DueDelivery::id).toList(), T0);
            return d;
        });
        assertThat(due).hasSize(3);
        assertThat(due(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(store.unpublishStale(T0.minusSeconds(1))).isZero();
        assertThat(store.unpublishStale(T0.plusSeconds(1))).isEqualTo(3);
        assertThat(due(T0, 2)).hasSize(2);
    }

    @Test
    void attemptsMoveTheStateAndOnlyOpenDeliveriesChange() {
        storeVersion("A-1", 1, 2, List.of("dvcqg"));
        long id = idOf("A-1", 1, "dvcqg");
        store.insertAttempt(id, 1, T0, 12, 503, "TRANSIENT", "HTTP 503");
        store.finishAttempt(id, DeliveryState.FAILED, 1, 1, T0.plusSeconds(5), 503, "HTTP 503", null, T0);
        SyncStore.DeliveryWork w = store.loadWork(id).orElseThrow();
        assertThat(w.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(w.stage()).isEqualTo(1);
        assertThat(due(T0, 10)).isEmpty();
        assertThat(due(T0.plusSeconds(5), 10)).hasSize(1);
        assertThat(store.finishAttempt(id, DeliveryState.DELIVERED, 2, 3, null, 200, null, "p".repeat(64), T0)).isEqualTo(1);
        assertThat(store.finishAttempt(id, DeliveryState.DEAD, 3, 3, null, 400, "late duplicate", null, T0)).isZero();
        assertThat(store.loadWork(id).orElseThrow().state()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(store.attemptsOf(id)).hasSize(1);
        assertThat(store.lastDeliveredPayloadHash("province", "A-1", "dvcqg", 2)).contains("p".repeat(64));
        assertThat(store.lastDeliveredPayloadHash("province", "A-1", "dvcqg", 1)).isEmpty();
    }

    @Test
    void laterVersionsWaitForEarlierOnesAndAreWokenWhenTheyClose() {
        storeVersion("A-1", 1, 2, List.of("dvcqg"));
        storeVersion("A-1", 2, 4, List.of("dvcqg"));
        long v1 = idOf("A-1", 1, "dvcqg");
        long v2 = idOf("A-1", 2, "dvcqg");
        assertThat(store.openPredecessorDue("province", "A-1", "dvcqg", 2)).contains(T0);
        assertThat(store.openPredecessorDue("province", "A-1", "dvcqg", 1)).isEmpty();
        tx.executeWithoutResult(s -> store.markPublished(List.of(v1, v2), T0));
        store.defer(v2, T0.plusSeconds(60), T0);
        store.finishAttempt(v1, DeliveryState.DELIVERED, 1, 1, null, 200, null, null, T0);
        store.wakeSuccessors("province", "A-1", "dvcqg", 1, T0.plusSeconds(1));
        assertThat(store.openPredecessorDue("province", "A-1", "dvcqg", 2)).isEmpty();
        assertThat(due(T0.plusSeconds(1), 10)).extracting(SyncStore.DueDelivery::id).containsExactly(v2);
    }

    @Test
    void viewsAndFilteredListsReadTheSameOnEveryDatabase() {
        storeVersion("A-1", 1, 2, List.of("dvcqg", "emc"));
        storeVersion("B-1", 1, 2, List.of("dvcqg"));
        long id = idOf("B-1", 1, "dvcqg");
        store.finishAttempt(id, DeliveryState.DEAD, 1, 0, null, 400, "error_code -1", null, T0);
        assertThat(store.dossierViews("A-1")).singleElement().satisfies(v -> {
            assertThat(v.get("status")).isEqualTo(2);
            assertThat(v.get("createdAt")).isEqualTo(T0);
        });
        assertThat(store.dossierViews("nope")).isEmpty();
        assertThat(store.deliveriesOf("A-1")).extracting(m -> m.get("target")).containsExactly("dvcqg", "emc");
        assertThat(store.listDeliveries(null, null, 10)).hasSize(3);
        assertThat(store.listDeliveries("dvcqg", null, 10)).hasSize(2);
        assertThat(store.listDeliveries(null, "DEAD", 10)).singleElement().satisfies(m -> {
            assertThat(m.get("dossierCode")).isEqualTo("B-1");
            assertThat(m.get("lastError")).isEqualTo("error_code -1");
        });
        assertThat(store.listDeliveries("emc", "DEAD", 10)).isEmpty();
    }

    @Test
    void theSameBadInputIsQuarantinedOnceAndItsRepeatsCounted() {
        SyncStore.QuarantineRecord q = new SyncStore.QuarantineRecord(T0, "province", "pull", "A-1", 422, "summary: required",
                "[]", "{}", "b".repeat(64), 2, "application/json");
        SyncStore.Quarantined first = store.quarantine(q);
        assertThat(first.repeat()).isFalse();
        assertThat(store.quarantine(q)).isEqualTo(new SyncStore.Quarantined(first.id(), true));
        assertThat(store.quarantine(q).id()).isEqualTo(first.id());
        assertThat(store.countQuarantine()).isEqualTo(1);
        assertThat(store.listQuarantine(5).get(0).get("repeats")).isEqualTo(2);
        SyncStore.QuarantineRecord other = new SyncStore.QuarantineRecord(T0, "province", "pull", "A-1", 422, "summary: required",
                "[]", "{}", "c".repeat(64), 2, "application/json");
        assertThat(store.quarantine(other).id()).isNotEqualTo(first.id());
        assertThat(store.countQuarantine()).isEqualTo(2);
    }

    @Test
    void quarantineAndWatermarks() {
        long id = store.insertQuarantine(new SyncStore.QuarantineRecord(T0, "province", "webhook", null, 400, "body: not JSON",
                "[]", "{bad", "a".repeat(64), 4, "application/json"));
        assertThat(store.listQuarantine(10)).singleElement().satisfies(q -> {
            assertThat(q.get("id")).isEqualTo(id);
            assertThat(q.get("reason")).isEqualTo("body: not JSON");
        });
        assertThat(store.watermark("province")).isEmpty();
        store.saveWatermark("province", "2026-11-23T08:00:00+07:00", T0);
        store.saveWatermark("province", "2026-11-23T09:00:00+07:00", T0);
        assertThat(store.watermark("province")).contains("2026-11-23T09:00:00+07:00");
    }
}
