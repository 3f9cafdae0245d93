package vn.tthc.hub.sync;

import java.time.Instant;

/**
 * One dead delivery as the dead-letter list shows it: which dossier version to which target, its procedure and agency,
 * how many attempts, the last HTTP status and error (masked), since when it is dead, and whether a later version of the
 * dossier already reached the target (then it is not replayed, only discarded).
 */
public record DeadLetter(long id, String dossierCode, String source, long version, String target, String procedureCode,
                         String agencyCode, int attempts, Integer lastHttpStatus, String lastError, Instant deadSince,
                         boolean superseded) {
}
