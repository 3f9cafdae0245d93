package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import vn.tthc.hub.dossier.FieldError;

/** A re-submit goes back by the path its input came in by, in the form that path hands intake, and settles the record once. */
class QuarantineResubmitterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant NOW = Instant.parse("2026-12-03T01:00:00Z");
    static final String ITEM = "{\"MaHoSo\":\"000.00.06.H56-261203-0001\",\"TrangThaiHoSo\":\"4\"}";

    QuarantineStore store;
    IntakeService intake;
    PullRegistry pulls;
    PullFeed ministry;
    QuarantineResubmitter resubmitter;

    @BeforeEach
    void wire() {
        store = mock(QuarantineStore.class);
        intake = mock(IntakeService.class);
        pulls = mock(PullRegistry.class);
        ministry = mock(PullFeed.class);
        when(ministry.mapping()).thenReturn("ministry/item-to-canonical");
        when(ministry.inbound(any())).thenAnswer(a -> {
            ObjectNode in = JSON.createObjectNode().put("source", "ministry-G06");
            in.set("item", a.getArgument(0));
            return in;
        });
        when(pulls.feed("ministry-G06")).thenReturn(Optional.of(ministry));
        when(pulls.feed("ministry-G99")).thenReturn(Optional.empty());
        when(store.markResubmitted(anyLong(), anyString(), any(), anyString(), any(), any())).thenReturn(true);
        resubmitter = new QuarantineResubmitter(store, intake, pulls, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    void held(long id, String source, String channel, String payload, int size, QuarantineStore.State state) {
        when(store.held(id)).thenReturn(Optional.of(new QuarantineStore.Held(id, source, channel, payload, size, "application/json", state)));
    }

    static IntakeResult stored() {
        return IntakeResult.ok(IntakeResult.Outcome.STORED, "000.00.06.H56-261203-0001", 4);
    }

    @Test
    void aPulledRecordIsHandedOverAsItsFeedMakesItWithTheFeedsMapping() throws Exception {
        held(1, "ministry-G06", "pull", ITEM, ITEM.length(), QuarantineStore.State.OPEN);
        ArgumentCaptor<IntakeService.Inbound> in = ArgumentCaptor.forClass(IntakeService.Inbound.class);
        when(intake.resubmit(eq(1L), eq("ministry-G06"), eq("pull"), in.capture(), eq("ministry/item-to-canonical"))).thenReturn(stored());

        QuarantineResubmitter.Outcome o = resubmitter.resubmit(1, "op");
        assertThat(o.accepted()).isTrue();
        assertThat(o.state()).isEqualTo(QuarantineStore.State.RESUBMITTED);
        assertThat(in.getValue().tree().path("source").asText()).isEqualTo("ministry-G06");
        assertThat(in.getValue().tree().path("item")).isEqualTo(JSON.readTree(ITEM));
        assertThat(in.getValue().text()).as("kept as it was read, so its hash stays the record's").isEqualTo(ITEM);
        verify(store).resubmitAttempted(1, "op", NOW);
        verify(store).markResubmitted(1, "op", NOW, "STORED", "000.00.06.H56-261203-0001", 4L);
    }

    @Test
    void aReconciliationsRecordIsAlreadyInTheFeedsFormAndIsNotWrappedAgain() throws Exception {
        String wrapped = "{\"source\":\"ministry-G06\",\"item\":" + ITEM + "}";
        held(2, "ministry-G06", "reconcile", wrapped, wrapped.length(), QuarantineStore.State.OPEN);
        ArgumentCaptor<IntakeService.Inbound> in = ArgumentCaptor.forClass(IntakeService.Inbound.class);
        when(intake.resubmit(eq(2L), eq("ministry-G06"), eq("reconcile"), in.capture(), eq("ministry/item-to-canonical"))).thenReturn(stored());
        resubmitter.resubmit(2, "op");
        assertThat(in.getValue().tree()).isEqualTo(JSON.readTree(wrapped));
    }

    @Test
    void aPushIsRunAgainAsTheRawBodyWithItsContentTypeAndANonUtf8OneAsItsBytes() {
        held(3, "province", "webhook", "{\"a\":1}", 7, QuarantineStore.State.OPEN);
        when(intake.resubmitRaw(eq(3L), eq("province"), eq("webhook"), any(), eq("application/json"))).thenReturn(stored());
        resubmitter.resubmit(3, "op");
        verify(intake).resubmitRaw(eq(3L), eq("province"), eq("webhook"), eq("{\"a\":1}".getBytes(StandardCharsets.UTF_8)), eq("application/json"));

        byte[] latin1 = {(byte) 0xe9, 'x'};
        held(4, "province", "webhook", "base64:" + Base64.getEncoder().encodeToString(latin1), 2, QuarantineStore.State.OPEN);
        when(intake.resubmitRaw(eq(4L), any(), any(), any(), any())).thenReturn(IntakeResult.rejected(400, null, null,
                new QuarantineStore.Quarantined(4, true), List.of(new FieldError("body", "encoding", "body is not valid UTF-8"))));
        QuarantineResubmitter.Outcome o = resubmitter.resubmit(4, "op");
        verify(intake).resubmitRaw(eq(4L), eq("province"), eq("webhook"), eq(latin1), eq("application/json"));
        assertThat(o.accepted()).isFalse();
        assertThat(o.state()).isEqualTo(QuarantineStore.State.OPEN);
        assertThat(o.errors()).extracting(FieldError::rule).containsExactly("encoding");
        verify(store).resubmitAttempted(4, "op", NOW);
        verify(store, never()).markResubmitted(eq(4L), any(), any(), any(), any(), any());
    }

    @Test
    void whatCannotBeReSubmittedIsRefusedWithItsReasonAndNothingIsRun() {
        when(store.held(9)).thenReturn(Optional.empty());
        assertThatThrownBy(() -> resubmitter.resubmit(9, "op")).isInstanceOf(QuarantineResubmitter.NotFound.class);
        held(5, "province", "webhook", "{\"nationCode\":", 3_000_000, QuarantineStore.State.OPEN);
        assertThatThrownBy(() -> resubmitter.resubmit(5, "op")).isInstanceOf(QuarantineResubmitter.NotPossible.class)
                .hasMessageContaining("first 14 of the 3000000 bytes").hasMessageContaining("oversize");
        held(6, "province", "webhook", "{}", 2, QuarantineStore.State.DISMISSED);
        assertThatThrownBy(() -> resubmitter.resubmit(6, "op")).hasMessageContaining("DISMISSED");
        held(7, "ministry-G99", "pull", ITEM, ITEM.length(), QuarantineStore.State.OPEN);
        assertThatThrownBy(() -> resubmitter.resubmit(7, "op")).hasMessageContaining("ministry-G99").hasMessageContaining("no longer configured");
        held(8, "province", "carrier-pigeon", "{}", 2, QuarantineStore.State.OPEN);
        assertThatThrownBy(() -> resubmitter.resubmit(8, "op")).hasMessageContaining("carrier-pigeon");
        verify(intake, never()).resubmitRaw(anyLong(), any(), any(), any(), any());
        verify(intake, never()).resubmit(anyLong(), any(), any(), any(), any());
        verify(store, never()).resubmitAttempted(anyLong(), any(), any());
    }

    @Test
    void aRecordClosedByAnotherPersonMeanwhileIsAConflictNotASecondResolution() {
        held(10, "province", "webhook", "{}", 2, QuarantineStore.State.OPEN);
        when(intake.resubmitRaw(eq(10L), any(), any(), any(), any())).thenReturn(
                IntakeResult.ok(IntakeResult.Outcome.UNCHANGED, "X", 1));
        when(store.markResubmitted(eq(10L), anyString(), any(), anyString(), any(), any())).thenReturn(false);
        assertThatThrownBy(() -> resubmitter.resubmit(10, "op")).isInstanceOf(QuarantineResubmitter.NotPossible.class)
                .hasMessageContaining("closed by someone else").hasMessageContaining("UNCHANGED");
    }

    @Test
    void onlyAWholeInputCountsAsKept() {
        assertThat(QuarantineResubmitter.kept("{}", 2)).isTrue();
        assertThat(QuarantineResubmitter.kept("{", 2)).isFalse();
        assertThat(QuarantineResubmitter.kept(null, 0)).isFalse();
        assertThat(QuarantineResubmitter.kept("base64:" + Base64.getEncoder().encodeToString(new byte[] {1, 2}), 2)).isTrue();
        assertThat(QuarantineResubmitter.kept("base64:%%", 2)).isFalse();
        // a Vietnamese text counts in bytes, as the size was measured
        assertThat(QuarantineResubmitter.kept("\"Tiếng\"", "\"Tiếng\"".getBytes(StandardCharsets.UTF_8).length)).isTrue();
    }

    static JsonNode tree(String s) throws Exception {
        return JSON.readTree(s);
    }
}
