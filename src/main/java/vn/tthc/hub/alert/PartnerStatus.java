package vn.tthc.hub.alert;

import java.time.Instant;

/**
 * A partner's recent attempts as the failing check reads them: the last success, the first failure
 * after it, the last error, and how many dossiers wait for it now.
 */
public record PartnerStatus(String partner, Instant lastSuccess, Instant firstFailureAfterSuccess, String lastError,
                            Integer lastHttpStatus, int openDossiers, int failedDeliveries) {

    /** Failing: every attempt since T failed, something still waits to be retried, and T is at least the threshold ago. */
    public boolean failingAt(Instant now, java.time.Duration threshold) {
        return firstFailureAfterSuccess != null && failedDeliveries > 0
                && !firstFailureAfterSuccess.plus(threshold).isAfter(now);
    }
}
