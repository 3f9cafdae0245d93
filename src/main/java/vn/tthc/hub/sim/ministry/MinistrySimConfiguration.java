package vn.tthc.hub.sim.ministry;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Builds the ministry simulators from {@code hub.ministries}; knobs {@code hub.sim.ministry.tick-ms|per-tick}. */
@Configuration(proxyBeanMethods = false)
public class MinistrySimConfiguration {

    @Bean(destroyMethod = "close")
    public MinistrySims ministrySims(Environment env,
                                     @Value("${hub.sim.ministry.tick-ms:3000}") long tickMs,
                                     @Value("${hub.sim.ministry.per-tick:20}") int perTick) {
        return MinistrySims.of(MinistryConfig.fromEnvironment(env), Clock.systemUTC(), tickMs, perTick).start();
    }
}
