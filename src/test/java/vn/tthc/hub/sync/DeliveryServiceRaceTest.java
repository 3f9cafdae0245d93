package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two copies of one delivery's message processed at once (a stale republish meeting the original):
 * the copy that finds the delivery already closed by the other one reports a duplicate, and does not
 * wake successors or dead-letter it a second time.
 */
class DeliveryServiceRaceTest {
    @Test
    void aCopyThatLosesTheRaceToCloseTheDeliveryIsADuplicate() {
        DeliveryStore store = mock(DeliveryStore.class);
        TargetRegistry targets = mock(TargetRegistry.class);
        TargetAdapter adapter = mock(TargetAdapter.class);
        SyncProperties props = new SyncProperties();
        String body = "{\"code\":\"X\"}";
        when(store.loadWork(7L)).thenReturn(Optional.of(new DeliveryStore.DeliveryWork(7, "province", "X", 2, "emc",
                DeliveryState.PENDING, 0, 0, body, 0)));
        when(store.openPredecessorDue(anyString(), anyString(), anyString(), anyLong())).thenReturn(Optional.empty());
        when(store.lastDeliveredPayloadHash(anyString(), anyString(), anyString(), anyLong())).thenReturn(Optional.empty());
        when(targets.adapter("emc")).thenReturn(adapter);
        when(adapter.settings()).thenReturn(new DeliverySettings());
        when(adapter.deliver(any())).thenReturn(TargetAdapter.AdapterResult.delivered(1, 200, null));
        when(store.finishAttempt(anyLong(), any(), anyInt(), anyInt(), any(), any(), any(), any(), any())).thenReturn(0);
        DeliveryService service = new DeliveryService(store, targets, new TransactionTemplate(mock(PlatformTransactionManager.class)),
                props, Clock.systemUTC(), new SimpleMeterRegistry());

        assertThat(service.process(7L, false)).isEqualTo(DeliveryService.Outcome.DUPLICATE);
        verify(store).insertAttempt(anyLong(), anyInt(), any(), anyLong(), any(), anyString(), any());
        verify(store, never()).wakeSuccessors(anyString(), anyString(), anyString(), anyLong(), any());
    }
}
