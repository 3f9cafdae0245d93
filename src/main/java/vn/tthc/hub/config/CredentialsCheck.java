package vn.tthc.hub.config;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Stops the start-up, naming the environment variables, when a partner credential is missing. */
@Component
public class CredentialsCheck implements InitializingBean {
    private final Environment env;

    public CredentialsCheck(Environment env) {
        this.env = env;
    }

    @Override
    public void afterPropertiesSet() {
        List<String> missing = new ArrayList<>();
        for (String key : EmbeddedSecrets.SECRETS) {
            String v = env.getProperty(key);
            if (v == null || v.isBlank()) {
                // the variable config/application*.yaml reads, e.g. hub.partners.dvcqg.password → HUB_DVCQG_PASSWORD
                missing.add(key + " (environment variable " + key.replace("partners.", "").toUpperCase().replace('.', '_').replace('-', '_') + ")");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Missing partner credentials: " + String.join(", ", missing));
        }
    }
}
