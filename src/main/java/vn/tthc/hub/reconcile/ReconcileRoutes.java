package vn.tthc.hub.reconcile;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The nightly reconciliation as a thin Quartz route ({@code hub.reconcile.cron} in {@code hub.reconcile.time-zone}). */
@Component
public class ReconcileRoutes extends RouteBuilder {
    private final Reconciler reconciler;
    private final ReconcileProperties props;

    public ReconcileRoutes(Reconciler reconciler, ReconcileProperties props) {
        this.reconciler = reconciler;
        this.props = props;
    }

    @Override
    public void configure() {
        // stateful: a run longer than the period is never overlapped on this instance (the DB guard covers the others)
        // encoded as the alert and report schedules are: a zone such as Etc/GMT+7 keeps its '+'
        from("quartz:reconcile/nightly?cron=" + enc(props.getCron().trim()) + "&trigger.timeZone=" + enc(props.getTimeZone())
                + "&stateful=true")
                .routeId("reconcile-nightly")
                .process(e -> reconciler.nightly());
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
