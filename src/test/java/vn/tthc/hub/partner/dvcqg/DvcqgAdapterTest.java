package vn.tthc.hub.partner.dvcqg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;
import vn.tthc.hub.sync.TargetAdapter.DeliveryRequest;

/**
 * The portal adapter against a mocked HTTP side: whether a failed attempt is one in which the portal answered some of
 * its calls (the look-up, the upsert, a progress chunk), which its circuit counts as the portal answering.
 */
class DvcqgAdapterTest {
    static final String LOGIN = "http://dvcqg.test/adapter/login";
    static final String CALL = "http://dvcqg.test/adapter/integration";
    static final PartnerHttp.Response SESSION = new PartnerHttp.Response(200, "{\"error_code\":0,\"session\":\"s-1\"}", "application/json", null);
    static final PartnerHttp.Response NOTHING_FOUND = new PartnerHttp.Response(200, "{\"error_code\":0,\"message\":\"Không tìm thấy hồ sơ\",\"result\":[]}",
            "application/json", null);
    static final PartnerHttp.Response BUSY = new PartnerHttp.Response(503, "{\"error_code\":-1,\"message\":\"Hệ thống đang bận\"}", "application/json", null);
    static final PartnerHttp.Response OK = new PartnerHttp.Response(200, "{\"error_code\":0,\"message\":\"OK\"}", "application/json", null);

    static MappingEngine mappings;
    static Dossier dossier;
    PartnerHttp http;
    DvcqgAdapter adapter;

    @BeforeAll
    static void load() throws IOException {
        mappings = new MappingEngine(Path.of("mappings"), CanonicalJson.mapper());
        dossier = CanonicalJson.fromJson(Files.readString(
                Path.of("mappings/province/fixtures/dossier-to-canonical/online-in-progress.expected.json")));
    }

    @BeforeEach
    void setUp() {
        http = mock(PartnerHttp.class);
        DvcqgProperties props = new DvcqgProperties();
        props.setBaseUrl("http://dvcqg.test");
        props.setDstcode("DVCQG");
        props.setUsername("hub");
        props.setPassword("secret");
        props.setLookupBeforeInsert(true);
        adapter = new DvcqgAdapter(new DvcqgClient(http, props), mappings, props);
        when(http.post(eq(LOGIN), anyString(), anyString(), anyMap())).thenReturn(SESSION);
    }

    /** A first delivery (never delivered: look-up, then insert, then the progress chunks). */
    AdapterResult firstDelivery() {
        return adapter.deliver(new DeliveryRequest(1, "province", dossier.code(), dossier.version(), dossier, 0, 0, null, false, 0, false));
    }

    void answer(String service, PartnerHttp.Response r) {
        when(http.post(eq(CALL), anyString(), argThat(b -> b != null && b.contains("\"service\":\"" + service + "\"")), anyMap())).thenReturn(r);
    }

    @Test
    void theUpsertFailingAfterTheLookUpWasAnsweredIsAFailureAfterAnswers() {
        answer("TraCuuHoSo", NOTHING_FOUND);
        answer("DongBoHoSoMC", BUSY);

        AdapterResult r = firstDelivery();

        assertThat(r.kind()).isEqualTo(AdapterResult.Kind.TRANSIENT);
        assertThat(r.stage()).as("the dossier is not stored yet").isZero();
        assertThat(r.answered()).as("the portal answered the look-up").isTrue();
    }

    @Test
    void theFirstCallFailingIsAFailureWithoutAnswers() {
        answer("TraCuuHoSo", BUSY);

        AdapterResult r = firstDelivery();

        assertThat(r.kind()).isEqualTo(AdapterResult.Kind.TRANSIENT);
        assertThat(r.answered()).isFalse();
        assertThat(r).isEqualTo(AdapterResult.transientFailure(0, 503, r.error()));
    }

    @Test
    void aChunkFailingAfterTheUpsertIsAFailureAfterAnswersAtTheNextStage() {
        answer("TraCuuHoSo", NOTHING_FOUND);
        answer("DongBoHoSoMC", OK);
        answer("CapNhatTienDoHoSoMC", BUSY);

        AdapterResult r = firstDelivery();

        assertThat(r.kind()).isEqualTo(AdapterResult.Kind.TRANSIENT);
        assertThat(r.stage()).as("the dossier stored: a retry resumes at the chunks").isEqualTo(1);
        assertThat(r.answered()).isTrue();
    }
}
