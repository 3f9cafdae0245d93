package vn.tthc.hub.backfill;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The back-fill's one route: every tick, one rate-limited step of the running jobs. */
@Component
public class BackfillRoutes extends RouteBuilder {
    @Override
    public void configure() {
        from("timer:backfill?period={{hub.backfill.tick:1000}}&delay=2000")
                .routeId("backfill-run-jobs").routeConfigurationId("scheduled-poller")
                .bean(BackfillService.class, "step");
    }
}
