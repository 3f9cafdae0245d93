package vn.tthc.hub.sync;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;

/**
 * The retry policy of one target — exponential backoff with jitter, then dead — with the hub's
 * defaults declared here once (15 attempts, 5 s, ×2, at most 10 min, ±20 %); a target's
 * {@code retry} block overrides only what it names.
 */
public class RetrySettings {
    @Min(1)
    private int maxAttempts = 15;
    @NotNull
    private Duration initialDelay = Duration.ofSeconds(5);
    @DecimalMin("1.0")
    private double multiplier = 2.0;
    @NotNull
    private Duration maxDelay = Duration.ofMinutes(10);
    @DecimalMin("0.0")
    @DecimalMax("1.0")
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
