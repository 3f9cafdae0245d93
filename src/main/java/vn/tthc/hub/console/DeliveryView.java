package vn.tthc.hub.console;

import java.time.Instant;

/** One delivery's state as the management API shows it under its dossier. */
public record DeliveryView(long id, String source, String target, long version, String state, int attempts, int stage,
                           Integer lastHttpStatus, String lastError, Instant nextAttemptAt, Instant deliveredAt) {
}
