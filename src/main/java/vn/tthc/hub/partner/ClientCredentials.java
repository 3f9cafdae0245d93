package vn.tthc.hub.partner;

/**
 * The settings an OAuth2 client-credentials token is fetched with (the province's Keycloak, the
 * NDXP gateway); read at every fetch, so a changed secret is used from the next token on.
 */
public interface ClientCredentials {
    String getBaseUrl();

    /** The token endpoint; blank means {@code {base-url}/token}. */
    String getTokenUrl();

    String getClientId();

    String getClientSecret();

    /** {@code form} (client_id and client_secret in the form) or {@code basic} (HTTP Basic). */
    default String getTokenAuth() {
        return "form";
    }
}
