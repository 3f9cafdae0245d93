package vn.tthc.hub.partner.province;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import vn.tthc.hub.partner.ClientCredentials;
import vn.tthc.hub.sync.PullSettings;

/**
 * The province system's settings ({@code hub.partners.province}): its API and token endpoint with
 * the hub's client credentials, the webhook's shared secret, the incremental pull (schedule, page
 * size, overlap, first start), and consumers and retry of the write-back target. Secrets from the
 * environment only.
 */
@Validated
@ConfigurationProperties(prefix = "hub.partners.province")
public class ProvinceProperties extends PullSettings implements ClientCredentials {
    @NotBlank
    private String baseUrl;
    private String tokenUrl;
    private String clientId;
    private String clientSecret;
    private String webhookSecret;
    private String webhookUrl;

    public ProvinceProperties() {
        setPullCron("0/30 * * * * ?");
    }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getTokenUrl() { return tokenUrl; }
    public void setTokenUrl(String tokenUrl) { this.tokenUrl = tokenUrl; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
    public String getWebhookSecret() { return webhookSecret; }
    public void setWebhookSecret(String webhookSecret) { this.webhookSecret = webhookSecret; }
    public String getWebhookUrl() { return webhookUrl; }
    public void setWebhookUrl(String webhookUrl) { this.webhookUrl = webhookUrl; }
}
