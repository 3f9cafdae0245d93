package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
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
import vn.tthc.hub.audit.AuditLog;

/**
 * Dead letters, replay, discard and bulk replay jobs over the real SQL, run unchanged on each supported database (H2 and
 * PostgreSQL subclasses): the conditional replay (once, however often asked), superseded versions refused, discard with
 * its reason, the filters, the dry run's counts, and a job's steps (rate, pause, cancel, resume, lease, restart).
 */
abstract class DeadLettersContract {
    static final Instant T0 = Instant.parse("2026-12-03T01:00:00Z");
    NamedParameterJdbcTemplate jdbc;
    DeliveryStore deliveries;
    VersionStore versions;
    ReplayJobStore jobStore;
    DeadLetters deadLetters;
    ReplayJobs jobs;
    TransactionTemplate tx;
    ManualClock clock;
    AuditLog audit;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(dataSource()).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(dataSource()).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource());
        deliveries = new DeliveryStore(jdbc);
        versions = new VersionStore(jdbc);
        jobStore = new ReplayJobStore(jdbc);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
        clock = new ManualClock(T0.plusSeconds(3600));
        audit = new AuditLog(dataSource(), clock);
        deadLetters = new DeadLetters(deliveries, audit, clock);
        jobs = new ReplayJobs(deliveries, jobStore, deadLetters, tx, audit, clock, 1000);
    }

    /** A stored version with its deliveries; answers the delivery ids by target. */
    Map<String, Long> version(String code, long v, String procedure, String agency, String... targets) {
        tx.executeWithoutResult(s -> {
            VersionStore.NewVersion nv = new VersionStore.NewVersion(code, "province", v, "h" + v + "0".repeat(62), 2, procedure, agency,
                    (int) v, (int) v - 1, "{\"code\":\"" + code + "\"}", "webhook");
            if (versions.lockDossier("province", code).isPresent()) {
                versions.updateDossier(nv, T0);
            } else {
                versions.insertDossier(nv, T0);
            }
            versions.insertVersion(nv, T0);
            deliveries.insertDeliveries("province", code, v, List.of(targets), T0);
        });
        Map<String, Long> ids = new java.util.LinkedHashMap<>();
        for (String t : targets) {
            ids.put(t, jdbc.queryForObject("SELECT id FROM delivery WHERE dossier_code = :c AND version = :v AND target = :t",
                    Map.of("c", code, "v", v, "t", t), Long.class));
        }
        return ids;
    }

    /** Two failed attempts at stage 1 (one call of a multi-call delivery done), then DEAD at {@code at}. */
    void kill(long id, String error, Instant at) {
        deliveries.insertAttempt(id, 1, at.minusSeconds(10), 5, 503, "TRANSIENT", "HTTP 503");
        deliveries.finishAttempt(id, DeliveryState.FAILED, 1, 1, at.minusSeconds(5), 503, "HTTP 503", null, at.minusSeconds(10));
        deliveries.insertAttempt(id, 2, at, 5, 400, "PERMANENT", error);
        deliveries.finishAttempt(id, DeliveryState.DEAD, 2, 1, null, 400, error, null, at);
    }

    void deliver(long id) {
        deliveries.finishAttempt(id, DeliveryState.DELIVERED, 1, 1, null, 200, null, "p".repeat(64), T0);
    }

    Map<String, Object> row(long id) {
        return jdbc.queryForMap("SELECT * FROM delivery WHERE id = :id", Map.of("id", id));
    }

    long attempts(long id) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM delivery_attempt WHERE delivery_id = :id", Map.of("id", id), Long.class);
    }

    List<String> audited(String action) {
        return jdbc.queryForList("SELECT target || ' | ' || detail FROM audit_event WHERE action = :a ORDER BY id", Map.of("a", action),
                String.class);
    }

    @Test
    void aReplayIsOneConditionalUpdateBackToTheOutboxKeepingStageAndHistory() {
        long id = version("A-1", 1, "1.001229", "000.00.06.H56", "dvcqg").get("dvcqg");
        kill(id, "error_code -1: trường MaHoSo sai", T0);

        assertThat(deadLetters.replay(id, "op1", "10.0.0.5")).isEqualTo(DeliveryState.PENDING);
        Map<String, Object> r = row(id);
        assertThat(r.get("state")).isEqualTo("PENDING");
        assertThat(r.get("published")).isEqualTo(false);
        assertThat(r.get("stage")).as("the call already made is not made again").isEqualTo(1);
        assertThat(r.get("attempts")).as("attempt numbers go on").isEqualTo(2);
        assertThat(r.get("retry_base")).as("the retry budget counts from the replay").isEqualTo(2);
        assertThat(r.get("replays")).isEqualTo(1);
        assertThat((String) r.get("last_error")).contains("replayed by op1", "error_code -1");
        assertThat(SqlValues.ts(clock.instant()).toInstant()).isEqualTo(((java.time.OffsetDateTime) jdbc.queryForObject(
                "SELECT next_attempt_at FROM delivery WHERE id = :id", Map.of("id", id), java.time.OffsetDateTime.class)).toInstant());
        assertThat(attempts(id)).as("the attempt history stays").isEqualTo(2);
        // the relay picks it up like any due delivery, and the worker sees the budget since the replay
        List<DeliveryStore.DueDelivery> due = tx.execute(s -> deliveries.lockDue(clock.instant(), 10));
        assertThat(due).extracting(DeliveryStore.DueDelivery::id).contains(id);
        DeliveryStore.DeliveryWork w = deliveries.loadWork(id).orElseThrow();
        assertThat(w.attemptsSinceReplay()).isZero();
        assertThat(w.attempts()).isEqualTo(2);

        // a second click, or a second operator: nothing changes, 409
        assertThatThrownBy(() -> deadLetters.replay(id, "op2", null)).isInstanceOfSatisfying(ReplayRefused.class,
                e -> assertThat(e.kind()).isEqualTo(ReplayRefused.Kind.CONFLICT));
        assertThat(deliveries.replay(id, "op2", "again", clock.instant())).isZero();
        assertThat(row(id).get("replays")).isEqualTo(1);
        assertThat(audited(DeadLetters.AUDIT_REPLAY)).singleElement().asString().contains("delivery #" + id, "A-1 v1", "dvcqg");
        assertThatThrownBy(() -> deadLetters.replay(9999, "op1", null)).isInstanceOfSatisfying(ReplayRefused.class,
                e -> assertThat(e.kind()).isEqualTo(ReplayRefused.Kind.NOT_FOUND));
    }

    @Test
    void anOlderVersionWhoseSuccessorWasDeliveredIsSupersededAndCannotBeReplayed() {
        long v1 = version("B-1", 1, "1.001229", "X", "dvcqg").get("dvcqg");
        long v2 = version("B-1", 2, "1.001229", "X", "dvcqg").get("dvcqg");
        kill(v1, "error_code -1", T0);
        // while v1 is dead, v2 is not held back (openPredecessorDue looks at open versions only) and is delivered
        assertThat(deliveries.openPredecessorDue("province", "B-1", "dvcqg", 2)).isEmpty();
        deliver(v2);

        assertThat(deadLetters.list(DeadLetterFilter.ANY, 0, 10)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(v1);
            assertThat(d.superseded()).isTrue();
        });
        assertThatThrownBy(() -> deadLetters.replay(v1, "op1", null)).isInstanceOfSatisfying(ReplayRefused.class,
                e -> assertThat(e.kind()).isEqualTo(ReplayRefused.Kind.SUPERSEDED));
        assertThat(deliveries.replay(v1, "op1", "forced", clock.instant())).as("the UPDATE itself refuses it too").isZero();
        assertThat(row(v1).get("state")).isEqualTo("DEAD");
        assertThat(deliveries.deliveredSuccessor("province", "B-1", "dvcqg", 1)).contains(2L);
        assertThat(deliveries.deliveredSuccessor("province", "B-1", "dvcqg", 2)).isEmpty();
        // it can be discarded instead
        assertThat(deadLetters.discard(v1, "v2 đã lên Cổng", "op1", null)).isEqualTo(DeliveryState.DISCARDED);
    }

    @Test
    void aReplayedVersionKeepsOrderWithItsStillOpenSuccessor() {
        long v1 = version("C-1", 1, "1.001229", "X", "dvcqg").get("dvcqg");
        long v2 = version("C-1", 2, "1.001229", "X", "dvcqg").get("dvcqg");
        kill(v1, "error_code -1", T0);
        deliveries.finishAttempt(v2, DeliveryState.FAILED, 1, 0, T0.plusSeconds(30), 503, "HTTP 503", null, T0);
        assertThat(deliveries.openPredecessorDue("province", "C-1", "dvcqg", 2)).isEmpty();
        deadLetters.replay(v1, "op1", null);
        // v2 now waits for v1 again: the worker defers it until v1 is closed
        assertThat(deliveries.openPredecessorDue("province", "C-1", "dvcqg", 2)).isPresent();
    }

    @Test
    void aDiscardNeedsAReasonAndClosesTheDeliveryForGood() {
        long id = version("D-1", 1, "1.001229", "X", "dvcqg").get("dvcqg");
        kill(id, "error_code -1", T0);
        for (String blank : new String[] {null, "", "   "}) {
            assertThatThrownBy(() -> deadLetters.discard(id, blank, "op1", null)).isInstanceOfSatisfying(ReplayRefused.class, e -> {
                assertThat(e.kind()).isEqualTo(ReplayRefused.Kind.INVALID);
                assertThat(e.field()).isEqualTo("reason");
            });
        }
        assertThat(row(id).get("state")).isEqualTo("DEAD");
        assertThat(deadLetters.discard(id, "Hồ sơ nhập nhầm, CCCD 019190001234", "op1", "10.0.0.5")).isEqualTo(DeliveryState.DISCARDED);
        Map<String, Object> r = row(id);
        assertThat(r.get("state")).isEqualTo("DISCARDED");
        assertThat((String) r.get("discard_reason")).startsWith("Hồ sơ nhập nhầm").doesNotContain("019190001234");
        assertThat(r.get("discarded_by")).isEqualTo("op1");
        assertThat(r.get("discarded_at")).isNotNull();
        assertThat(audited(DeadLetters.AUDIT_DISCARD)).singleElement().asString().contains("delivery #" + id, "reason: Hồ sơ nhập nhầm")
                .doesNotContain("019190001234");
        // closed: not listed, not replayable, never published again, and a stale message is a duplicate
        assertThat(deadLetters.count(DeadLetterFilter.ANY)).isZero();
        assertThatThrownBy(() -> deadLetters.replay(id, "op1", null)).isInstanceOf(ReplayRefused.class);
        assertThatThrownBy(() -> deadLetters.discard(id, "again", "op1", null)).isInstanceOfSatisfying(ReplayRefused.class,
                e -> assertThat(e.kind()).isEqualTo(ReplayRefused.Kind.CONFLICT));
        List<DeliveryStore.DueDelivery> due = tx.execute(s -> deliveries.lockDue(clock.instant().plusSeconds(3600), 10));
        assertThat(due).isEmpty();
        assertThat(DeliveryDecision.closed(DeliveryState.valueOf((String) r.get("state")))).isTrue();
    }

    @Test
    void theListFiltersByTargetProcedureAgencyErrorAndTimeOfDeath() {
        long a = version("E-1", 1, "1.001229", "AG1", "dvcqg", "emc").get("dvcqg");
        long b = jdbc.queryForObject("SELECT id FROM delivery WHERE dossier_code = 'E-1' AND target = 'emc'", Map.of(), Long.class);
        long c = version("E-2", 1, "2.000477", "AG2", "dvcqg").get("dvcqg");
        kill(a, "error_code -1: MaTTHC 100% sai", T0);
        kill(b, "retries exhausted after 30 attempts; last error: HTTP 503", T0.plusSeconds(600));
        kill(c, "error_code -1: thiếu trường", T0.plusSeconds(1200));
        version("E-3", 1, "1.001229", "AG1", "dvcqg"); // pending: never listed

        assertThat(ids(DeadLetterFilter.ANY)).containsExactly(c, b, a);
        assertThat(ids(new DeadLetterFilter("dvcqg", null, null, null, null, null))).containsExactly(c, a);
        assertThat(ids(new DeadLetterFilter(null, "1.001229", null, null, null, null))).containsExactly(b, a);
        assertThat(ids(new DeadLetterFilter(null, null, "AG2", null, null, null))).containsExactly(c);
        assertThat(ids(new DeadLetterFilter(null, null, null, "HTTP 503", null, null))).containsExactly(b);
        assertThat(ids(new DeadLetterFilter(null, null, null, "100%", null, null))).as("% is a character, not a wildcard").containsExactly(a);
        assertThat(ids(new DeadLetterFilter(null, null, null, "0%", null, null))).containsExactly(a);
        assertThat(ids(new DeadLetterFilter(null, null, null, "ERROR_CODE", null, null))).containsExactly(c, a);
        assertThat(ids(new DeadLetterFilter(null, null, null, null, T0.plusSeconds(600), T0.plusSeconds(1200)))).containsExactly(b);
        assertThat(ids(new DeadLetterFilter(" ", "", null, null, null, null))).as("blank is any").hasSize(3);
        assertThat(deadLetters.count(new DeadLetterFilter("dvcqg", null, null, null, null, null))).isEqualTo(2);
        assertThat(deadLetters.list(DeadLetterFilter.ANY, 1, 1)).extracting(DeadLetter::id).containsExactly(b);
        DeadLetter first = deadLetters.list(new DeadLetterFilter(null, null, "AG2", null, null, null), 0, 1).get(0);
        assertThat(first).isEqualTo(new DeadLetter(c, "E-2", "province", 1, "dvcqg", "2.000477", "AG2", 2, 400, "error_code -1: thiếu trường",
                T0.plusSeconds(1200), false));
    }

    List<Long> ids(DeadLetterFilter f) {
        return deadLetters.list(f, 0, 100).stream().map(DeadLetter::id).toList();
    }

    /** Eight dead letters: 5 to the portal (procedure P1 ×3, P2 ×2, one of P1 superseded), 3 to EMC (P1). */
    List<Long> eightDead() {
        List<Long> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<String, Long> d = version("J-" + i, 1, "P1", "AG", "dvcqg", "emc");
            ids.addAll(d.values());
        }
        for (int i = 3; i < 5; i++) {
            ids.add(version("J-" + i, 1, "P2", "AG", "dvcqg").get("dvcqg"));
        }
        for (long id : ids) {
            kill(id, "error_code -1", T0);
        }
        deliver(version("J-0", 2, "P1", "AG", "dvcqg").get("dvcqg")); // J-0 v1 to the portal is superseded
        return ids;
    }

    @Test
    void aDryRunCountsPerPartnerAndProcedureAndChangesNothing() {
        List<Long> ids = eightDead();
        ReplayJob j = jobs.dryRun(DeadLetterFilter.ANY, 3, "op1", "10.0.0.5");
        assertThat(j.state()).isEqualTo(ReplayJob.DRY_RUN);
        assertThat(j.total()).isEqualTo(8);
        assertThat(j.wouldSkip()).isEqualTo(1);
        assertThat(j.byTarget()).containsOnlyKeys("dvcqg", "emc");
        assertThat(j.byTarget().get("dvcqg")).containsExactly(4, 1);
        assertThat(j.byTarget().get("emc")).containsExactly(3, 0);
        assertThat(j.byProcedure().get("P1")).containsExactly(5, 1);
        assertThat(j.byProcedure().get("P2")).containsExactly(2, 0);
        assertThat(j.maxId()).isEqualTo(ids.stream().mapToLong(Long::longValue).max().orElseThrow());
        assertThat(j.filter()).isEqualTo(DeadLetterFilter.ANY);
        // nothing changed, and a dry run is not stepped
        assertThat(deadLetters.count(DeadLetterFilter.ANY)).isEqualTo(8);
        assertThat(jobs.step()).isZero();
        assertThat(deadLetters.count(DeadLetterFilter.ANY)).isEqualTo(8);
        // the filter and its counts read back from the row
        ReplayJob portal = jobs.dryRun(new DeadLetterFilter("dvcqg", "P1", null, "ERROR", T0.minusSeconds(1), T0.plusSeconds(1)), null,
                "op1", null);
        assertThat(jobs.job(portal.id()).filter()).isEqualTo(new DeadLetterFilter("dvcqg", "P1", null, "ERROR", T0.minusSeconds(1),
                T0.plusSeconds(1)));
        assertThat(portal.total()).isEqualTo(3);
        assertThat(portal.ratePerSecond()).isEqualTo(10);
        assertThat(audited("replay.dry-run")).hasSize(2);
        assertThatThrownBy(() -> jobs.dryRun(DeadLetterFilter.ANY, 0, "op1", null)).isInstanceOfSatisfying(ReplayRefused.class,
                e -> assertThat(e.field()).isEqualTo("rate"));
        assertThatThrownBy(() -> jobs.dryRun(DeadLetterFilter.ANY, 501, "op1", null)).isInstanceOf(ReplayRefused.class);
    }

    @Test
    void aJobStepsAtItsRateAndCanBePausedResumedAndIsDoneOnce() {
        eightDead();
        ReplayJob j = jobs.dryRun(DeadLetterFilter.ANY, 3, "op1", null);
        assertThatThrownBy(() -> jobs.pause(j.id(), "op1", null)).as("a dry run is not paused").isInstanceOf(ReplayRefused.class);
        jobs.start(j.id(), null, "op1", null);
        assertThatThrownBy(() -> jobs.start(j.id(), 5, "op1", null)).as("started once").isInstanceOfSatisfying(ReplayRefused.class,
                e -> assertThat(e.kind()).isEqualTo(ReplayRefused.Kind.CONFLICT));

        assertThat(jobs.step()).as("at most rate dead letters a step").isEqualTo(3);
        assertThat(jobs.step()).as("the lease holds until the next tick").isZero();
        assertThat(jobs.job(j.id()).processed()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));

        jobs.pause(j.id(), "op1", null);
        assertThat(jobs.step()).as("a paused job does not move").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(jobs.step()).isZero();
        assertThat(jobs.job(j.id()).processed()).isEqualTo(3);

        jobs.resume(j.id(), "op2", null);
        assertThat(jobs.step()).isEqualTo(3);
        clock.advance(Duration.ofSeconds(1));
        assertThat(jobs.step()).isEqualTo(2);
        ReplayJob done = jobs.job(j.id());
        assertThat(done.state()).isEqualTo(ReplayJob.DONE);
        assertThat(done.replayed()).isEqualTo(7);
        assertThat(done.skippedSuperseded()).isEqualTo(1);
        assertThat(done.failed()).isZero();
        assertThat(done.percent()).isEqualTo(100);
        assertThat(done.finishedAt()).isNotNull();
        assertThat(deadLetters.count(DeadLetterFilter.ANY)).as("only the superseded one is still dead").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE state = 'PENDING' AND replays = 1 AND published = FALSE",
                Map.of(), Long.class)).isEqualTo(7);
        clock.advance(Duration.ofSeconds(1));
        assertThat(jobs.step()).isZero();
        assertThat(audited("replay.start")).singleElement().asString().contains("total 8");
        assertThat(audited("replay.pause")).singleElement().asString().contains("replayed 2, skipped as superseded 1");
        assertThat(audited("replay.resume")).hasSize(1);
        assertThat(audited("replay.done")).singleElement().asString().contains("replayed 7", "skipped as superseded 1");
        assertThat(audited(DeadLetters.AUDIT_REPLAY)).as("a job audits its actions, not each delivery").isEmpty();
    }

    @Test
    void aCancelledJobStopsAndADeadLetterReplayedMeanwhileCountsAsNotDone() {
        List<Long> ids = eightDead();
        ReplayJob j = jobs.dryRun(new DeadLetterFilter("emc", null, null, null, null, null), 2, "op1", null);
        jobs.start(j.id(), null, "op1", null);
        long firstEmc = ids.stream().filter(id -> "emc".equals(row(id).get("target"))).findFirst().orElseThrow();
        // replayed by hand between the dry run and the step: still selected by id, refused by the conditional UPDATE
        DeliveryStore.ReplayCandidate stale = deliveries.replayCandidate(firstEmc).orElseThrow();
        deadLetters.replay(firstEmc, "op2", null);
        assertThat(deadLetters.replayOne(stale, "op1")).isEqualTo(DeadLetters.Outcome.NOT_DEAD);
        assertThat(jobs.step()).isEqualTo(2);
        assertThat(jobs.job(j.id()).replayed()).isEqualTo(2);
        jobs.cancel(j.id(), "op1", null);
        clock.advance(Duration.ofSeconds(2));
        assertThat(jobs.step()).isZero();
        ReplayJob cancelled = jobs.job(j.id());
        assertThat(cancelled.state()).isEqualTo(ReplayJob.CANCELLED);
        assertThat(cancelled.finished()).isTrue();
        assertThatThrownBy(() -> jobs.resume(j.id(), "op1", null)).isInstanceOf(ReplayRefused.class);
        assertThat(audited("replay.cancel")).singleElement().asString().contains("replayed 2");
        // a dry run can be cancelled too
        ReplayJob dry = jobs.dryRun(DeadLetterFilter.ANY, 2, "op1", null);
        assertThat(jobs.cancel(dry.id(), "op1", null).state()).isEqualTo(ReplayJob.CANCELLED);
        assertThatThrownBy(() -> jobs.start(dry.id(), null, "op1", null)).isInstanceOf(ReplayRefused.class);
    }

    @Test
    void twoInstancesNeverStepOneJobAtOnceAndAnotherInstanceResumesItAfterARestart() {
        eightDead();
        ReplayJob j = jobs.dryRun(DeadLetterFilter.ANY, 4, "op1", null);
        jobs.start(j.id(), null, "op1", null);
        ReplayJobs other = new ReplayJobs(deliveries, jobStore, deadLetters, tx, audit, clock, 1000);
        assertThat(jobs.step()).isEqualTo(4);
        assertThat(other.step()).as("the other instance finds the lease taken").isZero();
        // this instance is gone (a restart): once its lease has run out, the other one goes on from the stored position
        clock.advance(Duration.ofSeconds(1));
        ReplayJobs restarted = new ReplayJobs(deliveries, jobStore, deadLetters, tx, audit, clock, 1000);
        assertThat(restarted.step()).isEqualTo(4);
        ReplayJob after = restarted.job(j.id());
        assertThat(after.processed()).isEqualTo(8);
        assertThat(after.state()).as("4 of 4 taken: done on the next step").isEqualTo(ReplayJob.RUNNING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(other.step()).isZero();
        assertThat(restarted.job(j.id()).state()).isEqualTo(ReplayJob.DONE);
        assertThat(restarted.job(j.id()).replayed()).isEqualTo(7);
        // a step whose read position moved on meanwhile counts nothing
        assertThat(jobStore.progress(j.id(), 0, 99, 1, 0, 0, clock.instant())).isFalse();
    }

    @Test
    void jobsAreListedNewestFirst() {
        eightDead();
        long a = jobs.dryRun(DeadLetterFilter.ANY, 1, "op1", null).id();
        long b = jobs.dryRun(DeadLetterFilter.ANY, 1, "op1", null).id();
        assertThat(jobs.jobs(0, 10)).extracting(ReplayJob::id).containsExactly(b, a);
        assertThat(jobs.jobs(1, 10)).extracting(ReplayJob::id).containsExactly(a);
        assertThat(jobs.count()).isEqualTo(2);
        assertThatThrownBy(() -> jobs.job(12345)).isInstanceOfSatisfying(ReplayRefused.class,
                e -> assertThat(e.kind()).isEqualTo(ReplayRefused.Kind.NOT_FOUND));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM replay_job WHERE created_by = :u", new MapSqlParameterSource("u", "op1"),
                Long.class)).isEqualTo(2);
    }
}
