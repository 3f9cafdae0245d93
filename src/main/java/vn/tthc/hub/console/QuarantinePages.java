package vn.tthc.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.tthc.hub.sync.QuarantineResubmitter;

/**
 * The quarantine pages: the filtered, paged list ({@code /quarantine}, open records by default) and one record
 * ({@code /quarantine/{id}}) with its errors, its masked payload and — for operators and admins — re-submit and
 * dismiss (post, redirect, get with a flash message saying what happened).
 */
@Controller
class QuarantinePages {
    static final int PAGE_SIZE = 25;

    private final QuarantineQueries queries;
    private final QuarantineActions actions;
    private final MessageSource messages;

    QuarantinePages(QuarantineQueries queries, QuarantineActions actions, MessageSource messages) {
        this.queries = queries;
        this.actions = actions;
        this.messages = messages;
    }

    @GetMapping("/quarantine")
    String list(@RequestParam(required = false) String source, @RequestParam(required = false) String channel,
                @RequestParam(required = false) String code, @RequestParam(required = false) String field,
                @RequestParam(required = false) String rule, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(defaultValue = "open") String state,
                @RequestParam(defaultValue = "1") int page, Model model, Locale locale) {
        QuarantineFilter f;
        try {
            f = QuarantineFilter.of(source, channel, code, field, rule, from, to, state);
        } catch (ApiProblem e) {
            model.addAttribute("filterError", messages.getMessage("quarantine.filter.bad", new Object[] {e.field()}, locale));
            f = QuarantineFilter.of(source, channel, code, field, rule, null, null, "open");
        }
        model.addAttribute("filter", f);
        model.addAttribute("fromText", from == null ? "" : from);
        model.addAttribute("toText", to == null ? "" : to);
        model.addAttribute("result", queries.search(f, Paged.page(page), PAGE_SIZE));
        model.addAttribute("sources", queries.distinct("source"));
        model.addAttribute("channels", queries.distinct("channel"));
        return "quarantine";
    }

    @GetMapping("/quarantine/{id}")
    String detail(@PathVariable long id, @RequestParam(defaultValue = "false") boolean full, Authentication who,
                  HttpServletRequest request, Model model) {
        QuarantineDetail d;
        try {
            d = actions.detail(id, full, who, request.getRemoteAddr());
        } catch (ApiProblem e) {
            throw new ResponseStatusException(e.status(), e.getMessage());
        }
        model.addAttribute("q", d);
        model.addAttribute("mayAct", QuarantineActions.mayAct(who));
        return "quarantine-detail";
    }

    @PostMapping("/quarantine/{id}/resubmit")
    String resubmit(@PathVariable long id, Authentication who, HttpServletRequest request, RedirectAttributes flash, Locale locale) {
        try {
            QuarantineResubmitter.Outcome o = actions.resubmit(id, who, request.getRemoteAddr());
            if (o.accepted()) {
                flash(flash, true, messages.getMessage("quarantine.flash.accepted." + o.outcome(),
                        new Object[] {o.dossierCode(), o.version()}, locale));
            } else {
                flash(flash, false, messages.getMessage("quarantine.flash.refusedAgain", new Object[] {o.httpStatus(),
                        String.join("; ", o.errors().stream().map(e -> e.field() + " [" + e.rule() + "]").toList())}, locale));
            }
        } catch (ApiProblem e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            flash(flash, false, messages.getMessage("quarantine.flash.notPossible", new Object[] {e.getMessage()}, locale));
        }
        return "redirect:/quarantine/" + id;
    }

    @PostMapping("/quarantine/{id}/dismiss")
    String dismiss(@PathVariable long id, @RequestParam(required = false) String reason, Authentication who, HttpServletRequest request,
                   RedirectAttributes flash, Locale locale) {
        try {
            actions.dismiss(id, reason, who, request.getRemoteAddr());
            flash(flash, true, messages.getMessage("quarantine.flash.dismissed", null, locale));
        } catch (ApiProblem e) {
            if (e.status() == HttpStatus.NOT_FOUND) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND);
            }
            flash(flash, false, e.status() == HttpStatus.BAD_REQUEST
                    ? messages.getMessage("quarantine.flash.reasonRequired", null, locale)
                    : messages.getMessage("quarantine.flash.notPossible", new Object[] {e.getMessage()}, locale));
        }
        return "redirect:/quarantine/" + id;
    }

    private static void flash(RedirectAttributes flash, boolean ok, String text) {
        flash.addFlashAttribute("flashOk", ok);
        flash.addFlashAttribute("flashText", text);
    }
}
