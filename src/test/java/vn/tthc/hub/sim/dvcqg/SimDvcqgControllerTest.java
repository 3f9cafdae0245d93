package vn.tthc.hub.sim.dvcqg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.CODE;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.DSTCODE;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.PASSWORD;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.USER;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.dossier;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.progress;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.step;
import static vn.tthc.hub.sim.dvcqg.SimDvcqgFixtures.sync;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import vn.tthc.hub.sim.common.SimJson;

/** Checks the portal simulator over HTTP with a standalone MockMvc: adapter API and control endpoints. */
class SimDvcqgControllerTest {

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(
                new DvcqgSimController(new DvcqgSimulator(SimDvcqgFixtures.config(), Clock.systemUTC()))).build();
    }

    private ResultActions postJson(String path, Object body) throws Exception {
        return mvc.perform(post(path).header("dstcode", DSTCODE).contentType(MediaType.APPLICATION_JSON)
                .content(body instanceof String s ? s : SimJson.write(body)));
    }

    private String login() throws Exception {
        MvcResult r = postJson("/sim/dvcqg/adapter/login", Map.of("username", USER, "password", PASSWORD))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.error_code").value(0))
                .andReturn();
        return SimJson.parse(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).get("session").asText();
    }

    @Test
    void loginAndSyncOverHttp() throws Exception {
        String session = login();
        postJson("/sim/dvcqg/adapter/integration", sync(session, false, dossier(CODE, "2")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.error_code").value(0))
                .andExpect(jsonPath("$.message").value("Đồng bộ hồ sơ thành công"));
        postJson("/sim/dvcqg/adapter/integration", sync(session, false, dossier(CODE, "2")))
                .andExpect(jsonPath("$.error_code").value(3))
                .andExpect(jsonPath("$.message").value("Hồ sơ " + CODE + " đã tồn tại"));
        mvc.perform(get("/sim/dvcqg/_control/dossiers/" + CODE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.item.MaHoSo").value(CODE))
                .andExpect(jsonPath("$.history[0]").value(2))
                .andExpect(jsonPath("$.steps").isEmpty());
        mvc.perform(get("/sim/dvcqg/_control/dossiers/000.00.06.H56-240115-9999")).andExpect(status().isNotFound());
    }

    @Test
    void missingDstcodeAndBadBodiesAre4xx() throws Exception {
        mvc.perform(post("/sim/dvcqg/adapter/login").contentType(MediaType.APPLICATION_JSON)
                        .content(SimJson.write(Map.of("username", USER, "password", PASSWORD))))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error_code").value(-1))
                .andExpect(jsonPath("$.message").value("Thiếu hoặc sai header dstcode"));
        postJson("/sim/dvcqg/adapter/integration", "<xml/>")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error_code").value(-1));
        mvc.perform(post("/sim/dvcqg/adapter/integration").header("dstcode", DSTCODE)
                        .contentType(MediaType.TEXT_PLAIN).content("{}"))
                .andExpect(status().isUnsupportedMediaType());
        mvc.perform(post("/sim/dvcqg/adapter/integration").header("dstcode", DSTCODE)
                        .contentType(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadRequest());
    }

    @Test
    void plainTextProgressAndStringCodesOverHttp() throws Exception {
        String session = login();
        postJson("/sim/dvcqg/adapter/integration", sync(session, false, dossier(CODE, "2")));
        postJson("/sim/dvcqg/_control/faults", Map.of("plainTextProgress", true, "errorCodeAsString", true))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.plainTextProgress").value(true))
                .andExpect(jsonPath("$.errorCodeAsString").value(true))
                .andExpect(jsonPath("$.errorRate").value(0.0));
        MvcResult r = postJson("/sim/dvcqg/adapter/integration", progress(session, step(CODE, "20240115090000", "2")))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andReturn();
        assertThat(r.getResponse().getContentAsString(StandardCharsets.UTF_8)).isEqualTo("Cập nhật tiến độ hồ sơ thành công");
        postJson("/sim/dvcqg/adapter/integration", sync(session, true, dossier(CODE, "4")))
                .andExpect(jsonPath("$.error_code").value("0"));
    }

    @Test
    void controlEndpoints() throws Exception {
        String session = login();
        postJson("/sim/dvcqg/adapter/integration", sync(session, false, dossier(CODE, "2")));
        postJson("/sim/dvcqg/adapter/integration", sync(session, true, dossier(CODE, "2")));
        mvc.perform(get("/sim/dvcqg/_control/ledger"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.received").value(2))
                .andExpect(jsonPath("$.applied").value(1))
                .andExpect(jsonPath("$.appliedDuplicates").value(1))
                .andExpect(jsonPath("$.rejected").value(0))
                .andExpect(jsonPath("$.dossiers").value(1))
                .andExpect(jsonPath("$.wireDuplicates").value(0))
                .andExpect(jsonPath("$.outOfOrder").value(0))
                .andExpect(jsonPath("$.logins").value(1))
                .andExpect(jsonPath("$.progressSteps").value(0));
        mvc.perform(get("/sim/dvcqg/_control/ledger/requests").param("limit", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(2))
                .andExpect(jsonPath("$[1]", startsWith("{")))
                .andExpect(jsonPath("$[1]").value(org.hamcrest.Matchers.containsString("\"session\":\"***\"")))
                .andExpect(jsonPath("$[1]").value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(session))));
        mvc.perform(get("/sim/dvcqg/_control/ledger/requests").param("limit", "10"))
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0]").value(org.hamcrest.Matchers.containsString("\"password\":\"***\"")));
        postJson("/sim/dvcqg/_control/faults", Map.of("errorRate", 0.5, "latencyMs", 1))
                .andExpect(jsonPath("$.errorRate").value(0.5));
        postJson("/sim/dvcqg/_control/faults", Map.of("errorRate", 0))
                .andExpect(jsonPath("$.errorRate").value(0.0))
                .andExpect(jsonPath("$.latencyMs").value(1));
        mvc.perform(get("/sim/dvcqg/_control/faults")).andExpect(jsonPath("$.latencyMs").value(1));
        postJson("/sim/dvcqg/_control/faults", Map.of("errorRat", 0.5))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(org.hamcrest.Matchers.containsString("errorRat")));
        postJson("/sim/dvcqg/_control/faults", "not json").andExpect(status().isBadRequest());
        mvc.perform(post("/sim/dvcqg/_control/reset"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.applied").value(0));
        mvc.perform(get("/sim/dvcqg/_control/faults")).andExpect(jsonPath("$.latencyMs").value(0));
        mvc.perform(get("/sim/dvcqg/_control/dossiers/" + CODE)).andExpect(status().isNotFound());
    }

    @Test
    void springConstructorReadsCredentialsFromTheEnvironmentAtLogin() throws Exception {
        MockEnvironment env = new MockEnvironment();
        MockMvc app = MockMvcBuilders.standaloneSetup(new DvcqgSimController(env, "DVCQG-TEST", 60, 5, 1 << 20, "mappings")).build();
        String login = SimJson.write(Map.of("username", "u", "password", "p"));
        app.perform(post("/sim/dvcqg/adapter/login").header("dstcode", "DVCQG-TEST").contentType(MediaType.APPLICATION_JSON).content(login))
                .andExpect(jsonPath("$.error_code").value(2));
        env.setProperty("hub.partners.dvcqg.username", "u");
        env.setProperty("hub.partners.dvcqg.password", "p");
        app.perform(post("/sim/dvcqg/adapter/login").header("dstcode", "DVCQG-TEST").contentType(MediaType.APPLICATION_JSON).content(login))
                .andExpect(jsonPath("$.error_code").value(0));
        app.perform(post("/sim/dvcqg/adapter/login").header("dstcode", DSTCODE).contentType(MediaType.APPLICATION_JSON).content(login))
                .andExpect(status().isBadRequest());
        app.perform(get("/sim/dvcqg/_control/faults"))
                .andExpect(jsonPath("$.maxBatch").value(5))
                .andExpect(jsonPath("$.sessionTtlSeconds").value(60));
    }
}
