package vn.tthc.hub.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Typed configuration of the hub ({@code hub.*}): where mappings live, which targets each source
 * feeds, and per partner its endpoint, credentials (from the environment only), consumers and
 * retry policy. See config/application.yaml.
 */
@ConfigurationProperties(prefix = "hub")
public class HubProperties {
    private String mappingsDir = "mappings";
    private Duration clockSkew = Duration.ofMinutes(5);
    private int maxBodyBytes = 2 * 1024 * 1024;
    private Relay relay = new Relay();
    private Intake intake = new Intake();
    private Map<String, List<String>> flows = new LinkedHashMap<>();
    private Map<String, Partner> partners = new LinkedHashMap<>();
    private Map<String, Ministry> ministries = new LinkedHashMap<>();
    private List<String> agencyCodes = new java.util.ArrayList<>(List.of("000.00.06.H56"));
    private Ministry coordination = new Ministry();

    /** Prefix of a ministry system's partner id: {@code ministry-G06}. */
    public static final String MINISTRY_PREFIX = "ministry-";

    /** A partner by id; a ministry system ({@code ministry-Gnn}) comes from {@code hub.ministries.Gnn}. */
    public Partner partner(String id) {
        Partner p = partners.get(id);
        if (p == null && id.startsWith(MINISTRY_PREFIX)) {
            p = ministries.get(id.substring(MINISTRY_PREFIX.length()));
        }
        if (p == null) {
            throw new IllegalArgumentException("no configuration for partner '" + id + "' under hub.partners or hub.ministries");
        }
        return p;
    }

    /** Ids of the configured ministry systems, e.g. {@code ministry-G06}. */
    public List<String> ministryIds() {
        return ministries.keySet().stream().map(k -> MINISTRY_PREFIX + k).toList();
    }

    /** Targets of a source: its own flow, else the flow declared for all ministries ({@code ministry-*}). */
    public List<String> flowOf(String source) {
        List<String> f = flows.get(source);
        if (f == null && source.startsWith(MINISTRY_PREFIX)) {
            f = flows.get(MINISTRY_PREFIX + "*");
        }
        return f == null ? List.of() : f;
    }

    /** Every target any flow or routing can name: the broker needs a queue and a dead-letter queue for each. */
    public List<String> allTargets() {
        java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
        flows.values().forEach(all::addAll);
        all.addAll(ministryIds());
        return List.copyOf(all);
    }

    /**
     * A ministry's central system reached through NDXP: its API context and version on the gateway,
     * its wire format (json or xml), and the delivery settings every partner has.
     */
    public static class Ministry extends Partner {
        private String name;
        private String context;
        private String version = "v1";
        private String format = "json";
        private String agency;

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

        public boolean xml() {
            return "xml".equalsIgnoreCase(format);
        }
    }

    /** Outbox relay: how often due deliveries are published and when a published one counts as lost. */
    public static class Relay {
        private Duration period = Duration.ofMillis(100);
        private int batchSize = 500;
        private Duration staleAfter = Duration.ofMinutes(10);
        private Duration deferDelay = Duration.ofSeconds(1);

        public Duration getPeriod() { return period; }
        public void setPeriod(Duration period) { this.period = period; }
        public int getBatchSize() { return batchSize; }
        public void setBatchSize(int batchSize) { this.batchSize = batchSize; }
        public Duration getStaleAfter() { return staleAfter; }
        public void setStaleAfter(Duration staleAfter) { this.staleAfter = staleAfter; }
        public Duration getDeferDelay() { return deferDelay; }
        public void setDeferDelay(Duration deferDelay) { this.deferDelay = deferDelay; }
    }

    /** Retry policy of one target: exponential backoff with jitter, then dead. */
    public static class Retry {
        private int maxAttempts = 15;
        private Duration initialDelay = Duration.ofSeconds(5);
        private double multiplier = 2.0;
        private Duration maxDelay = Duration.ofMinutes(10);
        private double jitter = 0.2;

        public int getMaxAttempts() { return maxAttempts; }
        public void setMaxAttempts(int maxAttempts) { this.maxAttempts = maxAttempts; }
        public Duration getInitialDelay() { return initialDelay; }
        public void setInitialDelay(Duration initialDelay) { this.initialDelay = initialDelay; }
        public double getMultiplier() { return multiplier; }
        public void setMultiplier(double multiplier) { this.multiplier = multiplier; }
        public Duration getMaxDelay() { return maxDelay; }
        public void setMaxDelay(Duration maxDelay) { this.maxDelay = maxDelay; }
        public double getJitter() { return jitter; }
        public void setJitter(double jitter) { this.jitter = jitter; }
    }

