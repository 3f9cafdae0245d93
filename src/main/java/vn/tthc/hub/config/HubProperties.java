package vn.tthc.hub.config;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The composition root's own setting ({@code hub.mappings-dir}: where mappings, code tables and the
 * catalogue live). Every other setting belongs to the package that uses it: the sync core's
 * {@code SyncProperties}, and each partner's properties in its own package.
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public class HubProperties {
    @NotBlank
    private String mappingsDir = "mappings";

    /** Where procedures.csv and routing.csv are read from and imports written back to; empty = {@code <mappings-dir>/catalogue}. */
    private String catalogueDir = "";

    /** How often the catalogue files are checked for a change made outside this instance (shared folder); 0 = never. */
    private java.time.Duration catalogueRefresh = java.time.Duration.ofSeconds(30);

    public java.time.Duration getCatalogueRefresh() { return catalogueRefresh; }
    public void setCatalogueRefresh(java.time.Duration catalogueRefresh) { this.catalogueRefresh = catalogueRefresh; }
    public String getMappingsDir() { return mappingsDir; }
    public String getCatalogueDir() { return catalogueDir; }
    public void setCatalogueDir(String catalogueDir) { this.catalogueDir = catalogueDir == null ? "" : catalogueDir; }
    public void setMappingsDir(String mappingsDir) { this.mappingsDir = mappingsDir; }
}
