package vn.tthc.hub.partner.dvcqg;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import vn.tthc.hub.sync.DeliverySettings;

/**
 * The national portal's settings ({@code hub.partners.dvcqg}): its adapter endpoints, the account
 * (secrets from the environment only), how progress is chunked and whether an insert first asks
 * whether the portal already holds the dossier; plus consumers and retry like every target.
 */
@Validated
@ConfigurationProperties(prefix = "hub.partners.dvcqg")
public class DvcqgProperties extends DeliverySettings {
    @NotBlank
    private String baseUrl;
    @NotBlank
    private String authEndpoint = "/adapter/login";
    @NotBlank
    private String integrationEndpoint = "/adapter/integration";
    @NotBlank
    private String dstcode = "DVCQG";
    private String username;
    private String password;
    @Min(1)
    @Max(1000)
    private int progressChunk = 10;
    private boolean lookupBeforeInsert = true;
    /** The unit (madonvi) the console's catalogue check names when it asks the portal for its procedure list. */
    @NotBlank
    private String catalogueUnit = "000.00.00.H56";

    public String getCatalogueUnit() { return catalogueUnit; }
    public void setCatalogueUnit(String catalogueUnit) { this.catalogueUnit = catalogueUnit; }

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getAuthEndpoint() { return authEndpoint; }
    public void setAuthEndpoint(String authEndpoint) { this.authEndpoint = authEndpoint; }
    public String getIntegrationEndpoint() { return integrationEndpoint; }
    public void setIntegrationEndpoint(String integrationEndpoint) { this.integrationEndpoint = integrationEndpoint; }
    public String getDstcode() { return dstcode; }
    public void setDstcode(String dstcode) { this.dstcode = dstcode; }
    public String getUsername() { return username; }
    public void setUsername(String username) { this.username = username; }
    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public int getProgressChunk() { return progressChunk; }
    public void setProgressChunk(int progressChunk) { this.progressChunk = progressChunk; }
    public boolean isLookupBeforeInsert() { return lookupBeforeInsert; }
    public void setLookupBeforeInsert(boolean lookupBeforeInsert) { this.lookupBeforeInsert = lookupBeforeInsert; }
}
