package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.sync.DeliveryService.Outcome;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;

/**
 * The worker with a replayed delivery: the retry budget counts from the replay while the attempt numbers go on (and the
 * adapter knows an earlier attempt may have reached the target, so it looks before it inserts), and a replayed version
 * whose successor was delivered meanwhile is not sent at all.
 */
class DeliveryServiceReplayTest {
    static final Instant NOW = Instant.parse("2026-12-03T03:00:00Z");
    static final long ID = 9;

    DeliveryStore store = mock(DeliveryStore.class);
    TargetRegistry targets = mock(TargetRegistry.class);
    TargetAdapter adapter = mock(TargetAdapter.class);

    DeliveryService service(int attempts, int retryBase) {
        when(store.loadWork(ID)).thenReturn(Optional.of(new DeliveryStore.DeliveryWork(ID, "province", "X", 2, "dvcqg", DeliveryState.PENDING,
                attempts, 1, "{\"code\":\"X\"}", 0, retryBase)));
        when(store.openPredecessorDue(anyString(), anyString(), anyString(), anyLong())).thenReturn(Optional.empty());
        when(store.lastDeliveredPayloadHash(anyString(), anyString(), anyString(), anyLong())).thenReturn(Optional.empty());
        when(store.finishAttempt(anyLong(), any(), anyInt(), anyInt(), any(), any(), any(), any(), any())).thenReturn(1);
        when(targets.adapter("dvcqg")).thenReturn(adapter);
        when(adapter.settings()).thenReturn(new DeliverySettings());
        return new DeliveryService(store, targets, new TransactionTemplate(mock(PlatformTransactionManager.class)), new SyncProperties(),
                Clock.fixed(NOW, ZoneOffset.UTC), new SimpleMeterRegistry());
    }

    @Test
    void aReplayedDeliveryHasItsRetryBudgetAgainAndTheAdapterLooksBeforeItSends() {
        int max = new RetrySettings().getMaxAttempts();
        DeliveryService s = service(max, max);
        when(adapter.deliver(any())).thenReturn(AdapterResult.transientFailure(1, 503, "HTTP 503"));
        assertThat(s.process(ID, false)).isEqualTo(Outcome.FAILED);
        verify(store).insertAttempt(eq(ID), eq(max + 1), eq(NOW), anyLong(), eq(503), eq("TRANSIENT"), eq("HTTP 503"));
        verify(store).finishAttempt(eq(ID), eq(DeliveryState.FAILED), eq(max + 1), eq(1), any(), eq(503), eq("HTTP 503"), any(), eq(NOW));
        ArgumentCaptor<TargetAdapter.DeliveryRequest> req = ArgumentCaptor.forClass(TargetAdapter.DeliveryRequest.class);
        verify(adapter).deliver(req.capture());
        assertThat(req.getValue().stage()).as("resumes after the calls already made").isEqualTo(1);
        assertThat(req.getValue().outcomeUncertain()).as("an attempt before the replay may have reached the target").isTrue();
    }

    @Test
    void withoutAReplayTheSameAttemptIsTheLastOne() {
        // the target's circuit is closed (it answers): the budget is the policy's time at the capped delay
        int max = RetryPolicy.capped(new RetrySettings(), java.time.Duration.ofSeconds(5)).getMaxAttempts();
        DeliveryService s = service(max - 1, 0);
        when(adapter.deliver(any())).thenReturn(AdapterResult.transientFailure(1, 503, "HTTP 503"));
        assertThat(s.process(ID, false)).isEqualTo(Outcome.DEAD);
    }

    @Test
    void aReplayedVersionOvertakenByADeliveredSuccessorIsNotSentAndGoesBackToTheDeadLetters() {
        DeliveryService s = service(2, 2);
        when(store.deliveredSuccessor("province", "X", "dvcqg", 2)).thenReturn(Optional.of(3L));
        when(store.closeSuperseded(eq(ID), anyString(), eq(NOW))).thenReturn(1);
        assertThat(s.process(ID, false)).isEqualTo(Outcome.DEAD);
        verify(adapter, never()).deliver(any());
        verify(store).closeSuperseded(eq(ID), contains("superseded: version 3"), eq(NOW));
        verify(store, never()).insertAttempt(anyLong(), anyInt(), any(), anyLong(), any(), any(), any());
    }
}
