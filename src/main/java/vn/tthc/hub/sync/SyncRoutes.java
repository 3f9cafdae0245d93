package vn.tthc.hub.sync;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The hub's Camel wiring that is the same for every partner: the error policies (declared once,
 * opted into by routes), the outbox relay, and the route templates that routes/*.yaml
 * instantiates per target and per source. Routes stay thin: consume, call a bean, send.
 */
@Component
public class SyncRoutes extends RouteBuilder {
    /** Exchange property holding the delivery id while the body carries the outcome. */
    public static final String DELIVERY_ID = "hubDeliveryId";

    @Override
    public void configure() {
        from("timer:outbox-relay?period={{hub.relay.period}}&delay=1000")
                .routeId("hub-outbox-relay").routeConfigurationId("scheduled-poller")
                .bean(OutboxRelay.class, "publishDue");

        routeTemplate("target-delivery")
                .templateParameter("target", null, "target id, e.g. dvcqg")
                .templateParameter("consumers", "4", "concurrent consumers of the target's queue")
                .from("jms:queue:" + OutboxRelay.queueOf("{{target}}") + "?transacted=true&concurrentConsumers={{consumers}}"
                        + "&maxConcurrentConsumers={{consumers}}&cacheLevelName=CACHE_CONSUMER")
                .routeConfigurationId("transacted-consumer")
                .convertBodyTo(Long.class)
                .setProperty(DELIVERY_ID, body())
                .bean(DeliveryService.class, "process(${exchangeProperty.hubDeliveryId}, ${header.JMSRedelivered})")
                .filter(simple("${body} == 'DEAD'"))
                    .setBody(exchangeProperty(DELIVERY_ID)).convertBodyTo(String.class)
                    .to("jms:queue:" + OutboxRelay.deadLetterQueueOf("{{target}}") + "?jmsMessageType=Text")
                .end();

        routeTemplate("source-pull")
                .templateParameter("source", null, "source id, e.g. province")
                .templateParameter("cron", null, "Quartz cron of the incremental pull")
                .from("quartz:pull/{{source}}?cron={{cron}}&stateful=true")
                .routeConfigurationId("scheduled-poller")
                .bean(PullRegistry.class, "pull('{{source}}')");
    }
}
