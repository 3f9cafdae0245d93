package vn.tthc.hub.partner.province;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import vn.tthc.hub.partner.ClientCredentials;
import vn.tthc.hub.sync.DeliverySettings;

/**
 * The province system's settings ({@code hub.partners.province}): its API and token endpoint with
 * the hub's client credentials, the webhook's shared secret, the incremental pull (schedule, page
 * size, overlap, first start), and consumers and retry of the write-back target. Secrets from the
 * environment only.
 */
@Validated
@ConfigurationProperties(prefix = "hub.partners.province")
public class ProvinceProperties extends DeliverySettings implements ClientCredentials {
    @NotBlank
    private String baseUrl;
    private String tokenUrl;
    private String clientId;
    private String clientSecret;
    private String webhookSecret;
    private String webhookUrl;
    @NotBlank
    private String pullCron = "0/30 * * * * ?";
    @Min(1)
    @Max(1000)
    private int pullPageSize = 100;
    @NotNull
    private Duration pullOverlap = Duration.ofMinutes(2);
    @jakarta.validation.constraints.Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([+-]\\d{2}:\\d{2}|Z)",
            message = "must be an ISO-8601 time with an offset, e.g. 2026-01-01T00:00:00+07:00")
    private String pullStart = "2026-01-01T00:00:00+07:00";

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
    public String getPullCron() { return pullCron; }
    public void setPullCron(String pullCron) { this.pullCron = pullCron; }
    public int getPullPageSize() { return pullPageSize; }
    public void setPullPageSize(int pullPageSize) { this.pullPageSize = pullPageSize; }
    public Duration getPullOverlap() { return pullOverlap; }
    public void setPullOverlap(Duration pullOverlap) { this.pullOverlap = pullOverlap; }
    public String getPullStart() { return pullStart; }
    public void setPullStart(String pullStart) { this.pullStart = pullStart; }
}
