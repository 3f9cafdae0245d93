package vn.tthc.hub.sim.coordination;

import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sim.common.SimControl;
import vn.tthc.hub.sim.common.SimControlEndpoints;

/** Control endpoints of the coordination simulator under {@code /sim/coordination/_control/…}; its API is reached through NDXP. */
@RestController
@RequestMapping("/sim/coordination")
public class CoordinationSimController extends SimControlEndpoints {

    private final CoordinationSimulator simulator;

    public CoordinationSimController(CoordinationSimulator simulator) {
        this.simulator = simulator;
    }

    @Override
    protected SimControl control() {
        return simulator;
    }
}
