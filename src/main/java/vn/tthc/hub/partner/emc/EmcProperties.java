package vn.tthc.hub.partner.emc;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import vn.tthc.hub.sync.DeliverySettings;

/** EMC's settings ({@code hub.partners.emc}): where it is, the site id events carry, consumers and retry. */
@Validated
@ConfigurationProperties(prefix = "hub.partners.emc")
public class EmcProperties extends DeliverySettings {
    @NotBlank
    private String baseUrl;
    @Min(1)
    private int siteId = 1;

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public int getSiteId() { return siteId; }
    public void setSiteId(int siteId) { this.siteId = siteId; }
}
