package vn.tthc.hub.backfill;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Back-fill pacing ({@code hub.backfill}): how many records all running jobs read per step; a step runs
 * every {@code hub.backfill.tick} milliseconds (1000 by default, the route's timer).
 */
@Validated
@ConfigurationProperties(prefix = "hub.backfill")
public class BackfillProperties {
    /** Records read per step, shared by the running jobs oldest first: with the tick, the rate limit (200/s by default). */
    @Min(1)
    @Max(10_000)
    private int recordsPerTick = 200;

    public int getRecordsPerTick() { return recordsPerTick; }
    public void setRecordsPerTick(int recordsPerTick) { this.recordsPerTick = recordsPerTick; }
}
