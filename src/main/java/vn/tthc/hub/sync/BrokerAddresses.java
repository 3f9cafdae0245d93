package vn.tthc.hub.sync;

import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.springframework.boot.autoconfigure.jms.artemis.ArtemisConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Embedded Artemis addresses: one anycast queue per target ({@code hub.<target>}) with its own
 * explicit dead-letter queue ({@code DLQ.hub.<target>}). The broker owns redelivery only for
 * rolled-back consumptions (e.g. the database unreachable); partner retries are scheduled in the
 * database. For an external broker, the same settings go into its broker.xml (see README).
 */
@Configuration(proxyBeanMethods = false)
public class BrokerAddresses {

    @Bean
    ArtemisConfigurationCustomizer hubAddresses(SyncProperties sync, Environment env) {
        return config -> {
            // every target a flow names and every ministry system (reached by routing): read from the settings, not from
            // the adapters, because the broker starts before them; the ministry block is read by its keys only, since its
            // typed settings belong to the partner package
            java.util.Set<String> targets = new java.util.LinkedHashSet<>(sync.flowTargets());
            Binder.get(env).bind("hub.ministries", Bindable.mapOf(String.class, Object.class)).orElse(java.util.Map.of())
                    .keySet().forEach(code -> targets.add(SyncProperties.MINISTRY_PREFIX + code));
            for (String t : targets) {
                String queue = OutboxRelay.queueOf(t);
                String dlq = OutboxRelay.deadLetterQueueOf(t);
                config.addAddressConfiguration(new CoreAddressConfiguration().setName(queue)
                        .addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
                config.addAddressConfiguration(new CoreAddressConfiguration().setName(dlq)
                        .addRoutingType(RoutingType.ANYCAST)
                        .addQueueConfiguration(QueueConfiguration.of(dlq).setRoutingType(RoutingType.ANYCAST).setDurable(true)));
                config.addAddressSetting(queue, new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(dlq))
                        .setExpiryAddress(SimpleString.of(dlq))
                        .setMaxDeliveryAttempts(10)
                        .setRedeliveryDelay(2000)
                        .setRedeliveryMultiplier(2.0)
                        .setMaxRedeliveryDelay(60_000)
                        .setRedeliveryCollisionAvoidanceFactor(0.2));
                // a dead-letter queue keeps its messages until an operator acts: never dead-lettered again
                config.addAddressSetting(dlq, new AddressSettings()
                        .setDeadLetterAddress(SimpleString.of(dlq)).setExpiryAddress(SimpleString.of(dlq)).setMaxDeliveryAttempts(-1));
            }
            // anything else (e.g. an address created by mistake) still has an explicit dead-letter address
            config.addAddressSetting("#", new AddressSettings()
                    .setDeadLetterAddress(SimpleString.of("DLQ.hub.other")).setExpiryAddress(SimpleString.of("DLQ.hub.other"))
                    .setMaxDeliveryAttempts(10)
                    .setAutoCreateDeadLetterResources(true));
        };
    }
}
