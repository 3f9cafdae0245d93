package vn.tthc.hub.sim.province;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the province simulator from properties. Client credentials, webhook secret and URL are
 * read from the {@link Environment} at use, so values the hub fills in at start-up are seen. Off
 * with {@code hub.simulators.enabled=false}.
 */
@Configuration(proxyBeanMethods = false)
public class ProvinceSimConfiguration {

    static final String DEFAULT_WEBHOOK_PATH = "/api/v1/intake/province";

    @Bean(initMethod = "start", destroyMethod = "close")
    public ProvinceSimulator provinceSimulator(
            Environment env,
            @Value("${hub.mappings-dir:mappings}") String mappingsDir,
            @Value("${hub.sim.province.agency-code:000.00.06.H56}") String agencyCode,
            @Value("${hub.sim.province.agency-name:Sở Khoa học và Công nghệ tỉnh Thái Nguyên}") String agencyName,
            @Value("${hub.sim.province.tick-ms:2000}") long tickMs,
            @Value("${hub.sim.province.per-tick:20}") int perTick,
            @Value("${hub.sim.province.token-ttl-seconds:300}") long tokenTtlSeconds,
            @Value("${hub.sim.province.push-enabled:true}") boolean pushEnabled,
            @Value("${hub.sim.province.push-threads:2}") int pushThreads,
            @Value("${hub.sim.province.push-queue:10000}") int pushQueue,
            @Value("${hub.sim.province.push-timeout-ms:10000}") long pushTimeoutMs) {
        ProvinceSimulator.Settings settings = new ProvinceSimulator.Settings(agencyCode, agencyName, tickMs, perTick,
                tokenTtlSeconds, pushEnabled, pushThreads, pushQueue, Duration.ofMillis(pushTimeoutMs));
        ProvinceCatalogue catalogue = ProvinceCatalogue.load(Path.of(mappingsDir));
        return new ProvinceSimulator(settings, catalogue,
                property(env, "hub.partners.province.client-id"),
                property(env, "hub.partners.province.client-secret"),
                property(env, "hub.partners.province.webhook-secret"),
                () -> webhookUrl(env),
                Clock.systemUTC());
    }

    private static Supplier<String> property(Environment env, String name) {
        return () -> env.getProperty(name, "");
    }

    /**
     * {@code hub.partners.province.webhook-url}, by default {@code http://localhost:${server.port}/api/v1/intake/province};
     * a port of 0 (random port) is replaced by the port the server actually listens on.
     */
    static String webhookUrl(Environment env) {
        String localPort = env.getProperty("local.server.port");
        String configured = env.getProperty("hub.partners.province.webhook-url");
        if (configured == null || configured.isBlank()) {
            String port = localPort != null ? localPort : env.getProperty("server.port", "8080");
            if ("0".equals(port)) {
                port = "8080";
            }
            return "http://localhost:" + port + DEFAULT_WEBHOOK_PATH;
        }
        if (localPort != null) {
            try {
                URI uri = URI.create(configured);
                if (uri.getPort() == 0) {
                    return new URI(uri.getScheme(), uri.getUserInfo(), uri.getHost(), Integer.parseInt(localPort),
                            uri.getPath(), uri.getQuery(), uri.getFragment()).toString();
                }
            } catch (Exception e) {
                return configured;
            }
        }
        return configured;
    }
}
