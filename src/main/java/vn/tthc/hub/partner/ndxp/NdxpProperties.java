package vn.tthc.hub.partner.ndxp;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import vn.tthc.hub.partner.ClientCredentials;

/**
 * The NDXP gateway's settings ({@code hub.partners.ndxp}): where it is, its token endpoint, how the
 * client authenticates there, and the client's credentials (secret from the environment only).
 */
@Validated
@ConfigurationProperties(prefix = "hub.partners.ndxp")
public class NdxpProperties implements ClientCredentials {
    @NotBlank
    private String baseUrl;
    private String tokenUrl;
    @Pattern(regexp = "(?i)form|basic", message = "must be form or basic")
    private String tokenAuth = "form";
    private String clientId;
    private String clientSecret;

    public String getBaseUrl() { return baseUrl; }
    public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
    public String getTokenUrl() { return tokenUrl; }
    public void setTokenUrl(String tokenUrl) { this.tokenUrl = tokenUrl; }
    public String getTokenAuth() { return tokenAuth; }
    public void setTokenAuth(String tokenAuth) { this.tokenAuth = tokenAuth; }
    public String getClientId() { return clientId; }
    public void setClientId(String clientId) { this.clientId = clientId; }
    public String getClientSecret() { return clientSecret; }
    public void setClientSecret(String clientSecret) { this.clientSecret = clientSecret; }
}
