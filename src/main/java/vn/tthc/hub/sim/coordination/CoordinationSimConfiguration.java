package vn.tthc.hub.sim.coordination;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.tthc.hub.sim.ministry.MinistrySims;

/** The coordination simulator, mirroring the ministry simulators; initial lag {@code hub.sim.coordination.lag-ms}. */
@Configuration(proxyBeanMethods = false)
public class CoordinationSimConfiguration {

    @Bean
    public CoordinationSimulator coordinationSimulator(MinistrySims ministries,
                                                       @Value("${hub.sim.coordination.lag-ms:0}") long lagMs) {
        CoordinationSimulator c = new CoordinationSimulator(ministries::simulators, Clock.systemUTC());
        if (lagMs > 0) {
            c.updateKnobs(java.util.Map.of(CoordinationSimulator.LAG_MS, lagMs));
        }
        return c;
    }
}
