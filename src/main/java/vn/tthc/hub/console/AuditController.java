package vn.tthc.hub.console;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.audit.AuditEvent;
import vn.tthc.hub.audit.AuditLog;

/** The audit trail, newest first ({@code GET /api/v1/audit?limit=}, operator and admin). */
@RestController
public class AuditController {
    private final AuditLog audit;

    public AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    public List<AuditEvent> audit(@RequestParam(defaultValue = "100") int limit) {
        return audit.recent(limit);
    }
}
