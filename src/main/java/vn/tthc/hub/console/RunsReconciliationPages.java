package vn.tthc.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.reconcile.Category;
import vn.tthc.hub.reconcile.DifferenceResync;
import vn.tthc.hub.reconcile.ReconcileBusyException;
import vn.tthc.hub.reconcile.ReconcileController;
import vn.tthc.hub.reconcile.ReconcileProperties;
import vn.tthc.hub.reconcile.ReconcileStore;
import vn.tthc.hub.reconcile.ReconcileSummaries;
import vn.tthc.hub.reconcile.Reconciler;

/**
 * The reconciliation pages: {@code /reconciliations} (the runs, paged, and the form to start one) and
 * {@code /reconciliations/{id}} (a run's facts and its differences, filtered and paged, each re-synced by a person).
 * A running run's row and progress refresh themselves every 2 s (htmx) until it ends.
 */
@Controller
class RunsReconciliationPages {
    static final int RUNS_PER_PAGE = 20;
    static final int DIFFERENCES_PER_PAGE = 50;

    private final ReconcileStore store;
    private final ReconcileSummaries summaries;
    private final Reconciler reconciler;
    private final DifferenceResync resync;
    private final ReconcileProperties props;
    private final AuditLog audit;
    private final Clock clock;

    RunsReconciliationPages(ReconcileStore store, ReconcileSummaries summaries, Reconciler reconciler, DifferenceResync resync,
                            ReconcileProperties props, AuditLog audit, Clock clock) {
        this.store = store;
        this.summaries = summaries;
        this.reconciler = reconciler;
        this.resync = resync;
        this.props = props;
        this.audit = audit;
        this.clock = clock;
    }

    /** A run with its counts per category, as a row of the list and the head of its page. */
    public record RunRow(ReconcileStore.Run run, Map<String, Long> counts, List<String> unchecked) {
        public long count(String category) {
            return counts.getOrDefault(category, 0L);
        }

        public long differences() {
            return counts.entrySet().stream().filter(e -> !e.getKey().equals("checked")).mapToLong(Map.Entry::getValue).sum();
        }
    }

    /** A difference with the state of the dossier's latest delivery to the target now, and whether it may be re-synced. */
    public record DiffRow(ReconcileStore.Difference d, String detail, String deliveryNow, boolean resyncable) {
    }

    private RunRow row(ReconcileStore.Run r) {
        return new RunRow(r, summaries.categoryCounts(r), ReconcileSummaries.unchecked(r));
    }

    @GetMapping("/reconciliations")
    String list(@RequestParam(defaultValue = "1") int page, Model model) {
        int p = Paged.page(page);
        List<RunRow> rows = store.runs(Paged.offset(p, RUNS_PER_PAGE), RUNS_PER_PAGE).stream().map(this::row).toList();
        model.addAttribute("runs", Paged.of(rows, p, RUNS_PER_PAGE, store.countRuns()));
        model.addAttribute("categories", categories());
        Instant now = clock.instant();
        model.addAttribute("defaultFrom", now.minus(props.getWindow()));
        model.addAttribute("defaultTo", now);
        return "runs/reconciliations";
    }

    /** One row of the list, for the htmx refresh of a running run. */
    @GetMapping("/reconciliations/{id}/row")
    String row(@PathVariable long id, Model model) {
        ReconcileStore.Run r = store.run(id).orElseThrow(() -> new NotFound(id));
        model.addAttribute("r", row(r));
        model.addAttribute("categories", categories());
        return "runs/reconciliations :: runRow";
    }

    @PostMapping("/reconciliations")
    String start(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(required = false) String reason, @RequestParam(defaultValue = "false") boolean heal, Principal principal,
                 HttpServletRequest request, RedirectAttributes flash) {
        Instant f;
        Instant t;
        try {
            t = ConsoleTime.parseField(to);
            f = ConsoleTime.parseField(from);
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("flashBad", "runs.start.badTime");
            return "redirect:/reconciliations";
        }
        t = t == null ? clock.instant() : t;
        f = f == null ? t.minus(props.getWindow()) : f;
        if (f.isAfter(t)) {
            flash.addFlashAttribute("flashBad", "runs.start.fromAfterTo");
            return "redirect:/reconciliations";
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            why = why.substring(0, 500);
        }
        try {
            long id = reconciler.start(f, t, new ReconcileStore.Start("console", principal.getName(), why, heal));
            audit.record(principal.getName(), ReconcileController.AUDIT_START, "reconciliation " + id,
                    "window " + f + " – " + t + (heal ? "" : ", report only") + (why == null ? "" : ", reason: " + why), request.getRemoteAddr());
            flash.addFlashAttribute("flashOk", "runs.start.started");
            flash.addFlashAttribute("flashArg", id);
        } catch (ReconcileBusyException e) {
            flash.addFlashAttribute("flashBad", "runs.start.busy");
            flash.addFlashAttribute("flashArg", e.runningId());
        }
        return "redirect:/reconciliations";
    }

