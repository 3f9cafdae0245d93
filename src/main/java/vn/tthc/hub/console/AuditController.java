package vn.tthc.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.audit.AuditLog;

/**
 * The audit trail, newest first ({@code GET /api/v1/audit}, operator and admin), filtered by {@code user}, {@code action}
 * (exact), {@code from}/{@code to} (a day or an instant) and {@code target} (a part of the target or the detail).
 * Without {@code page} the answer is the list it always was (at most {@code limit} records); with {@code page} it is a
 * {@link Paged} page of {@code size} records.
 */
@RestController
@Tag(name = "Audit", description = "Who replayed, discarded, re-submitted, changed the catalogue or viewed a payload, and every sign-in")
public class AuditController {
    static final int DEFAULT_SIZE = 50;

    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    @Operation(summary = "Audit records, newest first: a list of at most `limit`, or a page when `page` is given")
    public Object audit(@RequestParam(defaultValue = "100") int limit, @RequestParam(required = false) Integer page,
                        @RequestParam(required = false) Integer size, @RequestParam(required = false) String user,
                        @RequestParam(required = false) String action, @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to, @RequestParam(required = false) String target) {
        AuditLog.Filter f = filter(user, action, from, to, target);
        if (page == null) {
            return f.equals(AuditLog.Filter.NONE) ? audit.recent(limit) : audit.search(f, 0, Math.max(1, Math.min(limit, 1000))).items();
        }
        return page(f, page, size == null ? DEFAULT_SIZE : size);
    }

    Paged<vn.tthc.hub.audit.AuditEvent> page(AuditLog.Filter f, int page, int size) {
        int p = Paged.page(page);
        int s = Paged.size(size);
        AuditLog.Slice slice = audit.search(f, Paged.offset(p, s), s);
        return Paged.of(slice.items(), p, s, slice.total());
    }

    static AuditLog.Filter filter(String user, String action, String from, String to, String target) {
        return new AuditLog.Filter(QuarantineFilter.blank(user), QuarantineFilter.blank(action), QuarantineFilter.time("from", from, false),
                QuarantineFilter.time("to", to, true), QuarantineFilter.blank(target));
    }
}
