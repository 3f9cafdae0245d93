package vn.tthc.hub.sync;

import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/** The hub's error policies, declared once; routes opt in with routeConfigurationId. */
@Component
public class ErrorPolicies extends RouteConfigurationBuilder {
    @Override
    public void configuration() {
        // Transacted broker consumers: no Camel redelivery. Partner failures are results recorded in the
        // database (retries are scheduled there); anything else (e.g. the database down) rolls the JMS
        // transaction back and the broker's address settings own the redelivery and the dead-letter address.
        routeConfiguration("transacted-consumer").errorHandler(noErrorHandler());

        // Scheduled pollers: a failed run is logged and the next tick tries again; nothing is lost because
        // the work stays due in the database (outbox) or behind the watermark (pulls).
        routeConfiguration("scheduled-poller")
                .onException(Exception.class).handled(true)
                .log(LoggingLevel.WARN, "${routeId} run failed, the next run retries: ${exception.message}");
    }
}
