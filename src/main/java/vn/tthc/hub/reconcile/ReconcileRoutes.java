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
        from("quartz:reconcile/nightly?cron=" + props.getCron().trim().replace(' ', '+') + "&trigger.timeZone=" + props.getTimeZone()
                + "&stateful=true")
                .routeId("reconcile-nightly")
                .process(e -> reconciler.nightly());
    }
}
