package vn.tthc.hub.sim.emc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import vn.tthc.hub.sim.common.SimJson;

/** Checks the EMC simulator over HTTP with a standalone MockMvc: TrackingMCDT and control endpoints. */
class SimEmcControllerTest {

    private MockMvc mvc;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.standaloneSetup(new EmcSimController(7, 1 << 20)).build();
    }

    private String event(int siteId) {
        return SimJson.write(SimEmcSimulatorTest.event(SimEmcSimulatorTest.CODE, "4", "20240115090000").put("SiteId", siteId));
    }

    @Test
    void trackingOverHttp() throws Exception {
        mvc.perform(post("/sim/emc/TrackingMCDT").contentType(MediaType.APPLICATION_JSON).content(event(7)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.success").value(true));
        mvc.perform(post("/sim/emc/TrackingMCDT").contentType(MediaType.APPLICATION_JSON).content(event(1)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.success").value(false))
                .andExpect(jsonPath("$.message").value("SiteId: không đúng mã đơn vị (7)"));
        mvc.perform(get("/sim/emc/_control/dossiers/" + SimEmcSimulatorTest.CODE))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].CodeProfile").value(SimEmcSimulatorTest.CODE));
        mvc.perform(get("/sim/emc/_control/dossiers/nope")).andExpect(status().isNotFound());
    }

    @Test
    void controlEndpoints() throws Exception {
        mvc.perform(post("/sim/emc/TrackingMCDT").contentType(MediaType.APPLICATION_JSON).content(event(7)));
        mvc.perform(post("/sim/emc/TrackingMCDT").contentType(MediaType.APPLICATION_JSON).content(event(7)));
        mvc.perform(get("/sim/emc/_control/ledger"))
                .andExpect(jsonPath("$.received").value(2))
                .andExpect(jsonPath("$.applied").value(1))
                .andExpect(jsonPath("$.appliedDuplicates").value(1))
                .andExpect(jsonPath("$.rejected").value(0))
                .andExpect(jsonPath("$.dossiers").value(1))
                .andExpect(jsonPath("$.wireDuplicates").value(0))
                .andExpect(jsonPath("$.outOfOrder").value(0));
        mvc.perform(get("/sim/emc/_control/ledger/requests").param("limit", "1"))
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0]").value(Matchers.containsString("\"SiteId\":7")));
        mvc.perform(post("/sim/emc/_control/faults").contentType(MediaType.APPLICATION_JSON)
                        .content(SimJson.write(Map.of("errorRate", 1))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.errorRate").value(1.0));
        mvc.perform(post("/sim/emc/TrackingMCDT").contentType(MediaType.APPLICATION_JSON).content(event(7)))
                .andExpect(status().isServiceUnavailable());
        mvc.perform(post("/sim/emc/_control/faults").contentType(MediaType.APPLICATION_JSON).content("{\"bogus\":1}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value(Matchers.containsString("bogus")));
        mvc.perform(get("/sim/emc/_control/faults")).andExpect(jsonPath("$.errorRate").value(1.0));
        mvc.perform(post("/sim/emc/_control/reset")).andExpect(status().isOk()).andExpect(jsonPath("$.received").value(0));
        mvc.perform(get("/sim/emc/_control/faults")).andExpect(jsonPath("$.errorRate").value(0.0));
    }
}
