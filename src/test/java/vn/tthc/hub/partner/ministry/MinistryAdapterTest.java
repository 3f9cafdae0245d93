package vn.tthc.hub.partner.ministry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.ArgumentCaptor;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.partner.PortalItem;
import vn.tthc.hub.partner.ndxp.NdxpClient;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult.Kind;
import vn.tthc.hub.sync.TargetAdapter.DeliveryRequest;

/**
 * The ministry forwarding adapter, for a JSON and an XML ministry, with the real mappings and a mocked
 * NDXP client: the body it sends, how it reads the gateway's and the LGSP answer, and that a version
 * whose desk-owned part did not change is not forwarded again.
 */
class MinistryAdapterTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static MappingEngine mappings;
    /** A dossier received at the province's desk, forwarded to the ministry system that handles its procedure. */
    static Dossier dossier;

    @BeforeAll
    static void load() throws IOException {
        mappings = new MappingEngine(Path.of("mappings"), CanonicalJson.mapper());
        dossier = CanonicalJson.fromJson(Files.readString(
                Path.of("mappings/province/fixtures/dossier-to-canonical/online-in-progress.expected.json")));
    }

    static MinistryProperties.NdxpSystem ministry(String format) {
        MinistryProperties.NdxpSystem m = new MinistryProperties.NdxpSystem();
        m.setContext("bocongan/dvc");
        m.setVersion("v2");
        m.setFormat(format);
        return m;
    }

    static DeliveryRequest request(Dossier d, String lastDeliveredHash) {
        return new DeliveryRequest(1, "province", d.code(), d.version(), d, 0, 0, lastDeliveredHash, lastDeliveredHash != null, 0, false);
    }

    static PartnerHttp.Response answer(int status, String contentType, String body) {
        return new PartnerHttp.Response(status, body, contentType, null);
    }

    /** The desk hash the adapter reports for {@code d}: of the portal item, without the fields the ministry owns. */
    static String deskHash(Dossier d) {
        return MinistryAdapter.deskHash(PortalItem.of(mappings, d));
    }

    /** What the ministry should receive: {madonvi, data:[item]} as JSON, or the XSLT's document for an XML ministry. */
    static String expectedBody(String format, Dossier d) {
        JsonNode item = PortalItem.of(mappings, d);
        ObjectNode in = JSON.createObjectNode().put("madonvi", "000.00.06.H56");
        if (format.equals("xml")) {
            in.set("item", item);
            return mappings.toXml("ministry-xml/item-to-xml", in, Map.of());
        }
        in.putArray("data").add(item);
        return in.toString();
    }

    @ParameterizedTest(name = "{0} ministry")
    @ValueSource(strings = {"json", "xml"})
    void sendsThePortalItemThroughNdxpAndIsDeliveredWithTheDeskHash(String format) throws IOException {
        NdxpClient ndxp = mock(NdxpClient.class);
        String ok = format.equals("xml") ? "<KetQua><TrangThai>1</TrangThai><MaLoi>0</MaLoi><ThongDiep>OK</ThongDiep></KetQua>"
                : "{\"status\":1,\"errorCode\":0,\"message\":\"OK\"}";
        when(ndxp.call(any(), any(), any(), any(), any(), any(), any(), any()))
                .thenReturn(answer(200, format.equals("xml") ? "application/xml" : "application/json", ok));

        AdapterResult r = new MinistryAdapter("ministry-G01", ministry(format), ndxp, mappings).deliver(request(dossier, null));

        assertThat(r).isEqualTo(AdapterResult.delivered(1, 200, deskHash(dossier)));
        ArgumentCaptor<String> body = ArgumentCaptor.forClass(String.class);
        String contentType = format.equals("xml") ? "application/xml; charset=utf-8" : "application/json; charset=utf-8";
        verify(ndxp).call(eq("POST"), eq("bocongan/dvc"), eq("v2"), eq("dossiers"), isNull(), eq(contentType), body.capture(), eq(Map.of()));
        assertThat(body.getValue()).isEqualTo(expectedBody(format, dossier));
        if (format.equals("xml")) {
            assertThat(body.getValue()).startsWith("<").contains(dossier.code());
        } else {
            JsonNode sent = JSON.readTree(body.getValue());
            assertThat(sent.path("madonvi").asText()).isEqualTo("000.00.06.H56");
            assertThat(sent.path("data").get(0).path("MaHoSo").asText()).isEqualTo(dossier.code());
        }
    }

    /** Every answer row, for a JSON and for an XML ministry. */
    static Stream<Arguments> answers() {
        Stream.Builder<Arguments> rows = Stream.builder();
        for (String format : new String[] {"json", "xml"}) {
            boolean xml = format.equals("xml");
            String type = xml ? "application/xml; charset=utf-8" : "application/json";
            rows.add(Arguments.of(format, answer(200, type, lgsp(xml, 1, 0, "OK")), Kind.DELIVERED, 1, null));
            rows.add(Arguments.of(format, answer(200, type, lgsp(xml, 0, -1, "He thong ban")), Kind.TRANSIENT, 0, "He thong ban"));
            rows.add(Arguments.of(format, answer(200, type, lgsp(xml, 0, 12, "Thieu truong")), Kind.PERMANENT, 0, "errorCode 12: Thieu truong"));
            rows.add(Arguments.of(format, answer(200, type, lgsp(xml, 0, 0, "Khong xu ly")), Kind.PERMANENT, 0, "errorCode 0: Khong xu ly"));
            rows.add(Arguments.of(format, answer(200, type, ""), Kind.TRANSIENT, 0, "empty answer"));
            rows.add(Arguments.of(format, answer(200, type, xml ? "<KetQua><TrangThai>" : "{\"status\":"), Kind.TRANSIENT, 0,
                    "unreadable answer"));
        }
        // the gateway's own answers do not depend on the ministry's format
        for (String format : new String[] {"json", "xml"}) {
            rows.add(Arguments.of(format, answer(401, "application/json", "{\"error\":\"invalid_client\",\"stage\":\"token\"}"),
                    Kind.TRANSIENT, 0, "HTTP 401"));
            rows.add(Arguments.of(format, answer(500, "text/plain", "boom"), Kind.TRANSIENT, 0, "HTTP 500: boom"));
            rows.add(Arguments.of(format, answer(503, "text/plain", ""), Kind.TRANSIENT, 0, "HTTP 503"));
            rows.add(Arguments.of(format, answer(429, "text/plain", ""), Kind.TRANSIENT, 0, "HTTP 429"));
            rows.add(Arguments.of(format, new PartnerHttp.Response(0, null, null, "SocketTimeoutException: Read timed out"),
                    Kind.TRANSIENT, 0, "SocketTimeoutException"));
            rows.add(Arguments.of(format, answer(400, "application/json", "{\"fault\":\"bad\"}"), Kind.PERMANENT, 0, "HTTP 400"));
            rows.add(Arguments.of(format, answer(403, "application/json", ""), Kind.PERMANENT, 0, "HTTP 403"));
            rows.add(Arguments.of(format, answer(404, "application/json", ""), Kind.PERMANENT, 0, "HTTP 404"));
        }
        return rows.build();
    }

    static String lgsp(boolean xml, int status, int errorCode, String message) {
        return xml ? "<KetQua><TrangThai>" + status + "</TrangThai><MaLoi>" + errorCode + "</MaLoi><ThongDiep>" + message
                + "</ThongDiep></KetQua>"
                : "{\"status\":" + status + ",\"errorCode\":" + errorCode + ",\"message\":\"" + message + "\"}";
    }

    @ParameterizedTest(name = "{0} ministry answered {1} -> {2}")
    @MethodSource("answers")
    void classifiesTheAnswer(String format, PartnerHttp.Response response, Kind kind, int stage, String error) {
        NdxpClient ndxp = mock(NdxpClient.class);
        when(ndxp.call(any(), any(), any(), any(), any(), any(), any(), any())).thenReturn(response);

        AdapterResult r = new MinistryAdapter("ministry-G01", ministry(format), ndxp, mappings).deliver(request(dossier, null));

        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.stage()).isEqualTo(stage);
        assertThat(r.httpStatus()).isEqualTo(response.status() == 0 ? null : response.status());
        // only a delivered version records the desk hash: a failed one must be forwarded again
        assertThat(r.payloadHash()).isEqualTo(kind == Kind.DELIVERED ? deskHash(dossier) : null);
        if (kind == Kind.DELIVERED) {
            assertThat(r.error()).isNull();
        } else {
            assertThat(r.error()).startsWith(error);
        }
    }

    @ParameterizedTest(name = "{0} ministry")
    @ValueSource(strings = {"json", "xml"})
    void aVersionWhoseDeskPartIsUnchangedIsDeliveredWithoutACall(String format) {
        NdxpClient ndxp = mock(NdxpClient.class);
        MinistryAdapter adapter = new MinistryAdapter("ministry-G01", ministry(format), ndxp, mappings);
        // the ministry's own decision came back through the province (a later status): nothing the desk owns changed
        Dossier processed = withStatus(dossier, 9);
        assertThat(PortalItem.of(mappings, processed)).isNotEqualTo(PortalItem.of(mappings, dossier));

        AdapterResult r = adapter.deliver(request(processed, deskHash(dossier)));

        assertThat(r).isEqualTo(AdapterResult.delivered(0, null, deskHash(dossier)));
        verifyNoInteractions(ndxp);
    }

    @ParameterizedTest(name = "{0} ministry")
    @ValueSource(strings = {"json", "xml"})
    void aChangeAtTheDeskIsForwardedAgain(String format) {
        NdxpClient ndxp = mock(NdxpClient.class);
        when(ndxp.call(any(), any(), any(), any(), any(), any(), any(), any()))
                .thenReturn(answer(200, "application/json", lgsp(format.equals("xml"), 1, 0, "OK")));
        MinistryAdapter adapter = new MinistryAdapter("ministry-G01", ministry(format), ndxp, mappings);
        Dossier corrected = withSummary(dossier, dossier.summary() + " (bổ sung)");
        assertThat(deskHash(corrected)).isNotEqualTo(deskHash(dossier));

        AdapterResult r = adapter.deliver(request(corrected, deskHash(dossier)));

        assertThat(r).isEqualTo(AdapterResult.delivered(1, 200, deskHash(corrected)));
        verify(ndxp).call(eq("POST"), anyString(), anyString(), eq("dossiers"), isNull(), anyString(), eq(expectedBody(format, corrected)),
                eq(Map.of()));
    }

    static Dossier withStatus(Dossier d, int status) {
        ObjectNode tree = (ObjectNode) CanonicalJson.toTree(d);
        tree.put("status", status);
        return CanonicalJson.fromJson(tree.toString());
    }

    static Dossier withSummary(Dossier d, String summary) {
        ObjectNode tree = (ObjectNode) CanonicalJson.toTree(d);
        tree.put("summary", summary);
        return CanonicalJson.fromJson(tree.toString());
    }
}
