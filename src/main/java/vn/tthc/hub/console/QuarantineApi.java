package vn.tthc.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sync.QuarantineResubmitter;

/**
 * The quarantine over the API: search (paged, newest first), one record with its payload, re-submit, dismiss.
 * Reading is for every role; re-submit, dismiss and the full payload for operators and admins (SecurityConfig's rule
 * for API changes, and {@link QuarantineActions} for {@code full=true}).
 */
@RestController
@Tag(name = "Quarantine", description = "Refused inputs with their field and rule: search, re-submit, dismiss")
public class QuarantineApi {
    static final int DEFAULT_SIZE = 50;
    /** {@code limit} (the list's parameter before paging) may still ask for up to this many. */
    static final int MAX_LIMIT = 1000;

    private final QuarantineQueries queries;
    private final QuarantineActions actions;

    public QuarantineApi(QuarantineQueries queries, QuarantineActions actions) {
        this.queries = queries;
        this.actions = actions;
    }

    @GetMapping("/api/v1/quarantine")
    @Operation(summary = "Search the quarantine (paged, newest first); state omitted = every state; `limit` = a first page of that size")
    public Paged<QuarantineItem> search(@RequestParam(required = false) String source, @RequestParam(required = false) String channel,
                                        @RequestParam(required = false) String code, @RequestParam(required = false) String field,
                                        @RequestParam(required = false) String rule, @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to, @RequestParam(required = false) String state,
                                        @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
                                        @RequestParam(required = false) Integer limit) {
        QuarantineFilter f = QuarantineFilter.of(source, channel, code, field, rule, from, to, state);
        if (page == null && size == null && limit != null) {
            return queries.search(f, 1, Math.min(Math.max(limit, 1), MAX_LIMIT));
        }
        return queries.search(f, Paged.page(page == null ? 1 : page), Paged.size(size == null ? DEFAULT_SIZE : size));
    }

    @GetMapping("/api/v1/quarantine/{id}")
    @Operation(summary = "One quarantine record with its field errors and payload (masked; full=true for operators/admins, audited)")
    public QuarantineDetail detail(@PathVariable long id, @RequestParam(defaultValue = "false") boolean full, Authentication who,
                                   HttpServletRequest request) {
        return actions.detail(id, full, who, request.getRemoteAddr());
    }

    @PostMapping("/api/v1/quarantine/{id}/resubmit")
    @Operation(summary = "Run the kept input again through the intake path it came in by (after its cause was fixed)")
    public QuarantineResubmitter.Outcome resubmit(@PathVariable long id, Authentication who, HttpServletRequest request) {
        return actions.resubmit(id, who, request.getRemoteAddr());
    }

    @PostMapping("/api/v1/quarantine/{id}/dismiss")
    @Operation(summary = "Close an open record without re-submitting it: {\"reason\": \"…\"} (required)")
    public QuarantineDetail dismiss(@PathVariable long id, @RequestBody(required = false) Map<String, Object> body, Authentication who,
                                    HttpServletRequest request) {
        Object reason = body == null ? null : body.get("reason");
        return actions.dismiss(id, reason instanceof String s ? s : null, who, request.getRemoteAddr());
    }
}
