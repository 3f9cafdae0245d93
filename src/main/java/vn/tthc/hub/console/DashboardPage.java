package vn.tthc.hub.console;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The start page after sign-in: one card per partner. */
@Controller
class DashboardPage {
    private final ApiController api;

    DashboardPage(ApiController api) {
        this.api = api;
    }

    @GetMapping("/")
    String dashboard(Model model) {
        model.addAttribute("partners", api.partners());
        return "dashboard";
    }
}
