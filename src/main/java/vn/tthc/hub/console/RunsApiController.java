package vn.tthc.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.alert.AlertStore;
import vn.tthc.hub.reconcile.DifferenceResync;
import vn.tthc.hub.reconcile.ReconcileStore;
import vn.tthc.hub.reconcile.ReconcileSummaries;

/**
 * The paged lists behind the runs, reports and alerts pages, and the single-row re-sync of a reconciliation difference:
 * {@code GET /api/v1/reconciliations?page=&size=}, {@code POST /api/v1/reconciliations/{id}/differences/{diffId}/resync},
 * {@code GET /api/v1/alerts/incidents?partner=&page=&size=}, {@code GET /api/v1/alerts/log?partner=&page=&size=}.
 */
@RestController
@Tag(name = "Reconciliation, reports and alerts")
public class RunsApiController {
    private final ReconcileStore store;
    private final ReconcileSummaries summaries;
    private final DifferenceResync resync;
    private final AlertStore alerts;

    public RunsApiController(ReconcileStore store, ReconcileSummaries summaries, DifferenceResync resync, AlertStore alerts) {
        this.store = store;
        this.summaries = summaries;
        this.resync = resync;
        this.alerts = alerts;
    }

    /** {@code limit} is the page size of the unpaged list this replaced (scripts that sent it keep working). */
    @GetMapping("/api/v1/reconciliations")
    @Operation(summary = "Reconciliation runs, newest first, paged, with their counts per category")
    public Paged<Map<String, Object>> runs(@RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
                                           @RequestParam(required = false) Integer limit) {
        int n = Paged.size(size != null ? size : limit != null ? limit : 50);
        List<Map<String, Object>> items = store.runs(Paged.offset(page, n), n).stream().map(r -> summaries.of(r, false)).toList();
        return Paged.of(items, Paged.page(page), n, store.countRuns());
    }

    @PostMapping("/api/v1/reconciliations/{id}/differences/{diffId}/resync")
    @Operation(summary = "Re-sync one difference through the normal outbox path (once; 404 unknown, 409 not re-syncable or done)")
    public DifferenceResync.Outcome resync(@PathVariable long id, @PathVariable long diffId, Principal principal, HttpServletRequest request) {
        try {
            return resync.resync(id, diffId, principal.getName(), request.getRemoteAddr());
        } catch (DifferenceResync.Refused e) {
            throw e.notFound() ? ApiProblem.notFound(e.getMessage()) : ApiProblem.conflict(e.getMessage());
        }
    }

    @GetMapping("/api/v1/alerts/incidents")
    @Operation(summary = "Alert incidents (open, recovering, closed), newest first, paged, optionally of one partner")
    public Paged<AlertStore.IncidentRecord> incidents(@RequestParam(required = false) String partner,
                                                      @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        String p = blankToNull(partner);
        return Paged.of(alerts.incidents(p, Paged.offset(page, size), Paged.size(size)), Paged.page(page), Paged.size(size),
                alerts.countIncidents(p));
    }

    @GetMapping("/api/v1/alerts/log")
    @Operation(summary = "Alert mails sent, held back or failed, newest first, paged, optionally of one partner")
    public Paged<AlertStore.AlertRecord> log(@RequestParam(required = false) String partner, @RequestParam(defaultValue = "1") int page,
                                             @RequestParam(defaultValue = "50") int size) {
        String p = blankToNull(partner);
        return Paged.of(alerts.mails(p, Paged.offset(page, size), Paged.size(size)), Paged.page(page), Paged.size(size),
                alerts.countMails(p));
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
