package vn.tthc.hub.report;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One line of a report, for one agency and procedure (or one agency's total, {@code procedureCode}
 * "*"; or the grand total, both "*"): dossiers received in the period, of those synced to the portal,
 * dossiers finished in the period on time and late by the portal's rule, failed delivery attempts in the
 * period, and the outcome of the reconciliation runs started in the period — the differences they found
 * and how many of those they healed.
 */
public record ReportRow(String agencyCode, String procedureCode, long received, long syncedToPortal, long finished, long onTime,
                        long late, long syncFailures, long reconciliationDifferences, long reconciliationHealed) {
    /** The code of a total over every procedure (or every agency). */
    public static final String ALL = "*";

    ReportRow plus(ReportRow o) {
        return new ReportRow(agencyCode, procedureCode, received + o.received, syncedToPortal + o.syncedToPortal, finished + o.finished,
                onTime + o.onTime, late + o.late, syncFailures + o.syncFailures, reconciliationDifferences + o.reconciliationDifferences,
                reconciliationHealed + o.reconciliationHealed);
    }

    ReportRow as(String agency, String procedure) {
        return new ReportRow(agency, procedure, received, syncedToPortal, finished, onTime, late, syncFailures, reconciliationDifferences,
                reconciliationHealed);
    }

    /** Share of finished dossiers that were on time, 0–100 (100 when none finished); in the JSON too, as in the files. */
    @JsonProperty("onTimePercent")
    public double onTimePercent() {
        return finished == 0 ? 100.0 : Math.round(1000.0 * onTime / finished) / 10.0;
    }
}
