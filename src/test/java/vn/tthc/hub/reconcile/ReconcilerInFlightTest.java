package vn.tthc.hub.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import vn.tthc.hub.ManualClock;
import vn.tthc.hub.reconcile.Comparison.DeliveryView;
import vn.tthc.hub.reconcile.Comparison.HubView;
import vn.tthc.hub.sync.DeliveryState;
import vn.tthc.hub.sync.TargetLookup;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * A dossier that moves while it is compared (here: the portal already holds a newer version the hub delivered between
 * reading its records and asking the portal) is in flight, not a difference; one that stays put is reported.
 */
class ReconcilerInFlightTest {
    static final Instant T0 = Instant.parse("2026-12-03T18:00:00Z");
    static final String CODE = "000.00.06.H56-261204-0016";
    final ReconcileStore store = mock(ReconcileStore.class);
    final List<ReconcileStore.Difference> stored = new ArrayList<>();
    final HubView v8 = new HubView(8, 9, "h8", "1.002345", "000.00.06.H56");
    final DeliveryView deliveredV8 = new DeliveryView(187, "dvcqg", 8, 9, DeliveryState.DELIVERED, T0.minusSeconds(60));
    Reconciler reconciler;

    @BeforeEach
    void setUp() {
        when(store.sources()).thenReturn(List.of("province"));
        when(store.headsChanged(eq("province"), any(), any(), eq(""), anyInt()))
                .thenReturn(List.of(new ReconcileStore.Head("province", CODE, v8)));
        when(store.headsChanged(eq("province"), any(), any(), eq(CODE), anyInt())).thenReturn(List.of());
        when(store.latestDeliveries("province", "", CODE)).thenReturn(Map.of(CODE, List.of(deliveredV8)));
        org.mockito.Mockito.doAnswer(inv -> {
            stored.addAll(inv.getArgument(0));
            return null;
        }).when(store).insertDifferences(anyList());
        TargetLookup portal = new TargetLookup() {
            @Override
            public String target() {
                return "dvcqg";
            }

            @Override
            public Held held(String source, String code, long deliveredVersion) {
                return new Held(true, 10, false); // status 10: the portal got v9 meanwhile
            }
        };
        TargetRegistry targets = mock(TargetRegistry.class);
        when(targets.allTargets()).thenReturn(List.of("dvcqg"));
        ReconcileProperties props = new ReconcileProperties();
        props.setLookupsPerSecond(1000);
        props.setMaxHeals(0);
        reconciler = new Reconciler(store, List.of(), List.of(portal), targets, null, null, props, new ManualClock(T0), List.of());
    }

    @Test
    void aDossierDeliveredAgainDuringTheRunIsInFlightNotADifference() {
        when(store.heads("province", List.of(CODE))).thenReturn(Map.of(CODE, new HubView(9, 10, "h9", "1.002345", "000.00.06.H56")));
        when(store.latestDeliveries("province", List.of(CODE))).thenReturn(Map.of(CODE,
                List.of(new DeliveryView(191, "dvcqg", 9, 10, DeliveryState.DELIVERED, T0.plusSeconds(1)))));
        reconciler.execute(1, T0.minusSeconds(3600), T0);
        assertThat(stored).isEmpty();
        ArgumentCaptor<String> unchecked = ArgumentCaptor.forClass(String.class);
        verify(store).finish(eq(1L), eq("DONE"), eq(1L), eq(0L), unchecked.capture(), eq(null), any());
        assertThat(unchecked.getValue()).contains("1 difference(s) not reported: the dossier changed during the run");
    }

    @Test
    void aDossierThatStaysPutIsReported() {
        when(store.heads("province", List.of(CODE))).thenReturn(Map.of(CODE, v8));
        when(store.latestDeliveries("province", List.of(CODE))).thenReturn(Map.of(CODE, List.of(deliveredV8)));
        reconciler.execute(1, T0.minusSeconds(3600), T0);
        assertThat(stored).singleElement().satisfies(d -> {
            assertThat(d.category()).isEqualTo(Category.STATUS_MISMATCH);
            assertThat(d.dossierCode()).isEqualTo(CODE);
            assertThat(d.targetStatus()).isEqualTo(10);
        });
        verify(store).finish(anyLong(), eq("DONE"), eq(1L), eq(0L), anyString(), eq(null), any());
    }
}
