package vn.tthc.hub.console;

import java.time.Instant;

/** One attempt of a delivery as the management API shows it. */
public record AttemptView(int attempt, Instant startedAt, int latencyMs, Integer httpStatus, String outcome, String error) {
}
