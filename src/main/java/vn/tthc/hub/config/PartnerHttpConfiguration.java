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
 * a component of its own, which {@code camel.component.http.*} (timeouts, no automatic retries, pool sizes) would not
 * reach, so the hub's {@code https} component takes the {@code http} one's settings; with {@code hub.tls.trust-store}
 * set it trusts that store's certificates (see {@link PartnerTls}). They stay two components because a component
 * with SSL parameters turns every URL it serves into https, a plain-http partner included.
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

    /** The https component: the http component's settings, and the partner trust store when one is set. */
    static HttpComponent apply(CamelContext context, String trustStore, String password, String type) {
        HttpComponent http = context.getComponent("http", HttpComponent.class);
        HttpComponent https = new HttpComponent();
        https.setConnectTimeout(http.getConnectTimeout());
        https.setConnectionRequestTimeout(http.getConnectionRequestTimeout());
        https.setResponseTimeout(http.getResponseTimeout());
        https.setSoTimeout(http.getSoTimeout());
        https.setMaxTotalConnections(http.getMaxTotalConnections());
        https.setConnectionsPerRoute(http.getConnectionsPerRoute());
        https.setConnectionTimeToLive(http.getConnectionTimeToLive());
        https.setAutomaticRetriesDisabled(http.isAutomaticRetriesDisabled());
        https.setContentCompressionDisabled(http.isContentCompressionDisabled());
        https.setCookieManagementDisabled(http.isCookieManagementDisabled());
        https.setFollowRedirects(http.isFollowRedirects());
        https.setSkipRequestHeaders(http.isSkipRequestHeaders());
        https.setSkipResponseHeaders(http.isSkipResponseHeaders());
        https.setUseSystemProperties(http.isUseSystemProperties());
        if (trustStore != null && !trustStore.isBlank()) {
            https.setSslContextParameters(PartnerTls.parameters(trustStore.trim(), password, type));
            log.info("Partner calls over https trust the certificates of {}", trustStore.trim());
        }
        if (context.hasComponent("https") != null) {
            context.removeComponent("https");
        }
        context.addComponent("https", https);
        return https;
    }
}
