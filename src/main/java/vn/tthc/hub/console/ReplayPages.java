package vn.tthc.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import vn.tthc.hub.sync.DeadLetterFilter;
import vn.tthc.hub.sync.DeadLetters;
import vn.tthc.hub.sync.ReplayJob;
import vn.tthc.hub.sync.ReplayJobs;
import vn.tthc.hub.sync.ReplayRefused;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * The dead-letter and replay pages: {@code /dead-letters} (filters, the list, replay and discard per row, a bulk replay
 * of the current filter), {@code /replays} (the jobs) and {@code /replays/{id}} (the dry run's counts, start with a
 * rate, progress refreshed by htmx, pause, resume, cancel). Forms post and redirect with a flash message; the security
 * rules let only operators and admins post.
 */
@Controller
class ReplayPages {
    static final int PAGE_SIZE = 50;
    private final DeadLetters deadLetters;
    private final ReplayJobs jobs;
    private final TargetRegistry targets;

    ReplayPages(DeadLetters deadLetters, ReplayJobs jobs, TargetRegistry targets) {
        this.deadLetters = deadLetters;
        this.jobs = jobs;
        this.targets = targets;
    }

    /** The filter as the page's form gives it back (texts kept as typed, for the form and the links). */
    record Form(String target, String procedure, String agency, String error, String since, String until) {
        DeadLetterFilter filter() {
            return ReplayParams.filter(target, procedure, agency, error, since, until);
        }

        /** The list's address with this filter (and a page). */
        String url(int page) {
            UriComponentsBuilder b = UriComponentsBuilder.fromPath("/dead-letters");
            add(b, "target", target);
            add(b, "procedure", procedure);
            add(b, "agency", agency);
            add(b, "error", error);
            add(b, "since", since);
            add(b, "until", until);
            if (page > 1) {
                b.queryParam("page", page);
            }
            return b.encode().build().toUriString();
        }

        private static void add(UriComponentsBuilder b, String name, String value) {
            if (value != null && !value.isBlank()) {
                b.queryParam(name, value);
            }
        }
    }

    @GetMapping("/dead-letters")
    String deadLetters(@RequestParam(required = false) String target, @RequestParam(required = false) String procedure,
                       @RequestParam(required = false) String agency, @RequestParam(required = false) String error,
                       @RequestParam(required = false) String since, @RequestParam(required = false) String until,
                       @RequestParam(defaultValue = "1") int page, Model model) {
        Form form = new Form(target, procedure, agency, error, since, until);
        model.addAttribute("form", form);
        model.addAttribute("targets", targets.allTargets());
        try {
            DeadLetterFilter f = form.filter();
            int p = Paged.page(page);
            model.addAttribute("page", Paged.of(deadLetters.list(f, Paged.offset(p, PAGE_SIZE), PAGE_SIZE), p, PAGE_SIZE, deadLetters.count(f)));
        } catch (ApiProblem bad) {
            model.addAttribute("badField", bad.field());
            model.addAttribute("page", Paged.of(java.util.List.of(), 1, PAGE_SIZE, 0));
        }
        return "dead-letters";
    }

    @PostMapping("/dead-letters/{id}/replay")
    String replay(@PathVariable long id, Form form, Principal who, HttpServletRequest request, RedirectAttributes flash) {
        try {
            deadLetters.replay(id, who.getName(), request.getRemoteAddr());
            flash(flash, true, "replay.flash.replayed", id);
        } catch (ReplayRefused r) {
            flash(flash, false, refusalKey(r), id);
        }
        return "redirect:" + form.url(1);
    }

    @PostMapping("/dead-letters/{id}/discard")
    String discard(@PathVariable long id, Form form, @RequestParam(required = false) String reason, Principal who,
                   HttpServletRequest request, RedirectAttributes flash) {
        try {
            deadLetters.discard(id, reason, who.getName(), request.getRemoteAddr());
            flash(flash, true, "replay.flash.discarded", id);
        } catch (ReplayRefused r) {
            flash(flash, false, r.kind() == ReplayRefused.Kind.INVALID ? "replay.flash.reasonRequired" : refusalKey(r), id);
        }
        return "redirect:" + form.url(1);
    }

