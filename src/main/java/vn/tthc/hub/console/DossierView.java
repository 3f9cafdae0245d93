package vn.tthc.hub.console;

import java.time.Instant;

/** How one source sees a dossier: its head as the management API shows it. */
public record DossierView(String source, String code, long version, int status, String procedureCode, String agencyCode,
                          Instant createdAt, Instant updatedAt) {
}
