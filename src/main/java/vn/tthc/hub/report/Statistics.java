package vn.tthc.hub.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.dossier.Status;

/**
 * Adds dossiers up into report rows per agency and procedure, by the portal's rules: a dossier is
 * received in the period when its reception (else submission) time is in it; it is finished in the
 * period when its processing ended in it ({@code NgayKetThucXuLy}), and on time when it ended no
 * later than its appointment date ({@code NgayHenTra}) and asked for supplements at most once —
 * more than one supplement request counts as late, as does a finished dossier without a due date.
 * Failed attempts and the reconciliation's differences are added as counted by the database.
 */
public final class Statistics {
    private final ReportPeriod period;
    private final Map<String, long[]> byKey = new TreeMap<>();
    private long unreadable;

    public Statistics(ReportPeriod period) {
        this.period = period;
    }

    /** One dossier's most advanced view, and whether its latest version reached the portal. */
    public void add(Dossier d, boolean syncedToPortal) {
        long[] c = counters(d.agencyCode(), d.procedureCode());
        java.time.Instant received = d.receivedAt() != null ? d.receivedAt() : d.submittedAt();
        if (period.contains(received)) {
            c[0]++;
            if (syncedToPortal) {
                c[1]++;
            }
        }
        if (period.contains(d.finishedAt())) {
            c[2]++;
            if (onTime(d)) {
                c[3]++;
            } else {
                c[4]++;
            }
        }
    }

    /** A stored version that could not be read, left out of the figures (and shown as their count). */
    void unreadable() {
        unreadable++;
    }

    public long unreadableVersions() {
        return unreadable;
    }

    /** Failed delivery attempts of one agency and procedure in the period. */
    public void addFailures(String agencyCode, String procedureCode, long failures) {
        counters(agencyCode, procedureCode)[5] += failures;
    }

    /** Differences the reconciliation runs started in the period found for one agency and procedure, and how many they healed. */
    public void addReconciliation(String agencyCode, String procedureCode, long differences, long healed) {
        long[] c = counters(agencyCode, procedureCode);
        c[6] += differences;
        c[7] += healed;
    }

    static boolean onTime(Dossier d) {
        if (d.finishedAt() == null || d.dueAt() == null) {
            return false;
        }
        long supplements = d.progress() == null ? 0
                : d.progress().stream().filter(s -> s != null && Integer.valueOf(Status.SUPPLEMENT_REQUESTED).equals(s.status())).count();
        return !d.finishedAt().isAfter(d.dueAt()) && supplements <= 1;
    }

    /** Rows per agency and procedure, sorted, with no all-zero line. */
    public List<ReportRow> rows() {
        List<ReportRow> out = new ArrayList<>();
        byKey.forEach((k, c) -> {
            if (c[0] + c[2] + c[5] + c[6] > 0) {
                String[] parts = k.split("\\|", 2);
                out.add(new ReportRow(parts[0], parts[1], c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]));
            }
        });
        return out;
    }

    /** One total per agency ({@code procedureCode} "*"). */
    public List<ReportRow> agencyTotals() {
        Map<String, ReportRow> totals = new TreeMap<>();
        for (ReportRow r : rows()) {
            totals.merge(r.agencyCode(), r.as(r.agencyCode(), ReportRow.ALL), ReportRow::plus);
        }
        return List.copyOf(totals.values());
    }

    /** The grand total of the period (agency and procedure "*"): what the mail's summary says. */
    public ReportRow total() {
        ReportRow t = new ReportRow(ReportRow.ALL, ReportRow.ALL, 0, 0, 0, 0, 0, 0, 0, 0);
        for (ReportRow r : rows()) {
            t = t.plus(r);
        }
        return t;
    }

    public ReportPeriod period() {
        return period;
    }

    private long[] counters(String agency, String procedure) {
        return byKey.computeIfAbsent((agency == null ? "?" : agency) + "|" + (procedure == null ? "?" : procedure), k -> new long[8]);
    }
}
