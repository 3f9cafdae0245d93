package vn.tthc.hub.sim.ndxp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static vn.tthc.hub.sim.ndxp.SimNdxpGatewayTest.ID;
import static vn.tthc.hub.sim.ndxp.SimNdxpGatewayTest.SECRET;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import vn.tthc.hub.sim.common.SimJson;

/** The NDXP gateway simulator over HTTP (standalone MockMvc): token endpoint, API routing, control endpoints. */
class SimNdxpControllerTest {
    MockMvc mvc;

    @BeforeEach
    void setUp() {
        NdxpGateway gw = new NdxpGateway(() -> new NdxpGateway.Credentials(ID, SECRET),
                () -> List.of(new SimNdxpGatewayTest.EchoBackend()), Clock.systemUTC(), 3600);
        mvc = MockMvcBuilders.standaloneSetup(new NdxpSimController(gw)).build();
    }

    String token() throws Exception {
        String body = mvc.perform(post("/sim/ndxp/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("grant_type", "client_credentials").param("client_id", ID).param("client_secret", SECRET))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(jsonPath("$.token_type").value("Bearer"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return SimJson.parse(body).get("access_token").asText();
    }

    @Test
    void tokenWithFormOrBasic() throws Exception {
        token();
        mvc.perform(post("/sim/ndxp/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("grant_type", "client_credentials")
                        .header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
                                .encodeToString((ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8))))
                .andExpect(status().isOk()).andExpect(jsonPath("$.expires_in").value(3600));
        mvc.perform(post("/sim/ndxp/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("grant_type", "client_credentials").param("client_id", ID).param("client_secret", "x"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.error").value("invalid_client"));
        mvc.perform(post("/sim/ndxp/token").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("grant_type", "authorization_code").param("client_id", ID).param("client_secret", SECRET))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("unsupported_grant_type"));
        mvc.perform(get("/sim/ndxp/_control/ledger/requests").param("limit", "10"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("client_secret=***")))
                .andExpect(content().string(not(containsString(SECRET))));
    }

    @Test
    void apiCallsAreCheckedAndRouted() throws Exception {
        String token = token();
        mvc.perform(post("/sim/ndxp/echo/v1/hoso/ABC-1?x=y").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .header("X-Secret-Header", "nope")
                        .contentType("application/xml").content("<a>Hồ sơ</a>".getBytes(StandardCharsets.UTF_8)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.method").value("POST"))
                .andExpect(jsonPath("$.version").value("v1"))
                .andExpect(jsonPath("$.resource").value("/hoso/ABC-1"))
                .andExpect(jsonPath("$.query").value("x=y"))
                .andExpect(jsonPath("$.contentType").value("application/xml"))
                .andExpect(jsonPath("$.body").value("<a>Hồ sơ</a>"));
        mvc.perform(get("/sim/ndxp/echo/v1/list")).andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.fault.code").value(900902));
        mvc.perform(get("/sim/ndxp/echo/v1/list").header(HttpHeaders.AUTHORIZATION, "Bearer bogus"))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.fault.code").value(900901));
        mvc.perform(get("/sim/ndxp/other/v2/list").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.fault.type").value("Status report"));
        mvc.perform(post("/sim/ndxp/_control/revoke-tokens")).andExpect(status().isOk())
                .andExpect(jsonPath("$.revoked").value(1));
        mvc.perform(get("/sim/ndxp/echo/v1/list").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andExpect(status().isUnauthorized()).andExpect(jsonPath("$.fault.code").value(900901));
        mvc.perform(get("/sim/ndxp/_control/ledger")).andExpect(status().isOk())
                .andExpect(jsonPath("$.tokensIssued").value(1))
                .andExpect(jsonPath("$.calls").value(5))
                .andExpect(jsonPath("$.unauthorized").value(3));
        String requests = mvc.perform(get("/sim/ndxp/_control/ledger/requests"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(requests).doesNotContain(token).doesNotContain("Bearer").doesNotContain("X-Secret-Header");
    }

    @Test
    void controlEndpoints() throws Exception {
        mvc.perform(post("/sim/ndxp/_control/faults").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"errorRate\":1,\"tokenTtlSeconds\":1.5}"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.tokenTtlSeconds").value(1.5));
        mvc.perform(get("/sim/ndxp/echo/v1/x")).andExpect(status().isServiceUnavailable());
        mvc.perform(post("/sim/ndxp/_control/faults").contentType(MediaType.APPLICATION_JSON).content("{\"nope\":1}"))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("unknown knob: nope"));
        mvc.perform(post("/sim/ndxp/_control/reset")).andExpect(status().isOk())
                .andExpect(jsonPath("$.calls").value(0));
        mvc.perform(get("/sim/ndxp/_control/faults")).andExpect(jsonPath("$.errorRate").value(0.0))
                .andExpect(jsonPath("$.tokenTtlSeconds").value(3600));
    }
}
