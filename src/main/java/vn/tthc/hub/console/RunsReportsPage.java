package vn.tthc.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;
import vn.tthc.hub.report.ReportController;
import vn.tthc.hub.report.ReportMailStore;
import vn.tthc.hub.report.ReportMailer;
import vn.tthc.hub.report.ReportPeriod;
import vn.tthc.hub.report.ReportQueries;
import vn.tthc.hub.report.Statistics;

/**
 * {@code /reports}: the weekly or monthly report of a period (the previous one unless picked) as a table per agency and
 * procedure, its Excel and CSV downloads (the API's), "mail now" for operators and admins, and the report mails sent.
 */
@Controller
class RunsReportsPage {
    static final int MAILS_PER_PAGE = 20;

    private final ReportQueries queries;
    private final ReportController reports;
    private final ReportMailStore mails;
    private final Clock clock;

    RunsReportsPage(ReportQueries queries, ReportController reports, ReportMailStore mails, Clock clock) {
        this.queries = queries;
        this.reports = reports;
        this.mails = mails;
        this.clock = clock;
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(ConsoleTime.VN));
    }

    @GetMapping("/reports")
    String reports(@RequestParam(defaultValue = "weekly") String kind, @RequestParam(required = false) String period,
                   @RequestParam(defaultValue = "1") int mpage, Model model) {
        String k = kind.equals("monthly") ? "monthly" : "weekly";
        ReportPeriod p;
        try {
            p = ReportPeriod.of(k, period, today());
        } catch (IllegalArgumentException e) {
            model.addAttribute("periodError", true);
            p = ReportPeriod.of(k, null, today());
        }
        Statistics stats = queries.compute(p);
        model.addAttribute("kind", k);
        model.addAttribute("period", p);
        model.addAttribute("lastDay", p.end().minusSeconds(1));
        model.addAttribute("rows", stats.rows());
        model.addAttribute("agencies", stats.agencyTotals());
        model.addAttribute("total", stats.total());
        model.addAttribute("unreadable", stats.unreadableVersions());
        int mp = Paged.page(mpage);
        List<ReportMailStore.ReportMailRecord> page = mails.page(Paged.offset(mp, MAILS_PER_PAGE), MAILS_PER_PAGE);
        model.addAttribute("mails", Paged.of(page, mp, MAILS_PER_PAGE, mails.count()));
        return "runs/reports";
    }

    @PostMapping("/reports/mail")
    String mail(@RequestParam(defaultValue = "weekly") String kind, @RequestParam(required = false) String period, Principal principal,
                HttpServletRequest request, RedirectAttributes flash) {
        String k = kind.equals("monthly") ? "monthly" : "weekly";
        ReportPeriod p;
        try {
            p = ReportPeriod.of(k, period, today());
        } catch (IllegalArgumentException e) {
            flash.addFlashAttribute("flashBad", "runs.reports.badPeriod");
            return "redirect:/reports?kind=" + k;
        }
        ReportMailer.Outcome o = reports.mailNow(p, principal.getName(), request.getRemoteAddr());
        switch (o.status()) {
            case SENT, ALREADY_SENT -> flash.addFlashAttribute("flashOk", "runs.reports.mail." + o.status());
            default -> flash.addFlashAttribute("flashBad", "runs.reports.mail." + o.status());
        }
        flash.addFlashAttribute("flashArg", p.label());
        flash.addFlashAttribute("flashArg2", o.recipients().size());
        return "redirect:" + UriComponentsBuilder.fromPath("/reports").queryParam("kind", k).queryParam("period", p.label())
                .encode().build().toUriString();
    }
}
