package vn.tthc.hub.partner.ministry;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;
import vn.tthc.hub.sync.PullSettings;
import vn.tthc.hub.sync.SyncProperties;

/**
 * The systems behind NDXP ({@code hub.ministries.<code>} and {@code hub.coordination}): one block per
 * ministry's central system — its API context and version on the gateway, its wire format, its
 * agency, its pull schedule, consumers and retry — and the coordination system's. Adding a ministry
 * is a block here (plus its catalogue rows and route instances).
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public class MinistryProperties {
    @Valid
    private Map<String, @Valid NdxpSystem> ministries = new LinkedHashMap<>();
    @Valid
    private NdxpSystem coordination = new NdxpSystem();

    /** Ids of the configured ministry systems, e.g. {@code ministry-G06}. */
    public List<String> ministryIds() {
        return ministries.keySet().stream().map(k -> SyncProperties.MINISTRY_PREFIX + k).toList();
    }

    /** One system behind NDXP. */
    public static class NdxpSystem extends PullSettings {
        private String name;
        private String context;
        @NotBlank
        private String version = "v1";
        @Pattern(regexp = "(?i)json|xml", message = "must be json or xml")
        private String format = "json";
        private String agency;

        public boolean xml() {
            return "xml".equalsIgnoreCase(format);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getContext() { return context; }
        public void setContext(String context) { this.context = context; }
        public String getVersion() { return version; }
        public void setVersion(String version) { this.version = version; }
        public String getFormat() { return format; }
        public void setFormat(String format) { this.format = format; }
        public String getAgency() { return agency; }
        public void setAgency(String agency) { this.agency = agency; }
    }

    public Map<String, NdxpSystem> getMinistries() { return ministries; }
    public void setMinistries(Map<String, NdxpSystem> ministries) { this.ministries = ministries; }
    public NdxpSystem getCoordination() { return coordination; }
    public void setCoordination(NdxpSystem coordination) { this.coordination = coordination; }
}
