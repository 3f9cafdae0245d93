package vn.tthc.hub.config;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * On the embedded default (built-in simulators on), fills every partner credential left blank with
 * a random value for this run only, so that the hub and its simulators share credentials without
 * any secret in the repository. Without simulators a blank credential stays blank and the hub
 * refuses to start (see {@link CredentialsCheck}).
 */
public class EmbeddedSecrets implements EnvironmentPostProcessor {
    static final List<String> SECRETS = List.of(
            "hub.partners.dvcqg.username", "hub.partners.dvcqg.password",
            "hub.partners.province.client-id", "hub.partners.province.client-secret",
            "hub.partners.province.webhook-secret",
            "hub.partners.ndxp.client-id", "hub.partners.ndxp.client-secret");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (!env.getProperty("hub.simulators.enabled", Boolean.class, false)) {
            return;
        }
        SecureRandom random = new SecureRandom();
        Map<String, Object> generated = new HashMap<>();
        for (String key : SECRETS) {
            String value = env.getProperty(key);
            if (value == null || value.isBlank()) {
                byte[] b = new byte[18];
                random.nextBytes(b);
                generated.put(key, (key.endsWith("username") || key.endsWith("client-id") ? "hub-" : "") + HexFormat.of().formatHex(b));
            }
        }
        if (!generated.isEmpty()) {
            env.getPropertySources().addFirst(new MapPropertySource("embeddedGeneratedSecrets", generated));
        }
    }
}
