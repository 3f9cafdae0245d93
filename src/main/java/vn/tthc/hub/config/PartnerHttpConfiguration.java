package vn.tthc.hub.config;

import org.apache.camel.CamelContext;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One HTTP client configuration for every partner call, http and https alike: camel-http registers {@code https} as
 * a component of its own, which {@code camel.component.http.*} (timeouts, no automatic retries) would not reach, so
 * the configured {@code http} component serves the https scheme too; with {@code hub.tls.trust-store} set it trusts
 * that store's certificates (see {@link PartnerTls}).
 */
@Configuration(proxyBeanMethods = false)
public class PartnerHttpConfiguration {
    private static final Logger log = LoggerFactory.getLogger(PartnerHttpConfiguration.class);

    @Bean
    CamelContextConfiguration partnerHttpComponents(@Value("${hub.tls.trust-store:}") String trustStore,
                                                    @Value("${hub.tls.trust-store-password:}") String password,
                                                    @Value("${hub.tls.trust-store-type:PKCS12}") String type) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext context) {
                apply(context, trustStore, password, type);
            }

            @Override
            public void afterApplicationStart(CamelContext context) {
                // nothing after start
            }
        };
    }

    /** Makes the configured http component serve https too, with the partner trust store when one is set. */
    static HttpComponent apply(CamelContext context, String trustStore, String password, String type) {
        HttpComponent http = context.getComponent("http", HttpComponent.class);
        if (trustStore != null && !trustStore.isBlank()) {
            http.setSslContextParameters(PartnerTls.parameters(trustStore.trim(), password, type));
            log.info("Partner calls over https trust the certificates of {}", trustStore.trim());
        }
        if (context.hasComponent("https") != http) {
            if (context.hasComponent("https") != null) {
                context.removeComponent("https");
            }
            context.addComponent("https", http);
        }
        return http;
    }
}
