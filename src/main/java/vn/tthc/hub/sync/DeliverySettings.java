package vn.tthc.hub.sync;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** What every delivery target has in its settings: how many consumers read its queue, its retry policy and its circuit. */
public class DeliverySettings {
    @Min(1)
    @Max(64)
    private int consumers = 4;
    @Valid
    @NotNull
    private RetrySettings retry = new RetrySettings();
    @Valid
    @NotNull
    private CircuitSettings circuit = new CircuitSettings();

    public int getConsumers() { return consumers; }
    public void setConsumers(int consumers) { this.consumers = consumers; }
    public RetrySettings getRetry() { return retry; }
    public void setRetry(RetrySettings retry) { this.retry = retry; }
    public CircuitSettings getCircuit() { return circuit; }
    public void setCircuit(CircuitSettings circuit) { this.circuit = circuit; }
}
