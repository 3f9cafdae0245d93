package vn.tthc.hub.audit;

import java.time.Instant;

/** One audit record: who did what to which target, when and from where. */
public record AuditEvent(long id, Instant at, String username, String action, String target, String detail, String remoteAddress) {
}
