package vn.tthc.hub.retention;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the retention pruner ({@code hub.retention.*}), validated at start. A version's body may be pruned once
 * it is older than the largest number of days of its source and of every target it had a delivery to
 * ({@code partners.<id>.days}, else {@code default-days}).
 */
@Validated
@ConfigurationProperties("hub.retention")
public class RetentionProperties {
    /** delete: the body is removed; archive: written to a gzip JSON Lines file (fsynced) first, then removed. */
    public enum Mode { DELETE, ARCHIVE }

    /** Whether the scheduled run prunes (an on-demand run through the API works either way). */
    private boolean enabled = false;
    /** Quartz cron of the scheduled run. */
    @NotBlank
    private String cron = "0 30 2 * * ?";
    /** Time zone of the cron. */
    @NotBlank
    private String timeZone = "Asia/Ho_Chi_Minh";
    /** Days a body is kept after its version was received and delivered, for partners without their own. */
    @Min(1)
    private int defaultDays = 90;
    /** Per partner (a source or a target id): its own days. */
    @NotNull
    @Valid
    private Map<String, Partner> partners = new LinkedHashMap<>();
    @NotNull
    private Mode mode = Mode.DELETE;
    /** Folder of the archive files (archive mode): {@code <dir>/yyyy/MM/retention-<run>-<block>.jsonl.gz}. */
    private String archiveDir = "";
    /** Versions examined per block (each block is its own transaction). */
    @Min(1)
    @Max(10_000)
    private int blockSize = 500;
    /** Most blocks per run; the next run goes on where this one stopped. */
    @Min(1)
    private int maxBlocksPerRun = 200;

    /** One partner's retention. */
    public static class Partner {
        @Min(1)
        private int days = 90;

        public int getDays() {
            return days;
        }

        public void setDays(int days) {
            this.days = days;
        }
    }

    /** The days of one partner: its own, else the default. */
    public int daysOf(String partner) {
        Partner p = partners.get(partner);
        return p == null ? defaultDays : p.getDays();
    }

    @AssertTrue(message = "archive mode needs hub.retention.archive-dir")
    public boolean isArchiveDirSet() {
        return mode != Mode.ARCHIVE || (archiveDir != null && !archiveDir.isBlank());
    }

    @AssertTrue(message = "not a time zone")
    public boolean isTimeZoneKnown() {
        try {
            ZoneId.of(timeZone);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

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

    public int getDefaultDays() {
        return defaultDays;
    }

    public void setDefaultDays(int defaultDays) {
        this.defaultDays = defaultDays;
    }

    public Map<String, Partner> getPartners() {
        return partners;
    }

    public void setPartners(Map<String, Partner> partners) {
        this.partners = partners;
    }

    public Mode getMode() {
        return mode;
    }

    public void setMode(Mode mode) {
        this.mode = mode;
    }

    public String getArchiveDir() {
        return archiveDir;
    }

    public void setArchiveDir(String archiveDir) {
        this.archiveDir = archiveDir;
    }

    public int getBlockSize() {
        return blockSize;
    }

    public void setBlockSize(int blockSize) {
        this.blockSize = blockSize;
    }

    public int getMaxBlocksPerRun() {
        return maxBlocksPerRun;
    }

    public void setMaxBlocksPerRun(int maxBlocksPerRun) {
        this.maxBlocksPerRun = maxBlocksPerRun;
    }
}
