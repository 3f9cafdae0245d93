package vn.tthc.hub.partner.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult.Kind;
import vn.tthc.hub.sync.TargetAdapter.DeliveryRequest;

/**
 * The province write-back adapter with the real mappings and a mocked province client: it reads the
 * province's copy first and writes only the steps and results that copy lacks, and a status only when
 * the province's can still move to it; nothing missing is delivered without a write.
 */
class ProvinceWriteBackAdapterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CODE = "000.00.06.H56-261002-0042";
    static MappingEngine mappings;
    /** Processed on a ministry system: four steps (received 2, processing 4, finished 9, returned 10), one result, status 10. */
    static Dossier dossier;
    ProvinceClient client;
    ProvinceWriteBackAdapter adapter;

    @BeforeAll
    static void load() throws IOException {
        mappings = new MappingEngine(Path.of("mappings"), CanonicalJson.mapper());
        dossier = CanonicalJson.fromJson(Files.readString(
                Path.of("mappings/ministry/fixtures/item-to-canonical/finished-direct-with-results-from-dvcqg-golden.expected.json")));
        assertThat(dossier.code()).isEqualTo(CODE);
        assertThat(dossier.progress()).hasSize(4);
        assertThat(dossier.results()).hasSize(1);
    }

    @BeforeEach
    void setUp() {
        client = mock(ProvinceClient.class);
        ProvinceProperties props = new ProvinceProperties();
        props.setBaseUrl("http://province.test");
        adapter = new ProvinceWriteBackAdapter(client, mappings, props);
    }

    static DeliveryRequest request(Dossier d) {
        return new DeliveryRequest(3, "ministry-G06", d.code(), d.version(), d, 0, 0, null, false, 0, false);
    }

    /**
     * The province's copy: the dossier's steps {@code knownSteps} as the province writes them (local time, +07:00),
     * its results {@code knownResults}, and its status id (null: no status).
     */
    static String provinceCopy(List<Integer> knownSteps, List<Integer> knownResults, String statusId) {
        ObjectNode d = JSON.createObjectNode().put("code", CODE);
        ObjectNode status = d.putObject("dossierStatus");
        if (statusId == null) {
            status.putNull("id");
        } else {
            status.put("id", statusId);
        }
        ArrayNode processes = d.putArray("processes");
        for (int i : knownSteps) {
            Dossier.ProgressStep s = dossier.progress().get(i);
            processes.addObject().put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(s.at().atOffset(ZoneOffset.ofHours(7)))).put("content", s.action())
                    .put("actor", s.actor());
        }
        ArrayNode results = d.putArray("results");
        for (int i : knownResults) {
            results.addObject().put("url", dossier.results().get(i).url()).put("name", dossier.results().get(i).name());
        }
        return d.toString();
    }

    static PartnerHttp.Response ok(String body) {
        return new PartnerHttp.Response(200, body, "application/json", null);
    }

    /** What was written back, or null when nothing was. */
    JsonNode written() throws IOException {
        ArgumentCaptor<String> body = ArgumentCaptor.forClass(String.class);
        verify(client).writeBack(eq(CODE), body.capture());
        return JSON.readTree(body.getValue());
    }

    /**
     * @param status the dossier's status, the province's status id ({@code province-status}: id n is portal status n+1), the
     *               steps and results the province already has, and what is expected to be written (status -1: none)
     */
    static Stream<Arguments> copies() {
        return Stream.of(
                Arguments.of("province has none of it", 10, "3", List.of(), List.of(), List.of(0, 1, 2, 3), 1, 10),
                Arguments.of("province has the first two steps", 10, "3", List.of(0, 1), List.of(), List.of(2, 3), 1, 10),
                Arguments.of("province has the steps but not the result", 10, "9", List.of(0, 1, 2, 3), List.of(), List.of(), 1, -1),
                Arguments.of("province has everything but the status", 10, "8", List.of(0, 1, 2, 3), List.of(0), List.of(), 0, 10),
                Arguments.of("province has no status", 10, null, List.of(0, 1, 2, 3), List.of(0), List.of(), 0, 10),
                Arguments.of("province's status unknown to the code table", 10, "42", List.of(0, 1, 2, 3), List.of(0), List.of(), 0, 10),
                Arguments.of("back to processing after a supplement is forward", 4, "4", List.of(0, 1, 2, 3), List.of(0), List.of(), 0, 4),
                Arguments.of("status already further: only the missing step", 9, "9", List.of(0, 1, 3), List.of(0), List.of(2), 0, -1),
                Arguments.of("province stopped it: the status is not forced", 10, "7", List.of(0, 1), List.of(0), List.of(2, 3), 0, -1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("copies")
    void writesOnlyWhatTheProvinceLacks(String name, int dossierStatus, String provinceStatusId, List<Integer> knownSteps,
                                        List<Integer> knownResults, List<Integer> expectedSteps, int expectedResults, int expectedStatus)
            throws IOException {
        Dossier d = withStatus(dossier, dossierStatus);
        when(client.dossier(CODE)).thenReturn(ok(provinceCopy(knownSteps, knownResults, provinceStatusId)));
        when(client.writeBack(eq(CODE), anyString())).thenReturn(ok("{}"));

        AdapterResult r = adapter.deliver(request(d));

        assertThat(r).isEqualTo(AdapterResult.delivered(1, 200, null));
        JsonNode body = written();
        assertThat(body.path("source").asText()).isEqualTo("ministry-G06");
        List<String> contents = new ArrayList<>();
        body.path("steps").forEach(s -> contents.add(s.path("content").asText()));
        assertThat(contents).containsExactlyElementsOf(expectedSteps.stream().map(i -> dossier.progress().get(i).action()).toList());
        assertThat(body.path("results")).hasSize(expectedResults);
        if (expectedResults > 0) {
            assertThat(body.path("results").get(0).path("url").asText()).isEqualTo(dossier.results().get(0).url());
        }
        if (expectedStatus < 0) {
            assertThat(body.has("status")).as("status written: %s", body.path("status")).isFalse();
        } else {
            assertThat(body.path("status").asInt()).isEqualTo(expectedStatus);
        }
    }

    @Test
    void aStepAtAKnownTimeWithOtherContentIsStillMissing() throws IOException {
        ObjectNode copy = (ObjectNode) JSON.readTree(provinceCopy(List.of(0, 1, 2, 3), List.of(0), "9"));
        ((ObjectNode) copy.path("processes").get(1)).put("content", "Thẩm định lại");
        when(client.dossier(CODE)).thenReturn(ok(copy.toString()));
        when(client.writeBack(eq(CODE), anyString())).thenReturn(ok("{}"));

        assertThat(adapter.deliver(request(dossier))).isEqualTo(AdapterResult.delivered(1, 200, null));
        assertThat(written().path("steps")).singleElement().satisfies(s -> assertThat(s.path("content").asText())
                .isEqualTo(dossier.progress().get(1).action()));
    }

    @ParameterizedTest(name = "province status id {0}")
    @CsvSource({"9", "7"})
    void nothingMissingIsDeliveredWithoutAWrite(String provinceStatusId) {
        // id 9 is already returned (10); id 7 is stopped (8), from which returned cannot be reached
        when(client.dossier(CODE)).thenReturn(ok(provinceCopy(List.of(0, 1, 2, 3), List.of(0), provinceStatusId)));

        assertThat(adapter.deliver(request(dossier))).isEqualTo(AdapterResult.delivered(0, 200, null));
        verify(client, never()).writeBack(anyString(), anyString());
    }

    @ParameterizedTest(name = "reading the province copy answers {0} -> {1}")
    @CsvSource({
            "404, PERMANENT",
            "400, PERMANENT",
            "403, PERMANENT",
            "401, TRANSIENT",
            "500, TRANSIENT",
            "503, TRANSIENT",
            "0,   TRANSIENT",
    })
    void aFailedReadWritesNothing(int status, Kind kind) {
        when(client.dossier(CODE)).thenReturn(status == 0 ? new PartnerHttp.Response(0, null, null, "ConnectException: refused")
                : new PartnerHttp.Response(status, "{\"error\":\"x\"}", "application/json", null));

        AdapterResult r = adapter.deliver(request(dossier));

        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.stage()).isZero();
        assertThat(r.httpStatus()).isEqualTo(status == 0 ? null : status);
        if (status == 404) {
            // no dossier to write into is no state of the province a retry would change
            assertThat(r.error()).isEqualTo("the province system has no dossier " + CODE + " to write progress back to");
        }
        verify(client, never()).writeBack(anyString(), anyString());
    }

    @Test
    void anUnreadableCopyIsTransient() {
        when(client.dossier(CODE)).thenReturn(ok("{\"processes\": ["));

        assertThat(adapter.deliver(request(dossier))).isEqualTo(AdapterResult.transientFailure(0, 200, "unreadable province dossier"));
        verify(client, never()).writeBack(anyString(), anyString());
    }

    @ParameterizedTest(name = "the write answers {0} -> {1}")
    @CsvSource({
            "503, TRANSIENT",
            "500, TRANSIENT",
            "401, TRANSIENT",
            "400, PERMANENT",
            "404, PERMANENT",
            "422, PERMANENT",
    })
    void aFailedWriteIsClassifiedByItsStatus(int status, Kind kind) {
        when(client.dossier(CODE)).thenReturn(ok(provinceCopy(List.of(), List.of(), "3")));
        when(client.writeBack(eq(CODE), anyString())).thenReturn(new PartnerHttp.Response(status, "no", "text/plain", null));

        AdapterResult r = adapter.deliver(request(dossier));

        assertThat(r).isEqualTo(new AdapterResult(kind, 0, status, "HTTP " + status + ": no", null));
    }

    @Test
    void wantsVersionsWithNewStepsOrResults() {
        assertThat(adapter.wants(dossier, 0)).isTrue();
        assertThat(adapter.wants(dossier, 4)).as("results to write").isTrue();
        Dossier noResults = withoutResults(dossier);
        assertThat(adapter.wants(noResults, 3)).isTrue();
        assertThat(adapter.wants(noResults, 4)).isFalse();
    }

    static Dossier withStatus(Dossier d, int status) {
        ObjectNode tree = (ObjectNode) CanonicalJson.toTree(d);
        tree.put("status", status);
        return CanonicalJson.fromJson(tree.toString());
    }

    static Dossier withoutResults(Dossier d) {
        ObjectNode tree = (ObjectNode) CanonicalJson.toTree(d);
        tree.remove("results");
        return CanonicalJson.fromJson(tree.toString());
    }
}
