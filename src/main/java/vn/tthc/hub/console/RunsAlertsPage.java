package vn.tthc.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.tthc.hub.alert.AlertStore;

/** {@code /alerts}: the incidents (opened, recovered, state) and the alert mails (time, kind, status, subject, recipients), paged, by partner. */
@Controller
class RunsAlertsPage {
    static final int PER_PAGE = 20;

    private final AlertStore alerts;

    RunsAlertsPage(AlertStore alerts) {
        this.alerts = alerts;
    }

    /** The words of an incident's error class: its key in the runs bundle and its argument (HTTP status, run id). */
    public record IncidentKind(String key, String arg) {
        static IncidentKind of(String errorClass) {
            if (errorClass == null) {
                return new IncidentKind("runs.alerts.incident.other", "");
            }
            if (errorClass.equals("failing")) {
                return new IncidentKind("runs.alerts.incident.failing", "");
            }
            if (errorClass.startsWith("dead-http-")) {
                return new IncidentKind("runs.alerts.incident.deadHttp", errorClass.substring("dead-http-".length()));
            }
            if (errorClass.startsWith("dead-")) {
                return new IncidentKind("runs.alerts.incident." + errorClass, "");
            }
            if (errorClass.startsWith("reconciliation-")) {
                return new IncidentKind("runs.alerts.incident.reconciliation", errorClass.substring("reconciliation-".length()));
            }
            return new IncidentKind("runs.alerts.incident.other", errorClass);
        }
    }

    public record IncidentRow(AlertStore.IncidentRecord i, IncidentKind kind) {
    }

    @GetMapping("/alerts")
    String alerts(@RequestParam(required = false) String partner, @RequestParam(defaultValue = "1") int page,
                  @RequestParam(defaultValue = "1") int mpage, Model model) {
        String p = RunsApiController.blankToNull(partner);
        int ip = Paged.page(page);
        int mp = Paged.page(mpage);
        model.addAttribute("partner", p);
        model.addAttribute("partners", alerts.mailPartners());
        model.addAttribute("incidents", Paged.of(alerts.incidents(p, Paged.offset(ip, PER_PAGE), PER_PAGE).stream()
                .map(i -> new IncidentRow(i, IncidentKind.of(i.errorClass()))).toList(), ip, PER_PAGE, alerts.countIncidents(p)));
        model.addAttribute("mails", Paged.of(alerts.mails(p, Paged.offset(mp, PER_PAGE), PER_PAGE), mp, PER_PAGE, alerts.countMails(p)));
        return "runs/alerts";
    }
}