    /** The bulk replay form of the list: a dry run of its filter, then its page. */
    @PostMapping("/replays")
    String dryRun(Form form, @RequestParam(required = false) Integer rate, Principal who, HttpServletRequest request,
                  RedirectAttributes flash) {
        try {
            ReplayJob job = jobs.dryRun(form.filter(), rate, who.getName(), request.getRemoteAddr());
            return "redirect:/replays/" + job.id();
        } catch (ReplayRefused r) {
            flash(flash, false, "replay.flash.badRequest", r.field());
        } catch (ApiProblem bad) {
            flash(flash, false, "replay.flash.badRequest", bad.field());
        }
        return "redirect:" + form.url(1);
    }

    @GetMapping("/replays")
    String jobs(@RequestParam(defaultValue = "1") int page, Model model) {
        int p = Paged.page(page);
        model.addAttribute("page", Paged.of(jobs.jobs(Paged.offset(p, PAGE_SIZE), PAGE_SIZE).stream().map(ReplayJobView::of).toList(), p,
                PAGE_SIZE, jobs.count()));
        return "replays";
    }

    @GetMapping("/replays/{id}")
    String job(@PathVariable long id, Model model) {
        model.addAttribute("job", view(id));
        return "replay-job";
    }

    /** The progress block alone, polled by htmx every 2 s while the job is not finished. */
    @GetMapping("/replays/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("job", view(id));
        return "replay-job :: progress";
    }

    @PostMapping("/replays/{id}/start")
    String start(@PathVariable long id, @RequestParam(required = false) Integer rate, Principal who, HttpServletRequest request,
                 RedirectAttributes flash) {
        return act(id, flash, "replay.flash.started", () -> jobs.start(id, rate, who.getName(), request.getRemoteAddr()));
    }

    @PostMapping("/replays/{id}/pause")
    String pause(@PathVariable long id, Principal who, HttpServletRequest request, RedirectAttributes flash) {
        return act(id, flash, "replay.flash.paused", () -> jobs.pause(id, who.getName(), request.getRemoteAddr()));
    }

    @PostMapping("/replays/{id}/resume")
    String resume(@PathVariable long id, Principal who, HttpServletRequest request, RedirectAttributes flash) {
        return act(id, flash, "replay.flash.resumed", () -> jobs.resume(id, who.getName(), request.getRemoteAddr()));
    }

    @PostMapping("/replays/{id}/cancel")
    String cancel(@PathVariable long id, Principal who, HttpServletRequest request, RedirectAttributes flash) {
        return act(id, flash, "replay.flash.cancelled", () -> jobs.cancel(id, who.getName(), request.getRemoteAddr()));
    }

    private String act(long id, RedirectAttributes flash, String okKey, java.util.function.Supplier<ReplayJob> action) {
        try {
            action.get();
            flash(flash, true, okKey, id);
        } catch (ReplayRefused r) {
            if (r.kind() == ReplayRefused.Kind.NOT_FOUND) {
                throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
            }
            flash(flash, false, r.kind() == ReplayRefused.Kind.INVALID ? "replay.flash.badRate" : "replay.flash.jobConflict", id);
        }
        return "redirect:/replays/" + id;
    }

    private ReplayJobView view(long id) {
        try {
            return ReplayJobView.of(jobs.job(id));
        } catch (ReplayRefused r) {
            throw new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND);
        }
    }

    private static String refusalKey(ReplayRefused r) {
        return switch (r.kind()) {
            case NOT_FOUND -> "replay.flash.notFound";
            case SUPERSEDED -> "replay.flash.superseded";
            case CONFLICT -> "replay.flash.notDead";
            case INVALID -> "replay.flash.badRequest";
        };
    }

    private static void flash(RedirectAttributes flash, boolean ok, String key, Object arg) {
        flash.addFlashAttribute("flashOk", ok);
        flash.addFlashAttribute("flashKey", key);
        flash.addFlashAttribute("flashArg", String.valueOf(arg));
    }
}
