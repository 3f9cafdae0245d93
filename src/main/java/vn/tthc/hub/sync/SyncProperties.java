package vn.tthc.hub.sync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The sync core's settings ({@code hub.*}): which targets each source feeds, the province's agency
 * codes, the intake's limits and clock skew, and the outbox relay. Validated at start: a wrong value
 * stops the hub with the property named. Each partner's own settings live in its package.
 */
@Validated
@ConfigurationProperties(prefix = "hub")
public class SyncProperties {
    /** Prefix of a ministry system's partner id: {@code ministry-G06}. */
    public static final String MINISTRY_PREFIX = "ministry-";

    @NotNull
    private Duration clockSkew = Duration.ofMinutes(5);
    @Min(1024)
    private int maxBodyBytes = 2 * 1024 * 1024;
    @Valid
    private Intake intake = new Intake();
    @Valid
    private Relay relay = new Relay();
    private Map<String, List<String>> flows = new LinkedHashMap<>();
    @NotEmpty
    private List<@Pattern(regexp = "\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}", message = "must be an agency code LLL.KK.NN.Xnn") String>
            agencyCodes = new ArrayList<>(List.of("000.00.06.H56"));

    /** Targets of a source: its own flow, else the flow declared for all ministries ({@code ministry-*}). */
    public List<String> flowOf(String source) {
        List<String> f = flows.get(source);
        if (f == null && source.startsWith(MINISTRY_PREFIX)) {
            f = flows.get(MINISTRY_PREFIX + "*");
        }
        return f == null ? List.of() : f;
    }

    /** Every target a flow names. */
    public Set<String> flowTargets() {
        Set<String> all = new LinkedHashSet<>();
        flows.values().forEach(all::addAll);
        return all;
    }

    /** The webhook's front door: how much of a body is ever read, and how many unauthenticated calls a sender may make. */
    public static class Intake {
        /**
         * The most bytes read of any pushed body (8 MiB): a body up to {@code max-body-bytes} is accepted, a
         * larger one is read on only to check its signature (nothing past {@code max-body-bytes} is held), and
         * one past this ceiling is refused unread, so it is never stored.
         */
        @Min(1024)
        private long maxReadBytes = 8L * 1024 * 1024;
        /** Unauthenticated calls one sender address may make per minute before it is answered 429 without reading. */
        @Min(1)
        private int unauthenticatedPerMinute = 30;

        public long getMaxReadBytes() { return maxReadBytes; }
        public void setMaxReadBytes(long maxReadBytes) { this.maxReadBytes = maxReadBytes; }
        public int getUnauthenticatedPerMinute() { return unauthenticatedPerMinute; }
        public void setUnauthenticatedPerMinute(int unauthenticatedPerMinute) { this.unauthenticatedPerMinute = unauthenticatedPerMinute; }
    }

    /** Outbox relay: how often due deliveries are published and when a published one counts as lost. */
    public static class Relay {
        @NotNull
        private Duration period = Duration.ofMillis(100);
        @Min(1)
        private int batchSize = 500;
        @NotNull
        private Duration staleAfter = Duration.ofMinutes(10);
        @NotNull
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

    public Duration getClockSkew() { return clockSkew; }
    public void setClockSkew(Duration clockSkew) { this.clockSkew = clockSkew; }
    public int getMaxBodyBytes() { return maxBodyBytes; }
    public void setMaxBodyBytes(int maxBodyBytes) { this.maxBodyBytes = maxBodyBytes; }
    public Intake getIntake() { return intake; }
    public void setIntake(Intake intake) { this.intake = intake; }
    public Relay getRelay() { return relay; }
    public void setRelay(Relay relay) { this.relay = relay; }
    public Map<String, List<String>> getFlows() { return flows; }
    public void setFlows(Map<String, List<String>> flows) { this.flows = flows; }
    public List<String> getAgencyCodes() { return agencyCodes; }
    public void setAgencyCodes(List<String> agencyCodes) { this.agencyCodes = agencyCodes; }
}
