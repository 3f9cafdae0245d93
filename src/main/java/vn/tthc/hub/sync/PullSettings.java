package vn.tthc.hub.sync;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * What a partner that is also pulled has in its settings besides delivery: the pull's schedule,
 * page size, overlap and first start (Vietnam time when no offset is given).
 */
public class PullSettings extends DeliverySettings {
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    private String pullCron;
    @Min(1)
    @Max(1000)
    private int pullPageSize = 100;
    @NotNull
    private Duration pullOverlap = Duration.ofMinutes(2);
    @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}([+-]\\d{2}:\\d{2}|Z)?",
            message = "must be an ISO-8601 time, e.g. 2026-01-01T00:00:00+07:00 (Vietnam time when no offset is given)")
    private String pullStart = "2026-01-01T00:00:00+07:00";

    /** Where the first pull starts. */
    public Instant pullStartInstant() {
        return pullStart.length() > 19 ? OffsetDateTime.parse(pullStart).toInstant() : LocalDateTime.parse(pullStart).atZone(VN).toInstant();
    }

    public String getPullCron() { return pullCron; }
    public void setPullCron(String pullCron) { this.pullCron = pullCron; }
    public int getPullPageSize() { return pullPageSize; }
    public void setPullPageSize(int pullPageSize) { this.pullPageSize = pullPageSize; }
    public Duration getPullOverlap() { return pullOverlap; }
    public void setPullOverlap(Duration pullOverlap) { this.pullOverlap = pullOverlap; }
    public String getPullStart() { return pullStart; }
    public void setPullStart(String pullStart) { this.pullStart = pullStart; }
}
