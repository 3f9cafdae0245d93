package vn.tthc.hub.retention;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The scheduled pruning as a thin Quartz route ({@code hub.retention.cron} in {@code hub.retention.time-zone}); the
 * run does nothing while {@code hub.retention.enabled} is false. Clustered in production (QuartzCluster): one
 * instance fires, and the run's guard row keeps a second one out anyway.
 */
@Component
public class RetentionRoutes extends RouteBuilder {
    private final RetentionPruner pruner;
    private final RetentionProperties props;

    public RetentionRoutes(RetentionPruner pruner, RetentionProperties props) {
        this.pruner = pruner;
        this.props = props;
    }

    @Override
    public void configure() {
        from("quartz:retention/nightly?cron=" + enc(props.getCron().trim()) + "&trigger.timeZone=" + enc(props.getTimeZone())
                + "&stateful=true")
                .routeId("retention-nightly")
                .process(e -> pruner.scheduled());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
