package vn.tthc.hub.partner.emc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;
import vn.tthc.hub.sync.TargetAdapter.DeliveryRequest;

/**
 * The EMC adapter with the real mappings and a mocked HTTP side: one TrackingMCDT per new step, in
 * order, resuming after the events an earlier attempt got accepted; a refused event stops the attempt
 * at the stage reached, transient or permanent by its status.
 */
class EmcAdapterTest {
    static final String URL = "http://emc.test/api/TrackingMCDT";
    static final String JSON_UTF8 = "application/json; charset=utf-8";
    static final PartnerHttp.Response OK = new PartnerHttp.Response(200, "{}", "application/json", null);

    static MappingEngine mappings;
    /** The province's sample in progress: three steps (submitted, received, processing). */
    static Dossier dossier;
    PartnerHttp http;
    EmcAdapter adapter;

    @BeforeAll
    static void load() throws IOException {
        mappings = new MappingEngine(Path.of("mappings"), CanonicalJson.mapper());
        dossier = CanonicalJson.fromJson(Files.readString(
                Path.of("mappings/province/fixtures/dossier-to-canonical/online-in-progress.expected.json")));
        assertThat(dossier.progress()).hasSize(3);
    }

    @BeforeEach
    void setUp() {
        http = mock(PartnerHttp.class);
        EmcProperties props = new EmcProperties();
        props.setBaseUrl("http://emc.test/api");
        props.setSiteId(7);
        adapter = new EmcAdapter(http, mappings, props);
    }

    static DeliveryRequest request(int stepsFrom, int stage) {
        return new DeliveryRequest(1, "province", dossier.code(), dossier.version(), dossier, stepsFrom, stage, null, false, 0, false);
    }

    /** The TrackingMCDT event of step {@code i}, as the mapping makes it. */
    static String event(int i) {
        return mappings.map("emc/tracking", Map.of("dossier", dossier, "step", dossier.progress().get(i),
                "partner", Map.of("siteId", 7))).toString();
    }

    List<String> sentBodies(int calls) {
        ArgumentCaptor<String> bodies = ArgumentCaptor.forClass(String.class);
        verify(http, times(calls)).post(eq(URL), eq(JSON_UTF8), bodies.capture(), eq(Map.of()));
        return bodies.getAllValues();
    }

    @Test
    void sendsOneEventPerNewStepInOrder() {
        when(http.post(anyString(), anyString(), anyString(), anyMap())).thenReturn(OK);

        AdapterResult r = adapter.deliver(request(1, 0));

        assertThat(r).isEqualTo(AdapterResult.delivered(2, 200, null));
        assertThat(sentBodies(2)).containsExactly(event(1), event(2));
        // each event carries its own step's transition: received (EMC 1), then processing (EMC 2)
        assertThat(event(1)).isNotEqualTo(event(2));
        assertThat(sentBodies(2)).extracting(b -> json(b).path("Status").asInt()).containsExactly(1, 2);
        assertThat(json(event(1)).path("SiteId").asInt()).isEqualTo(7);
    }

    @Test
    void aNewDossierSendsEveryStep() {
        when(http.post(anyString(), anyString(), anyString(), anyMap())).thenReturn(OK);

        assertThat(adapter.deliver(request(0, 0))).isEqualTo(AdapterResult.delivered(3, 200, null));
        assertThat(sentBodies(3)).containsExactly(event(0), event(1), event(2));
    }

    @Test
    void aRetryResumesAfterTheEventsAlreadyAccepted() {
        when(http.post(anyString(), anyString(), anyString(), anyMap())).thenReturn(OK);

        // stage 1 of the new steps from 1: step 1 was accepted by an earlier attempt, only step 2 is left
        AdapterResult r = adapter.deliver(request(1, 1));

        assertThat(r).isEqualTo(AdapterResult.delivered(2, 200, null));
        assertThat(sentBodies(1)).containsExactly(event(2));
    }

    @Test
    void nothingLeftToSendIsDeliveredWithoutACall() {
        assertThat(adapter.deliver(request(1, 2))).isEqualTo(AdapterResult.delivered(2, null, null));
        assertThat(adapter.deliver(request(3, 0))).isEqualTo(AdapterResult.delivered(0, null, null));
        verifyNoInteractions(http);
    }

    @ParameterizedTest(name = "second event answered {0} -> {1} at stage 1")
    @CsvSource({
            "503, TRANSIENT",
            "500, TRANSIENT",
            "429, TRANSIENT",
            "408, TRANSIENT",
            "401, TRANSIENT",
            "400, PERMANENT",
            "404, PERMANENT",
            "422, PERMANENT",
    })
    void aRefusedEventStopsTheAttemptKeepingTheStageReached(int status, AdapterResult.Kind kind) {
        when(http.post(anyString(), anyString(), anyString(), anyMap()))
                .thenReturn(OK, new PartnerHttp.Response(status, "{\"error\":\"no\"}", "application/json", null), OK);

        AdapterResult r = adapter.deliver(request(0, 0));

        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.stage()).as("events accepted before the refusal").isEqualTo(1);
        assertThat(r.httpStatus()).isEqualTo(status);
        assertThat(r.error()).isEqualTo("HTTP " + status + ": {\"error\":\"no\"}");
        // nothing is sent past a refused event: the next attempt resumes with it
        assertThat(sentBodies(2)).containsExactly(event(0), event(1));
    }

    @Test
    void aNetworkFailureIsTransientAtTheStageReached() {
        when(http.post(anyString(), anyString(), anyString(), anyMap()))
                .thenReturn(new PartnerHttp.Response(0, null, null, "ConnectException: Connection refused"));

        AdapterResult r = adapter.deliver(request(1, 1));

        assertThat(r).isEqualTo(AdapterResult.transientFailure(1, null, "ConnectException: Connection refused"));
        verify(http).post(any(), any(), eq(event(2)), any());
    }

    @Test
    void wantsOnlyVersionsWithNewSteps() {
        assertThat(adapter.wants(dossier, 0)).isTrue();
        assertThat(adapter.wants(dossier, 2)).isTrue();
        assertThat(adapter.wants(dossier, 3)).isFalse();
    }

    static JsonNode json(String s) {
        try {
            return CanonicalJson.mapper().readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
