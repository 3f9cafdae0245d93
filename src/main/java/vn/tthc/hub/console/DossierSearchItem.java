package vn.tthc.hub.console;

import java.time.Instant;
import java.util.List;

/**
 * One dossier in the search results (one row per dossier code, whatever the number of sources): the head source's
 * procedure, agency, status and summary (masked), every source's head, the last update, and its deliveries — the
 * worst state of any of them ({@code null} when it has none) and how many are in each state.
 */
public record DossierSearchItem(String code, String procedureCode, String agencyCode, int status, String summary,
                                List<SourceHead> sources, Instant updatedAt, String worstState, StateCounts deliveries) {

    /** How far one source's view of the dossier is. */
    public record SourceHead(String source, long version, int status) {
    }
}
