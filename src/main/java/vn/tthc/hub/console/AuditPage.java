package vn.tthc.hub.console;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.tthc.hub.audit.AuditLog;

/** The audit trail as a page ({@code /audit}, operator and admin: SecurityConfig): filtered by user, action, time and target, paged. */
@Controller
class AuditPage {
    static final int PAGE_SIZE = 50;

    private final AuditLog audit;
    private final AuditController api;
    private final MessageSource messages;

    AuditPage(AuditLog audit, AuditController api, MessageSource messages) {
        this.audit = audit;
        this.api = api;
        this.messages = messages;
    }

    @GetMapping("/audit")
    String audit(@RequestParam(required = false) String user, @RequestParam(required = false) String action,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(required = false) String target, @RequestParam(defaultValue = "1") int page, Model model, Locale locale) {
        AuditLog.Filter f;
        try {
            f = AuditController.filter(user, action, from, to, target);
        } catch (ApiProblem e) {
            model.addAttribute("filterError", messages.getMessage("quarantine.filter.bad", new Object[] {e.field()}, locale));
            f = AuditController.filter(user, action, null, null, target);
        }
        model.addAttribute("filter", f);
        model.addAttribute("fromText", from == null ? "" : from);
        model.addAttribute("toText", to == null ? "" : to);
        model.addAttribute("actions", audit.actions());
        model.addAttribute("result", api.page(f, page, PAGE_SIZE));
        return "audit";
    }
}
