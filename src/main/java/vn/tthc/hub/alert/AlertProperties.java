package vn.tthc.hub.alert;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of the alert mails ({@code hub.alerts.*}): triggers, recipients, throttle, digest, language and SMTP. */
@Validated
@ConfigurationProperties(prefix = "hub.alerts")
public class AlertProperties {
    private boolean enabled = true;
    @Pattern(regexp = "vi|en", message = "must be vi or en")
    private String language = "vi";
    @NotBlank
    private String consoleUrl = "http://localhost:8080/";
    /** Runs GreenMail in-process as the SMTP server (embedded default only). */
    private boolean embeddedSmtp = false;
    /** A partner whose attempts all failed for this long is an incident. */
    @NotNull
    private Duration failingAfter = Duration.ofMinutes(10);
    /** How often the partners' attempts are checked for failing and recovered partners. */
    @NotNull
    private Duration checkPeriod = Duration.ofSeconds(30);
    /** After a failing partner answers again, the recovered mail waits at most this long for the backlog to drain. */
    @NotNull
    private Duration recoveredWait = Duration.ofMinutes(2);
    /** A dead-letter incident stays open (one mail) until this long passes without a new DEAD of its kind. */
    @NotNull
    private Duration deadQuietAfter = Duration.ofHours(1);
    /** Most mails one recipient gets per hour (the digest aside). */
    @Min(1)
    private int maxPerHour = 20;
    @NotBlank
    private String digestCron = "0 30 7 * * ?";
    @NotBlank
    private String zone = "Asia/Ho_Chi_Minh";
    @NotBlank
    private String from = "tthc-hub@localhost";
    private List<String> recipients = new ArrayList<>(List.of("tich-hop@localhost"));
    @Valid
    private Map<String, Overrides> partners = new LinkedHashMap<>();
    @Valid
    private Map<String, Overrides> departments = new LinkedHashMap<>();
    @Valid
    private Smtp smtp = new Smtp();

    /** Per partner (or department) changes: its own threshold and extra recipients. */
    public static class Overrides {
        private Duration failingAfter;
        private List<String> recipients = new ArrayList<>();

        public Duration getFailingAfter() { return failingAfter; }
        public void setFailingAfter(Duration failingAfter) { this.failingAfter = failingAfter; }
        public List<String> getRecipients() { return recipients; }
        public void setRecipients(List<String> recipients) { this.recipients = recipients; }
    }

    /** Where mails go out (the embedded GreenMail when {@code embedded-smtp}, else the province's relay). */
    public static class Smtp {
        @NotBlank
        private String host = "127.0.0.1";
        /** 0 on the embedded default: GreenMail picks a free port (several hubs may run on one machine). */
        @Min(0)
        private int port = 0;
        private String username = "";
        private String password = "";
        private boolean starttls = false;

        public String getHost() { return host; }
        public void setHost(String host) { this.host = host; }
        public int getPort() { return port; }
        public void setPort(int port) { this.port = port; }
        public String getUsername() { return username; }
        public void setUsername(String username) { this.username = username; }
        public String getPassword() { return password; }
        public void setPassword(String password) { this.password = password; }
        public boolean isStarttls() { return starttls; }
        public void setStarttls(boolean starttls) { this.starttls = starttls; }
    }

    /** The failing threshold of one partner: its own, or the default. */
    public Duration failingAfterOf(String partner) {
        Overrides o = partners.get(partner);
        return o != null && o.getFailingAfter() != null ? o.getFailingAfter() : failingAfter;
    }

    /** Everyone who hears about a partner: the general recipients and the partner's own. */
    public List<String> recipientsOf(String partner) {
        List<String> out = new ArrayList<>(recipients);
        Overrides o = partners.get(partner);
        if (o != null) {
            o.getRecipients().stream().filter(r -> !out.contains(r)).forEach(out::add);
        }
        return out;
    }

    public boolean isEnabled() { return enabled; }
    public void setEnabled(boolean enabled) { this.enabled = enabled; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
    public String getConsoleUrl() { return consoleUrl; }
    public void setConsoleUrl(String consoleUrl) { this.consoleUrl = consoleUrl; }
    public boolean isEmbeddedSmtp() { return embeddedSmtp; }
    public void setEmbeddedSmtp(boolean embeddedSmtp) { this.embeddedSmtp = embeddedSmtp; }
    public Duration getFailingAfter() { return failingAfter; }
    public void setFailingAfter(Duration failingAfter) { this.failingAfter = failingAfter; }
    public Duration getCheckPeriod() { return checkPeriod; }
    public void setCheckPeriod(Duration checkPeriod) { this.checkPeriod = checkPeriod; }
    public Duration getRecoveredWait() { return recoveredWait; }
    public void setRecoveredWait(Duration recoveredWait) { this.recoveredWait = recoveredWait; }
    public Duration getDeadQuietAfter() { return deadQuietAfter; }
    public void setDeadQuietAfter(Duration deadQuietAfter) { this.deadQuietAfter = deadQuietAfter; }
    public int getMaxPerHour() { return maxPerHour; }
    public void setMaxPerHour(int maxPerHour) { this.maxPerHour = maxPerHour; }
    public String getDigestCron() { return digestCron; }
    public void setDigestCron(String digestCron) { this.digestCron = digestCron; }
    public String getZone() { return zone; }
    public void setZone(String zone) { this.zone = zone; }
    public String getFrom() { return from; }
    public void setFrom(String from) { this.from = from; }
    public List<String> getRecipients() { return recipients; }
    public void setRecipients(List<String> recipients) { this.recipients = recipients; }
    public Map<String, Overrides> getPartners() { return partners; }
    public void setPartners(Map<String, Overrides> partners) { this.partners = partners; }
    public Map<String, Overrides> getDepartments() { return departments; }
    public void setDepartments(Map<String, Overrides> departments) { this.departments = departments; }
    public Smtp getSmtp() { return smtp; }
    public void setSmtp(Smtp smtp) { this.smtp = smtp; }
}
