package vn.tthc.hub.sim.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.sim.common.SimLedger.ApplyResult;

/** Checks the ledger: applied vs wire vs applied duplicates, counters, the request ring and concurrency. */
class SimLedgerTest {

    @Test
    void fullStateUpsertsMayReturnToAnEarlierStateButNotRepeatTheCurrentOne() {
        SimLedger ledger = new SimLedger();
        assertThat(ledger.applyState("D1", "status4")).isEqualTo(ApplyResult.APPLIED);
        assertThat(ledger.applyState("D1", "status5")).isEqualTo(ApplyResult.APPLIED);
        assertThat(ledger.applyState("D1", "status4")).as("4 -> 5 -> 4 is a real change").isEqualTo(ApplyResult.APPLIED);
        assertThat(ledger.applyState("D1", "status4")).isEqualTo(ApplyResult.APPLIED_DUPLICATE);
        ledger.markResponseLost("D1", "status4");
        assertThat(ledger.applyState("D1", "status4")).isEqualTo(ApplyResult.WIRE_DUPLICATE);
        assertThat(ledger.applied()).isEqualTo(3);
        assertThat(ledger.dossiers()).isEqualTo(1);
        assertThat(ledger.appliedDuplicates()).isEqualTo(1);
        assertThat(ledger.wireDuplicates()).isEqualTo(1);
    }

    @Test
    void newPairIsAppliedAndCountsTheDossierOnce() {
        SimLedger ledger = new SimLedger();
        assertThat(ledger.apply("D1", "h1")).isEqualTo(ApplyResult.APPLIED);
        assertThat(ledger.apply("D1", "h2")).isEqualTo(ApplyResult.APPLIED);
        assertThat(ledger.apply("D2", "h1")).isEqualTo(ApplyResult.APPLIED);
        assertThat(ledger.applied()).isEqualTo(3);
        assertThat(ledger.dossiers()).isEqualTo(2);
        assertThat(ledger.appliedDuplicates()).isZero();
        assertThat(ledger.isApplied("D1", "h2")).isTrue();
        assertThat(ledger.isApplied("D2", "h2")).isFalse();
    }

    @Test
    void duplicateWithoutLostResponseIsAnAppliedDuplicate() {
        SimLedger ledger = new SimLedger();
        ledger.apply("D1", "h1");
        assertThat(ledger.apply("D1", "h1")).isEqualTo(ApplyResult.APPLIED_DUPLICATE);
        assertThat(ledger.appliedDuplicates()).isEqualTo(1);
        assertThat(ledger.wireDuplicates()).isZero();
        assertThat(ledger.applied()).isEqualTo(1);
    }

    @Test
    void lostResponseExcusesExactlyOneResend() {
        SimLedger ledger = new SimLedger();
        ledger.apply("D1", "h1");
        ledger.markResponseLost("D1", "h1");
        assertThat(ledger.apply("D1", "h1")).isEqualTo(ApplyResult.WIRE_DUPLICATE);
        assertThat(ledger.apply("D1", "h1")).isEqualTo(ApplyResult.APPLIED_DUPLICATE);
        assertThat(ledger.wireDuplicates()).isEqualTo(1);
        assertThat(ledger.appliedDuplicates()).isEqualTo(1);
    }

    @Test
    void twoLostResponsesExcuseTwoResends() {
        SimLedger ledger = new SimLedger();
        ledger.apply("D1", "h1");
        ledger.markResponseLost("D1", "h1");
        assertThat(ledger.apply("D1", "h1")).isEqualTo(ApplyResult.WIRE_DUPLICATE);
        ledger.markResponseLost("D1", "h1");
        assertThat(ledger.apply("D1", "h1")).isEqualTo(ApplyResult.WIRE_DUPLICATE);
        assertThat(ledger.wireDuplicates()).isEqualTo(2);
        assertThat(ledger.appliedDuplicates()).isZero();
    }

    @Test
    void lostResponseOfAnotherHashDoesNotExcuse() {
        SimLedger ledger = new SimLedger();
        ledger.apply("D1", "h1");
        ledger.apply("D1", "h2");
        ledger.markResponseLost("D1", "h2");
        assertThat(ledger.apply("D1", "h1")).isEqualTo(ApplyResult.APPLIED_DUPLICATE);
        ledger.markResponseLost("D2", "h1");
        assertThat(ledger.apply("D1", "h1")).isEqualTo(ApplyResult.APPLIED_DUPLICATE);
    }

    @Test
    void snapshotHasTheStandardAndExtraCounters() {
        SimLedger ledger = new SimLedger(10, "logins");
        ledger.addReceived(3);
        ledger.addRejected(1);
        ledger.addOutOfOrder(2);
        ledger.increment("logins");
        ledger.apply("D", "h");
        assertThat(ledger.snapshot()).containsExactly(
                org.assertj.core.api.Assertions.entry("received", 3L),
                org.assertj.core.api.Assertions.entry("applied", 1L),
                org.assertj.core.api.Assertions.entry("appliedDuplicates", 0L),
                org.assertj.core.api.Assertions.entry("rejected", 1L),
                org.assertj.core.api.Assertions.entry("dossiers", 1L),
                org.assertj.core.api.Assertions.entry("wireDuplicates", 0L),
                org.assertj.core.api.Assertions.entry("outOfOrder", 2L),
                org.assertj.core.api.Assertions.entry("logins", 1L));
        assertThat(ledger.get("logins")).isEqualTo(1);
        assertThatThrownBy(() -> ledger.increment("nope")).hasMessageContaining("nope");
    }

    @Test
    void resetClearsEverything() {
        SimLedger ledger = new SimLedger(10, "logins");
        ledger.apply("D", "h");
        ledger.increment("logins");
        ledger.recordRequest("{}");
        ledger.reset();
        assertThat(ledger.snapshot().values()).allMatch(v -> (Long) v == 0L);
        assertThat(ledger.lastRequests(10)).isEmpty();
        assertThat(ledger.apply("D", "h")).isEqualTo(ApplyResult.APPLIED);
    }

    @Test
    void ringKeepsTheLastRequestsOldestFirst() {
        SimLedger ledger = new SimLedger(3);
        for (int i = 1; i <= 5; i++) {
            ledger.recordRequest("r" + i);
        }
        assertThat(ledger.lastRequests(10)).containsExactly("r3", "r4", "r5");
        assertThat(ledger.lastRequests(2)).containsExactly("r4", "r5");
        assertThat(ledger.lastRequests(0)).isEmpty();
        assertThat(new SimLedger().lastRequests(5)).isEmpty();
    }

    @Test
    void concurrentAppliesOfTheSamePairGiveOneApplied() throws Exception {
        SimLedger ledger = new SimLedger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<ApplyResult>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int d = i % 10;
            results.add(pool.submit(() -> ledger.apply("D" + d, "same")));
        }
        for (Future<ApplyResult> f : results) {
            f.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        assertThat(ledger.applied()).isEqualTo(10);
        assertThat(ledger.dossiers()).isEqualTo(10);
        assertThat(ledger.appliedDuplicates()).isEqualTo(190);
    }
}
