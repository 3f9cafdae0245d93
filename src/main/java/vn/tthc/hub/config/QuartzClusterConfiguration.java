package vn.tthc.hub.config;

import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.quartz.SchedulerException;
import org.quartz.SchedulerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * With {@code hub.quartz.clustered=true} (the prod profile) camel-quartz builds its scheduler from this factory
 * ({@code camel.component.quartz.scheduler-factory=#hubQuartzSchedulerFactory}): Quartz on the clustered JDBC store
 * in the hub's database, configured by {@code hub.quartz.properties}. Off (the embedded default): Quartz keeps its
 * in-memory store, one instance.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "hub.quartz.clustered", havingValue = "true")
public class QuartzClusterConfiguration {

    @Bean
    SchedulerFactory hubQuartzSchedulerFactory(Environment env, DataSource dataSource) throws SchedulerException {
        Map<String, String> props = Binder.get(env).bind("hub.quartz.properties", Bindable.mapOf(String.class, String.class))
                .orElseGet(LinkedHashMap::new);
        return QuartzCluster.factory(props, dataSource);
    }
}