    @GetMapping("/reconciliations/{id}")
    String run(@PathVariable long id, @RequestParam(required = false) String category, @RequestParam(required = false) String partner,
               @RequestParam(required = false) String code, @RequestParam(defaultValue = "1") int page, Model model) {
        ReconcileStore.Run r = store.run(id).orElseThrow(() -> new NotFound(id));
        String cat = RunsApiController.blankToNull(category);
        if (cat != null && categories().stream().noneMatch(c -> c.equals(cat))) {
            throw new NotFound(id);
        }
        ReconcileStore.DifferenceFilter filter = new ReconcileStore.DifferenceFilter(cat, RunsApiController.blankToNull(partner),
                RunsApiController.blankToNull(code));
        int p = Paged.page(page);
        List<DiffRow> rows = store.differences(id, filter, Paged.offset(p, DIFFERENCES_PER_PAGE), DIFFERENCES_PER_PAGE).stream()
                .map(d -> new DiffRow(d, Pii.maskText(d.detail()), d.target() == null ? null
                        : store.latestDeliveryState(d.source(), d.dossierCode(), d.target()), DifferenceResync.resyncable(d)))
                .toList();
        model.addAttribute("r", row(r));
        model.addAttribute("categories", categories());
        model.addAttribute("partners", store.partners(id));
        model.addAttribute("filter", filter);
        model.addAttribute("differences", Paged.of(rows, p, DIFFERENCES_PER_PAGE, store.countDifferences(id, filter)));
        model.addAttribute("byTarget", store.counts(id).getOrDefault("target", Map.of()));
        model.addAttribute("query", query(filter, p));
        return "runs/reconciliation";
    }

    /** The progress of a running run (htmx, every 2 s); once it has ended the whole page is reloaded with its differences. */
    @GetMapping("/reconciliations/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        ReconcileStore.Run r = store.run(id).orElseThrow(() -> new NotFound(id));
        if (!r.running()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("r", row(r));
        return "runs/reconciliation :: progress";
    }

    @PostMapping("/reconciliations/{id}/differences/{diffId}/resync")
    String resync(@PathVariable long id, @PathVariable long diffId, @RequestParam(required = false) String category,
                  @RequestParam(required = false) String partner, @RequestParam(required = false) String code,
                  @RequestParam(defaultValue = "1") int page, Principal principal, HttpServletRequest request, RedirectAttributes flash) {
        try {
            DifferenceResync.Outcome o = resync.resync(id, diffId, principal.getName(), request.getRemoteAddr());
            flash.addFlashAttribute("flashOk", "runs.resync.done");
            flash.addFlashAttribute("flashArg", o.dossierCode());
            flash.addFlashAttribute("flashArg2", o.deliveryId());
        } catch (DifferenceResync.Refused e) {
            if (e.notFound()) {
                throw new NotFound(id);
            }
            flash.addFlashAttribute("flashBad", "runs.resync.refused");
            flash.addFlashAttribute("flashArg", Pii.maskText(e.getMessage()));
        }
        return "redirect:/reconciliations/" + id + query(new ReconcileStore.DifferenceFilter(RunsApiController.blankToNull(category),
                RunsApiController.blankToNull(partner), RunsApiController.blankToNull(code)), Paged.page(page));
    }

    private static String query(ReconcileStore.DifferenceFilter f, int page) {
        UriComponentsBuilder b = UriComponentsBuilder.newInstance();
        if (f.category() != null) {
            b.queryParam("category", f.category());
        }
        if (f.partner() != null) {
            b.queryParam("partner", f.partner());
        }
        if (f.code() != null) {
            b.queryParam("code", f.code());
        }
        if (page > 1) {
            b.queryParam("page", page);
        }
        return b.encode().build().toUriString();
    }

    static List<String> categories() {
        return java.util.Arrays.stream(Category.values()).map(Category::key).toList();
    }

    /** An unknown run or difference: the console's 404 page. */
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.NOT_FOUND)
    static class NotFound extends RuntimeException {
        NotFound(long id) {
            super("no reconciliation " + id);
        }
    }
}
