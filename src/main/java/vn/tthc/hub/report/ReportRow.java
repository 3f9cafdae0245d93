package vn.tthc.hub.report;

/**
 * One line of a report, for one agency and procedure (or one agency's total, {@code procedureCode}
 * "*"): dossiers received in the period, of those synced to the portal, dossiers finished in the
 * period on time and late by the portal's rule, and failed delivery attempts in the period.
 */
public record ReportRow(String agencyCode, String procedureCode, long received, long syncedToPortal, long finished, long onTime,
                        long late, long syncFailures) {

    ReportRow plus(ReportRow o) {
        return new ReportRow(agencyCode, procedureCode, received + o.received, syncedToPortal + o.syncedToPortal, finished + o.finished,
                onTime + o.onTime, late + o.late, syncFailures + o.syncFailures);
    }

    /** Share of finished dossiers that were on time, 0–100 (100 when none finished). */
    public double onTimePercent() {
        return finished == 0 ? 100.0 : Math.round(1000.0 * onTime / finished) / 10.0;
    }
}