    /** One partner system. Not every field applies to every partner; secrets come from the environment. */
    public static class Partner {
        private String baseUrl;
        private int consumers = 4;
        private Retry retry = new Retry();
        // portal (DVCQG)
        private String authEndpoint = "/adapter/login";
        private String integrationEndpoint = "/adapter/integration";
        private String dstcode;
        private String username;
        private String password;
        private int progressChunk = 10;
        private boolean lookupBeforeInsert = true;
        // EMC
        private int siteId = 1;
        // province
        private String tokenUrl;
        private String clientId;
        private String clientSecret;
        private String webhookSecret;
        private String webhookUrl;
        private String pullCron;
        private int pullPageSize = 100;
        private Duration pullOverlap = Duration.ofMinutes(2);
        private String pullStart = "2026-01-01T00:00:00+07:00";
        // NDXP: how the client authenticates at the token endpoint, "form" (client_id/client_secret) or "basic"
        private String tokenAuth = "form";

        public String getBaseUrl() { return baseUrl; }
        public void setBaseUrl(String baseUrl) { this.baseUrl = baseUrl; }
        public int getConsumers() { return consumers; }
        public void setConsumers(int consumers) { this.consumers = consumers; }
        public Retry getRetry() { return retry; }
        public void setRetry(Retry retry) { this.retry = retry; }
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
        public int getSiteId() { return siteId; }
        public void setSiteId(int siteId) { this.siteId = siteId; }
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
        public String getTokenAuth() { return tokenAuth; }
        public void setTokenAuth(String tokenAuth) { this.tokenAuth = tokenAuth; }
    }

    public String getMappingsDir() { return mappingsDir; }
    public void setMappingsDir(String mappingsDir) { this.mappingsDir = mappingsDir; }
    public Duration getClockSkew() { return clockSkew; }
    public void setClockSkew(Duration clockSkew) { this.clockSkew = clockSkew; }
    public int getMaxBodyBytes() { return maxBodyBytes; }
    public Intake getIntake() { return intake; }
    public void setIntake(Intake intake) { this.intake = intake; }
    public void setMaxBodyBytes(int maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; }
    public Relay getRelay() { return relay; }
    public void setRelay(Relay relay) { this.relay = relay; }
    public Map<String, List<String>> getFlows() { return flows; }
    public void setFlows(Map<String, List<String>> flows) { this.flows = flows; }
    public Map<String, Partner> getPartners() { return partners; }
    public Map<String, Ministry> getMinistries() { return ministries; }
    public void setMinistries(Map<String, Ministry> ministries) { this.ministries = ministries; }
    public List<String> getAgencyCodes() { return agencyCodes; }
    /** The coordination system on NDXP (context, version, pull schedule). */
    public Ministry getCoordination() { return coordination; }
    public void setCoordination(Ministry coordination) { this.coordination = coordination; }
    public void setAgencyCodes(List<String> agencyCodes) { this.agencyCodes = agencyCodes; }
    public void setPartners(Map<String, Partner> partners) { this.partners = partners; }

    /** The webhook's front door: how much of a body is ever read, and how many unauthenticated calls a sender may make. */
    public static class Intake {
        /**
         * The most bytes read of any pushed body (8 MiB): a body up to {@code max-body-bytes} is accepted, a
         * larger one is read on only to check its signature (nothing past {@code max-body-bytes} is held), and
         * one past this ceiling is refused unread, so it is never stored.
         */
        private long maxReadBytes = 8L * 1024 * 1024;
        /** Unauthenticated calls one sender address may make per minute before it is answered 429 without reading. */
        private int unauthenticatedPerMinute = 30;

        public long getMaxReadBytes() { return maxReadBytes; }
        public void setMaxReadBytes(long maxReadBytes) { this.maxReadBytes = maxReadBytes; }
        public int getUnauthenticatedPerMinute() { return unauthenticatedPerMinute; }
        public void setUnauthenticatedPerMinute(int unauthenticatedPerMinute) { this.unauthenticatedPerMinute = unauthenticatedPerMinute; }
    }
}
