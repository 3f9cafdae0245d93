package vn.tthc.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.ManualClock;
import vn.tthc.hub.alert.AlertMail;
import vn.tthc.hub.alert.AlertStore;
import vn.tthc.hub.alert.IncidentKey;
import vn.tthc.hub.alert.JdbcIncidentBook;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.reconcile.Category;
import vn.tthc.hub.reconcile.DifferenceResync;
import vn.tthc.hub.reconcile.ReconcileStore;
import vn.tthc.hub.sync.DeliveryStore;

/**
 * The SQL behind the runs, reports and alerts pages, run unchanged on each supported database (V15 included): runs with
 * who and why, paged; differences filtered by category, partner and code, paged; the single-row re-sync claimed once and
 * rolled back when there is nothing to re-open; alert incidents (open, recovering, closed) and alert mails, paged by partner.
 */
abstract class RunsStoresContract {
    static final Instant T0 = Instant.parse("2026-12-03T03:00:00Z");
    NamedParameterJdbcTemplate jdbc;
    ReconcileStore store;
    AlertStore alerts;
    /** One instance for the stores and the transaction manager, as the hub's single DataSource bean is. */
    DataSource ds;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        ds = dataSource();
        Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(ds);
        store = new ReconcileStore(jdbc);
        alerts = new AlertStore(jdbc);
    }

    @Test
    void runsKeepWhoAndWhyAndArePaged() {
        long nightly = store.insertRunning("nightly", T0.minusSeconds(7200), T0, T0);
        store.finish(nightly, "DONE", 10, 2, null, null, T0.plusSeconds(5));
        long mine = store.insertRunning(new ReconcileStore.Start("console", "operator", "portal lost some", false), T0.minusSeconds(60), T0,
                T0.plusSeconds(10));
        store.progress(mine, 7, 0);
        ReconcileStore.Run run = store.run(mine).orElseThrow();
        assertThat(run.running()).isTrue();
        assertThat(run.startedBy()).isEqualTo("operator");
        assertThat(run.reason()).isEqualTo("portal lost some");
        assertThat(run.heal()).isFalse();
        assertThat(run.checked()).isEqualTo(7);
        assertThat(store.run(nightly).orElseThrow().heal()).as("runs before V15 and the nightly one heal").isTrue();
        assertThat(store.countRuns()).isEqualTo(2);
        assertThat(store.runs(0, 1)).extracting(ReconcileStore.Run::id).containsExactly(mine);
        assertThat(store.runs(1, 1)).extracting(ReconcileStore.Run::id).containsExactly(nightly);
        assertThat(store.runs(2, 1)).isEmpty();
        store.finish(mine, "DONE", 9, 0, null, null, T0.plusSeconds(20));
        store.progress(mine, 1, 1);
        assertThat(store.run(mine).orElseThrow().checked()).as("an ended run keeps its final figures").isEqualTo(9);
    }

    @Test
    void differencesAreFilteredPagedAndReSyncedOnce() {
        long run = store.insertRunning(new ReconcileStore.Start("api", "tester", null, false), T0.minusSeconds(60), T0, T0);
        store.insertDifferences(List.of(
                diff(run, Category.MISSING_AT_TARGET, "A-1", "dvcqg"),
                diff(run, Category.STATUS_MISMATCH, "A-2", "dvcqg"),
                diff(run, Category.MISSING_IN_HUB, "A-3", null),
                diff(run, Category.DEAD_LETTERED, "A-4", "emc")));
        assertThat(store.liveCategoryCounts(run)).containsEntry("missingAtTarget", 1L).containsEntry("missingInHub", 1L).hasSize(4);
        ReconcileStore.DifferenceFilter all = new ReconcileStore.DifferenceFilter(null, null, null);
        assertThat(store.countDifferences(run, all)).isEqualTo(4);
        assertThat(store.differences(run, all, 1, 2)).extracting(ReconcileStore.Difference::dossierCode).containsExactly("A-2", "A-3");
        assertThat(store.differences(run, new ReconcileStore.DifferenceFilter(null, "dvcqg", null), 0, 10))
                .extracting(ReconcileStore.Difference::dossierCode).containsExactly("A-1", "A-2");
        // a difference between the source and the hub is the source's
        assertThat(store.differences(run, new ReconcileStore.DifferenceFilter(null, "province", null), 0, 10))
                .extracting(ReconcileStore.Difference::dossierCode).containsExactly("A-3");
        assertThat(store.countDifferences(run, new ReconcileStore.DifferenceFilter("deadLettered", "emc", "A-4"))).isEqualTo(1);
        assertThat(store.countDifferences(run, new ReconcileStore.DifferenceFilter("deadLettered", "dvcqg", null))).isZero();
        assertThat(store.partners(run)).containsExactly("dvcqg", "emc", "province");

        long delivered = delivery("A-1", "dvcqg", 1, "DELIVERED");
        delivery("A-1", "emc", 1, "DELIVERED");
        delivery("A-2", "dvcqg", 1, "PENDING");
        assertThat(store.latestDeliveryState("province", "A-1", "dvcqg")).isEqualTo("DELIVERED");
        DifferenceResync resync = new DifferenceResync(store, new DeliveryStore(jdbc),
                new TransactionTemplate(new DataSourceTransactionManager(ds)), new AuditLog(ds, new ManualClock(T0)),
                new ManualClock(T0.plusSeconds(30)));
        long a1 = idOf(run, "A-1");
        DifferenceResync.Outcome o = resync.resync(run, a1, "operator", "127.0.0.1");
        assertThat(o.deliveryId()).isEqualTo(delivered);
        assertThat(store.latestDeliveryState("province", "A-1", "dvcqg")).isEqualTo("PENDING");
        assertThat(store.latestDeliveryState("province", "A-1", "emc")).as("the other target untouched").isEqualTo("DELIVERED");
        ReconcileStore.Difference done = store.difference(run, a1).orElseThrow();
        assertThat(done.healed()).isTrue();
        assertThat(done.resyncedBy()).isEqualTo("operator");
        assertThat(done.resyncedAt()).isEqualTo(T0.plusSeconds(30));
        assertThat(done.healAction()).isEqualTo("re-synced by operator: re-queued delivery #" + delivered);
        assertThat(store.claimResync(run, a1, "admin", "again", T0.plusSeconds(40))).as("claimed once").isFalse();
        assertThatThrownBy(() -> resync.resync(run, a1, "admin", null)).isInstanceOf(DifferenceResync.Refused.class)
                .hasMessageContaining("already re-synced by operator");

        // the latest delivery is not DELIVERED: nothing re-opened, the row not taken (rolled back)
        long a2 = idOf(run, "A-2");
        assertThatThrownBy(() -> resync.resync(run, a2, "operator", null)).isInstanceOf(DifferenceResync.Refused.class)
                .hasMessageContaining("no longer DELIVERED");
        ReconcileStore.Difference open = store.difference(run, a2).orElseThrow();
        assertThat(open.healed()).isFalse();
        assertThat(open.resyncedAt()).isNull();
        assertThat(DifferenceResync.resyncable(open)).isTrue();
        assertThat(store.latestDeliveryState("province", "A-2", "dvcqg")).isEqualTo("PENDING");
        // categories a person fixes elsewhere, and rows of no run
        assertThat(DifferenceResync.resyncable(store.difference(run, idOf(run, "A-3")).orElseThrow())).isFalse();
        assertThatThrownBy(() -> resync.resync(run, idOf(run, "A-4"), "operator", null)).isInstanceOf(DifferenceResync.Refused.class)
                .matches(e -> !((DifferenceResync.Refused) e).notFound());
        assertThatThrownBy(() -> resync.resync(run + 1, a2, "operator", null)).matches(e -> ((DifferenceResync.Refused) e).notFound());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'reconcile.resync'", Map.of(), Long.class))
                .isEqualTo(1);
    }

    @Test
    void concurrentReSyncsOfOneRowApplyOnce() throws Exception {
        long run = store.insertRunning(new ReconcileStore.Start("api", "tester", null, false), T0.minusSeconds(60), T0, T0);
        store.insertDifferences(List.of(diff(run, Category.MISSING_AT_TARGET, "C-1", "dvcqg")));
        delivery("C-1", "dvcqg", 1, "DELIVERED");
        long id = idOf(run, "C-1");
        DifferenceResync resync = new DifferenceResync(store, new DeliveryStore(jdbc),
                new TransactionTemplate(new DataSourceTransactionManager(ds)), new AuditLog(ds, new ManualClock(T0)), new ManualClock(T0));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Boolean>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String user = "user" + i;
            answers.add(pool.submit(() -> {
                go.await();
                try {
                    resync.resync(run, id, user, null);
                    return true;
                } catch (DifferenceResync.Refused e) {
                    return false;
                }
            }));
        }
        go.countDown();
        int applied = 0;
        for (java.util.concurrent.Future<Boolean> a : answers) {
            applied += a.get(30, java.util.concurrent.TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(applied).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_event WHERE action = 'reconcile.resync'", Map.of(), Long.class))
                .isEqualTo(1);
        assertThat(store.difference(run, id).orElseThrow().resyncedBy()).startsWith("user");
    }

    @Test
    void incidentsAreOpenRecoveringOrClosedAndPagedByPartner() {
        JdbcIncidentBook book = new JdbcIncidentBook(jdbc);
        // closed: mailed when it opened and when it recovered, no longer in the book
        alerts.logMail(T0, mail(AlertMail.Kind.INCIDENT, "dvcqg", "dvcqg-failing-1", "dvcqg/*/failing", 37), "SENT", List.of("a@localhost"), null);
        alerts.logMail(T0.plusSeconds(600), mail(AlertMail.Kind.RECOVERED, "dvcqg", "dvcqg-failing-1", "dvcqg/*/failing", 37), "SENT",
                List.of("a@localhost"), null);
        // recovering: in the book with the time the partner answered again
        IncidentKey emc = IncidentKey.failing("emc");
        String emcId = book.open(emc, T0.plusSeconds(1000)).incident().id();
        alerts.logMail(T0.plusSeconds(1001), mail(AlertMail.Kind.INCIDENT, "emc", emcId, emc.toString(), 3), "THROTTLED", List.of("b@localhost"), null);
        book.recovered(emc, T0.plusSeconds(1200));
        // open, its mail not logged yet
        IncidentKey dead = new IncidentKey("dvcqg", "1.001229", "dead-http-400");
        String deadId = book.open(dead, T0.plusSeconds(2000)).incident().id();
        // a digest belongs to no incident
        alerts.logMail(T0.plusSeconds(3000), mail(AlertMail.Kind.DIGEST, null, null, null, 0), "SENT", List.of("a@localhost"), null);

        assertThat(alerts.countIncidents(null)).isEqualTo(3);
        List<AlertStore.IncidentRecord> all = alerts.incidents(null, 0, 10);
        assertThat(all).extracting(AlertStore.IncidentRecord::incidentId).containsExactly(deadId, emcId, "dvcqg-failing-1");
        assertThat(all.get(0).state()).isEqualTo("OPEN");
        assertThat(all.get(0).errorClass()).isEqualTo("dead-http-400");
        assertThat(all.get(0).opened()).isEqualTo(T0.plusSeconds(2000));
        assertThat(all.get(1).state()).isEqualTo("RECOVERING");
        assertThat(all.get(1).opened()).isEqualTo(T0.plusSeconds(1000));
        assertThat(all.get(1).recovered()).isEqualTo(T0.plusSeconds(1200));
        assertThat(all.get(2).state()).isEqualTo("CLOSED");
        assertThat(all.get(2).opened()).isEqualTo(T0);
        assertThat(all.get(2).recovered()).isEqualTo(T0.plusSeconds(600));
        assertThat(all.get(2).dossiers()).isEqualTo(37);
        assertThat(all.get(2).mails()).isEqualTo(2);
        assertThat(alerts.incidents(null, 1, 1)).extracting(AlertStore.IncidentRecord::incidentId).containsExactly(emcId);
        assertThat(alerts.incidents("dvcqg", 0, 10)).extracting(AlertStore.IncidentRecord::incidentId).containsExactly(deadId, "dvcqg-failing-1");
        assertThat(alerts.countIncidents("emc")).isEqualTo(1);

        assertThat(alerts.countMails(null)).isEqualTo(4);
        assertThat(alerts.mails(null, 0, 2)).extracting(AlertStore.AlertRecord::kind).containsExactly("digest", "incident");
        assertThat(alerts.mails("dvcqg", 0, 10)).extracting(AlertStore.AlertRecord::kind).containsExactly("recovered", "incident");
        assertThat(alerts.countMails("emc")).isEqualTo(1);
        assertThat(alerts.mailPartners()).containsExactly("dvcqg", "emc");
    }

    private static AlertMail mail(AlertMail.Kind kind, String partner, String id, String key, int dossiers) {
        return new AlertMail(kind, partner, null, id, key, dossiers, "[tthc-hub] " + kind, "body", List.of());
    }

    private static ReconcileStore.Difference diff(long run, Category c, String code, String target) {
        return new ReconcileStore.Difference(0, run, c, "province", code, target, "1.001229", "000.00.06.H56", 1L, 2, 1L, 2, null, null,
                null, "detail", false, "not healed: report-only run (re-sync it from the console)");
    }

    private long idOf(long run, String code) {
        return store.differences(run, new ReconcileStore.DifferenceFilter(null, null, code), 0, 1).get(0).id();
    }

    private long delivery(String code, String target, long version, String state) {
        jdbc.update("""
                INSERT INTO delivery (source, dossier_code, version, target, state, next_attempt_at, created_at, updated_at)
                VALUES ('province', :code, :version, :target, :state, :t, :t, :t)""",
                new MapSqlParameterSource("code", code).addValue("target", target).addValue("state", state).addValue("version", version)
                        .addValue("t", T0.atOffset(ZoneOffset.UTC)));
        return jdbc.queryForObject("SELECT id FROM delivery WHERE dossier_code = :code AND target = :target AND version = :version",
                Map.of("code", code, "target", target, "version", version), Long.class);
    }
}
