package vn.tthc.hub.reconcile;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Settings of the nightly reconciliation ({@code hub.reconcile.*}), validated at start. */
@Validated
@ConfigurationProperties("hub.reconcile")
public class ReconcileProperties {
    /** Quartz cron of the nightly run. */
    @NotBlank
    private String cron = "0 0 1 * * ?";
    /** Time zone of the cron. */
    @NotBlank
    private String timeZone = "Asia/Ho_Chi_Minh";
    /** The default window: dossiers changed in this long before the run. */
    @NotNull
    private Duration window = Duration.ofHours(48);
    /** Most look-ups per second sent to a target (its look-up shares the target's rate limits with delivery). */
    @DecimalMin("0.1")
    private double lookupsPerSecond = 10;
    /** Most heals per run; the rest of the healable differences are reported. */
    @Min(0)
    private int maxHeals = 1000;
    /** An open delivery untouched for longer than this is stuck. */
    @NotNull
    private Duration stuckAfter = Duration.ofHours(1);
    /** Dossiers compared per database round trip. */
    @Min(1)
    private int batchSize = 500;
    /** A RUNNING run older than this is taken for one whose instance died, and may be replaced. */
    @NotNull
    private Duration lockTtl = Duration.ofHours(6);

    public String getCron() {
        return cron;
    }

    public void setCron(String cron) {
        this.cron = cron;
    }

    public String getTimeZone() {
        return timeZone;
    }

    public void setTimeZone(String timeZone) {
        this.timeZone = timeZone;
    }

    public Duration getWindow() {
        return window;
    }

    public void setWindow(Duration window) {
        this.window = window;
    }

    public double getLookupsPerSecond() {
        return lookupsPerSecond;
    }

    public void setLookupsPerSecond(double lookupsPerSecond) {
        this.lookupsPerSecond = lookupsPerSecond;
    }

    public int getMaxHeals() {
        return maxHeals;
    }

    public void setMaxHeals(int maxHeals) {
        this.maxHeals = maxHeals;
    }

    public Duration getStuckAfter() {
        return stuckAfter;
    }

    public void setStuckAfter(Duration stuckAfter) {
        this.stuckAfter = stuckAfter;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = batchSize;
    }

    public Duration getLockTtl() {
        return lockTtl;
    }

    public void setLockTtl(Duration lockTtl) {
        this.lockTtl = lockTtl;
    }
}
