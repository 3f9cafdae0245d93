package vn.tthc.hub.sync;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The circuit of one target ({@code hub.partners.<id>.circuit} or {@code hub.ministries.<code>.circuit}): open after
 * {@code failureThreshold} transient failures in a row, then one probe per {@code openDuration}; and while the target
 * answers (its circuit closed), a transient failure waits at most {@code healthyMaxDelay} before its retry (not the
 * full exponential backoff). Defaults: 10 in a row, 10 s, 5 s.
 */
public class CircuitSettings {
    @Min(1)
    @Max(1000)
    private int failureThreshold = 10;
    @NotNull
    private Duration openDuration = Duration.ofSeconds(10);
    @NotNull
    private Duration healthyMaxDelay = Duration.ofSeconds(5);

    @AssertTrue(message = "must be positive")
    public boolean isOpenDurationPositive() {
        return openDuration == null || (!openDuration.isNegative() && !openDuration.isZero());
    }

    @AssertTrue(message = "must be positive")
    public boolean isHealthyMaxDelayPositive() {
        return healthyMaxDelay == null || (!healthyMaxDelay.isNegative() && !healthyMaxDelay.isZero());
    }

    public int getFailureThreshold() { return failureThreshold; }
    public void setFailureThreshold(int failureThreshold) { this.failureThreshold = failureThreshold; }
    public Duration getOpenDuration() { return openDuration; }
    public void setOpenDuration(Duration openDuration) { this.openDuration = openDuration; }
    public Duration getHealthyMaxDelay() { return healthyMaxDelay; }
    public void setHealthyMaxDelay(Duration healthyMaxDelay) { this.healthyMaxDelay = healthyMaxDelay; }
}
