package vn.tthc.hub.console;

import java.time.ZoneId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page after sign-in: one card per partner; {@code /dashboard/cards} is the cards alone, which the page
 * fetches again every 10 s (htmx) while its charts (kept across the swap) re-read their series.
 */
@Controller
class DashboardPage {
    private final DashboardService dashboard;
    private final DashboardFormat format;

    DashboardPage(DashboardService dashboard, @Value("${hub.alerts.zone:Asia/Ho_Chi_Minh}") String zone) {
        this.dashboard = dashboard;
        this.format = new DashboardFormat(ZoneId.of(zone));
    }

    @GetMapping("/")
    String dashboard(Model model) {
        fill(model);
        return "dashboard";
    }

    @GetMapping("/dashboard/cards")
    String cards(Model model) {
        fill(model);
        return "dashboard-cards :: cards";
    }

    private void fill(Model model) {
        model.addAttribute("snapshot", dashboard.snapshot());
        model.addAttribute("fmt", format);
    }
}
