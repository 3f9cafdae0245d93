package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.dossier.Status;
import vn.tthc.hub.mapping.CodeTables;

/**
 * The province system's copy of a dossier as the write-back sees it: the steps it holds (by time and content, as they
 * were written), the results it holds (by URL) and its status translated to the portal's 1–10 through
 * {@code mappings/codes/province-status.csv}. One reading for the write-back (what to send) and the reconciliation's
 * look-up (whether what was sent is held), so that the two never disagree.
 */
final class ProvinceCopy {
    static final String STATUS_TABLE = "province-status";

    private final Set<String> steps = new HashSet<>();
    private final Set<String> results = new HashSet<>();
    private final Integer status;
    private Instant latestStep;

    ProvinceCopy(JsonNode record, CodeTables codes) {
        for (JsonNode p : record.path("processes")) {
            Instant t = instant(p.path("time").asText(null));
            steps.add(t + "|" + p.path("content").asText(""));
            if (t != null && (latestStep == null || t.isAfter(latestStep))) {
                latestStep = t;
            }
        }
        for (JsonNode r : record.path("results")) {
            results.add(r.path("url").asText(""));
        }
        status = codes.lookup(STATUS_TABLE, record.path("dossierStatus").path("id").asText("")).map(Integer::valueOf).orElse(null);
    }

    /** The province's status as a portal status, or null when its status id is not in the table. */
    Integer status() {
        return status;
    }

    /** Whether the province holds a step later than every step of {@code d} (written back from a later version). */
    boolean holdsStepAfter(Dossier d) {
        Instant last = d.progress() == null ? null
                : d.progress().stream().map(Dossier.ProgressStep::at).filter(java.util.Objects::nonNull).max(Instant::compareTo).orElse(null);
        return latestStep != null && last != null && latestStep.isAfter(last);
    }

    /** The dossier's progress steps the province does not hold. */
    List<Dossier.ProgressStep> missingSteps(Dossier d) {
        return d.progress() == null ? List.of()
                : d.progress().stream().filter(s -> !steps.contains(s.at() + "|" + (s.action() == null ? "" : s.action()))).toList();
    }

    /** The dossier's results the province does not hold. */
    List<Dossier.Result> missingResults(Dossier d) {
        return d.results() == null ? List.of() : d.results().stream().filter(r -> !results.contains(r.url() == null ? "" : r.url())).toList();
    }

    /**
     * The status a write-back of {@code d} sends: the dossier's, when it differs from the province's and the province's
     * can still reach it (a status never goes back: several sources report the same dossier, some of them late).
     */
    Integer statusToSend(Dossier d) {
        return d.status() != null && !d.status().equals(status) && (status == null || Status.canReach(status, d.status())) ? d.status() : null;
    }

    private static Instant instant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (Exception e) {
            return null;
        }
    }
}
