package vn.tthc.hub.report;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.quartz.CronExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of the scheduled report mails ({@code hub.reports.*}), validated at start. */
@Validated
@ConfigurationProperties("hub.reports")
public class ReportProperties {
    /** Quartz cron of the weekly report (for the previous ISO week), in {@link #timeZone}. */
    @NotBlank
    private String weeklyCron = "0 0 7 ? * MON";
    /** Quartz cron of the monthly report (for the previous month), in {@link #timeZone}. */
    @NotBlank
    private String monthlyCron = "0 0 7 1 * ?";
    /** Time zone of the crons, and of the day that decides which period was the last complete one. */
    @NotBlank
    private String timeZone = "Asia/Ho_Chi_Minh";
    /** Who receives the reports; empty: the reports are not mailed (still downloadable). */
    private List<@NotBlank @Email String> recipients = new ArrayList<>();
    /** Language of the mail and of the attached files' headers. */
    @Pattern(regexp = "vi|en", message = "must be vi or en")
    private String language = "vi";

    @AssertTrue(message = "weekly-cron and monthly-cron must be Quartz cron expressions (seconds minutes hours day-of-month month day-of-week)")
    boolean isCronValid() {
        return weeklyCron == null || monthlyCron == null
                || CronExpression.isValidExpression(weeklyCron.trim()) && CronExpression.isValidExpression(monthlyCron.trim());
    }

    @AssertTrue(message = "time-zone must be a time zone id such as Asia/Ho_Chi_Minh")
    boolean isTimeZoneValid() {
        try {
            return timeZone == null || ZoneId.of(timeZone) != null;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The cron of a report kind. */
    public String cronOf(String kind) {
        return switch (kind) {
            case "weekly" -> weeklyCron;
            case "monthly" -> monthlyCron;
            default -> throw new IllegalArgumentException("report kind is weekly or monthly");
        };
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public String getWeeklyCron() { return weeklyCron; }
    public void setWeeklyCron(String weeklyCron) { this.weeklyCron = weeklyCron; }
    public String getMonthlyCron() { return monthlyCron; }
    public void setMonthlyCron(String monthlyCron) { this.monthlyCron = monthlyCron; }
    public String getTimeZone() { return timeZone; }
    public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
    public List<String> getRecipients() { return recipients; }
    public void setRecipients(List<String> recipients) { this.recipients = recipients; }
    public String getLanguage() { return language; }
    public void setLanguage(String language) { this.language = language; }
}
