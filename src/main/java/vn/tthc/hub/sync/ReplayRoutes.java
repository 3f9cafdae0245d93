package vn.tthc.hub.sync;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The bulk replays' one route: every tick, one rate-limited step of each running job (see {@link ReplayJobs}). */
@Component
public class ReplayRoutes extends RouteBuilder {
    @Override
    public void configure() {
        from("timer:replay-jobs?period={{hub.replay.tick:1000}}&delay=2000")
                .routeId("replay-run-jobs").routeConfigurationId("scheduled-poller")
                .bean(ReplayJobs.class, "step");
    }
}
