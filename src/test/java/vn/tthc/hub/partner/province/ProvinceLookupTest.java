package vn.tthc.hub.partner.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.CodeTables;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.sync.TargetLookup.Held;
import vn.tthc.hub.sync.VersionStore;

/**
 * The province write-back's look-up judged on the province's copy, with the real code table: present or not, its
 * status against the delivered one (a province that moved past it through a later write-back honours the delivery, one
 * that can still reach it but is elsewhere does not), and whether every delivered step and result is held.
 */
class ProvinceLookupTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CODE = "000.00.06.H56-261002-0042";
    static CodeTables codes;
    /** Processed on a ministry system: four steps (2, 4, 9, 10), one result, status 10. */
    static Dossier dossier;

    @BeforeAll
    static void load() throws IOException {
        codes = CodeTables.load(Path.of("mappings/codes"));
        dossier = CanonicalJson.fromJson(Files.readString(
                Path.of("mappings/ministry/fixtures/item-to-canonical/finished-direct-with-results-from-dvcqg-golden.expected.json")));
        assertThat(dossier.code()).isEqualTo(CODE);
        assertThat(dossier.progress()).extracting(Dossier.ProgressStep::status).containsExactly(2, 4, 9, 10);
        assertThat(dossier.results()).hasSize(1);
    }

    /** The province's record: the given steps of the dossier (written as the province writes them), results, status id. */
    static JsonNode record(List<Integer> steps, boolean result, String statusId) {
        ObjectNode d = JSON.createObjectNode().put("nationCode", CODE);
        d.putObject("dossierStatus").put("id", statusId);
        ArrayNode processes = d.putArray("processes");
        // a step of the province's own desk, which the hub never delivered: not a difference
        processes.addObject().put("time", "2026-10-02T08:00:00+07:00").put("content", "Tiếp nhận hồ sơ tại Bộ phận một cửa");
        for (int i : steps) {
            Dossier.ProgressStep s = dossier.progress().get(i);
            processes.addObject().put("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(s.at().atOffset(ZoneOffset.ofHours(7))))
                    .put("content", s.action());
        }
        ArrayNode results = d.putArray("results");
        if (result) {
            results.addObject().put("url", dossier.results().get(0).url());
        }
        return d;
    }

    static Dossier upTo(int steps, int status) {
        ObjectNode tree = (ObjectNode) CanonicalJson.toTree(dossier);
        ArrayNode progress = (ArrayNode) tree.get("progress");
        while (progress.size() > steps) {
            progress.remove(progress.size() - 1);
        }
        tree.put("status", status);
        if (status < 9) {
            tree.remove("results");
        }
        return CanonicalJson.fromJson(tree.toString());
    }

    /**
     * @param statusId province status id (id n is portal status n+1); expected status -1: null (not in the table)
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            holds all of it                                    | 4 | 10 | 0,1,2,3 | true  | 9  | 10 | true
            lost the last write-back: steps and status         | 4 | 10 | 0,1,2   | true  | 8  | 9  | false
            lost the status only                               | 4 | 10 | 0,1,2,3 | true  | 8  | 9  | true
            lost the result                                    | 4 | 10 | 0,1,2,3 | false | 9  | 10 | false
            status id not in the code table                    | 4 | 10 | 0,1,2,3 | true  | 42 | -1 | true
            moved past a late source's version: honoured       | 3 | 9  | 0,1,2,3 | true  | 9  | 9  | true
            moved past it but lacks its step                   | 3 | 9  | 0,1,3   | true  | 9  | 9  | false
            elsewhere in the 4-5 loop: a difference            | 2 | 4  | 0,1     | false | 4  | 5  | true
            moved on in the 4-5 loop by a later step: honoured | 2 | 4  | 0,1,2   | false | 4  | 4  | true
            """)
    void judgesWhatTheProvinceHoldsOfTheDeliveredVersion(String name, int steps, int status, String held, boolean result,
                                                          String statusId, int expectedStatus, boolean expectedSame) {
        List<Integer> heldSteps = java.util.Arrays.stream(held.split(",")).map(Integer::valueOf).toList();
        Held h = ProvinceLookup.judge(upTo(steps, status), new ProvinceCopy(record(heldSteps, result, statusId), codes));
        assertThat(h).isEqualTo(new Held(true, expectedStatus < 0 ? null : expectedStatus, expectedSame));
    }

    @Test
    void absentOn404AndFailedOnAnyOtherRefusal() throws IOException {
        ProvinceClient client = mock(ProvinceClient.class);
        VersionStore versions = mock(VersionStore.class);
        when(versions.body("ministry-G06", CODE, 7)).thenReturn(Optional.of(CanonicalJson.toJson(dossier)));
        ProvinceLookup lookup = new ProvinceLookup(client, new MappingEngine(Path.of("mappings"), CanonicalJson.mapper()), versions);
        assertThat(lookup.target()).isEqualTo("province");

        when(client.dossier(CODE)).thenReturn(new PartnerHttp.Response(200, record(List.of(0, 1, 2, 3), true, "9").toString(),
                "application/json", null));
        assertThat(lookup.held("ministry-G06", CODE, 7)).isEqualTo(new Held(true, 10, true));

        when(client.dossier(CODE)).thenReturn(new PartnerHttp.Response(404, "{}", "application/json", null));
        assertThat(lookup.held("ministry-G06", CODE, 7)).isEqualTo(Held.absent());

        when(client.dossier(CODE)).thenReturn(new PartnerHttp.Response(503, "busy", "text/plain", null));
        assertThatThrownBy(() -> lookup.held("ministry-G06", CODE, 7)).isInstanceOf(IllegalStateException.class).hasMessageContaining(CODE);
        when(client.dossier(CODE)).thenReturn(new PartnerHttp.Response(401, "", "text/plain", null));
        assertThatThrownBy(() -> lookup.held("ministry-G06", CODE, 7)).isInstanceOf(IllegalStateException.class);
        when(client.dossier(CODE)).thenReturn(new PartnerHttp.Response(200, "not json {", "application/json", null));
        assertThatThrownBy(() -> lookup.held("ministry-G06", CODE, 7)).isInstanceOf(IllegalStateException.class);
    }
}
