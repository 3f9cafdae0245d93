package vn.tthc.hub.report;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.audit.AuditLog;

/**
 * The weekly and monthly figures the team reports upward: {@code GET /api/v1/reports/{weekly|monthly}
 * ?period=2026-W48|2026-11&format=xlsx|csv|json&lang=vi|en}, per agency and procedure; the report mailed
 * now ({@code POST /api/v1/reports/{weekly|monthly}/mail?period=}) and the log of report mails
 * ({@code GET /api/v1/reports/mails}).
 */
@RestController
public class ReportController {
    static final MediaType XLSX = MediaType.parseMediaType(ReportMailer.XLSX);

    private final ReportQueries queries;
    private final ReportMailer mailer;
    private final ReportMailStore mails;
    private final Clock clock;
    private final AuditLog audit;
    /** The audit action of a report mailed on demand (API or console). */
    public static final String AUDIT_MAIL = "report.mail";

    public ReportController(ReportQueries queries, ReportMailer mailer, ReportMailStore mails, Clock clock, AuditLog audit) {
        this.audit = audit;
        this.queries = queries;
        this.mailer = mailer;
        this.mails = mails;
        this.clock = clock;
    }

    @GetMapping("/api/v1/reports/{kind}")
    public ResponseEntity<?> report(@PathVariable String kind, @RequestParam(required = false) String period,
                                    @RequestParam(defaultValue = "xlsx") String format, @RequestParam(defaultValue = "vi") String lang) {
        ReportPeriod p;
        try {
            p = period(kind, period);
        } catch (IllegalArgumentException e) {
            return invalid(kind, e);
        }
        if (!List.of("xlsx", "csv", "json").contains(format)) {
            return ResponseEntity.badRequest().body(Map.of("error", "bad_request", "message", "format: is xlsx, csv or json", "field", "format",
                    "errors", List.of(Map.of("field", "format", "rule", "enum", "message", "format is xlsx, csv or json"))));
        }
        Statistics stats = queries.compute(p);
        String file = ReportExport.fileName(p);
        return switch (format) {
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".csv\"")
                    .body(ReportExport.csv(stats.rows(), lang));
            case "xlsx" -> ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".xlsx\"")
                    .body(ReportExport.xlsx(stats, lang));
            case "json" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("kind", kind);
                out.put("period", p.label());
                out.put("from", p.start());
                out.put("to", p.end());
                out.put("rows", stats.rows());
                out.put("agencies", stats.agencyTotals());
                out.put("total", stats.total());
                out.put("unreadableVersions", stats.unreadableVersions());
                yield ResponseEntity.ok(out);
            }
            default -> throw new IllegalStateException("format checked above: " + format);
        };
    }

    /** Mails the report of a period now (default: the last complete one) to {@code hub.reports.recipients}. */
    @PostMapping("/api/v1/reports/{kind}/mail")
    public ResponseEntity<?> mail(@PathVariable String kind, @RequestParam(required = false) String period, Principal principal,
                                  HttpServletRequest request) {
        ReportPeriod p;
        try {
            p = period(kind, period);
        } catch (IllegalArgumentException e) {
            return invalid(kind, e);
        }
        ReportMailer.Outcome o = mailNow(p, principal == null ? null : principal.getName(), request.getRemoteAddr());
        HttpStatus status = switch (o.status()) {
            case SENT, ALREADY_SENT -> HttpStatus.OK;
            case NO_RECIPIENTS -> HttpStatus.CONFLICT;
            case FAILED -> HttpStatus.BAD_GATEWAY;
        };
        return ResponseEntity.status(status).body(o);
    }

    /** Mails a period's report now and records who asked for it (the API and the console's "mail now"). */
    public ReportMailer.Outcome mailNow(ReportPeriod p, String user, String remoteAddress) {
        ReportMailer.Outcome o = mailer.now(p);
        audit.record(user, AUDIT_MAIL, p.kind() + " " + p.label(), o.status() + (o.error() == null ? "" : ": " + o.error()), remoteAddress);
        return o;
    }

    @GetMapping("/api/v1/reports/mails")
    public List<ReportMailStore.ReportMailRecord> mails(@RequestParam(defaultValue = "100") int limit) {
        return mails.recent(Math.max(1, Math.min(limit, 1000)));
    }

    private ReportPeriod period(String kind, String period) {
        return ReportPeriod.of(kind, period, LocalDate.now(clock.withZone(ReportPeriod.VN)));
    }

    private static ResponseEntity<?> invalid(String kind, IllegalArgumentException e) {
        String field = kind.equals("weekly") || kind.equals("monthly") ? "period" : "kind";
        return ResponseEntity.badRequest().body(Map.of("error", "bad_request", "message", field + ": " + e.getMessage(), "field", field,
                "errors", List.of(Map.of("field", field, "rule", "format", "message", e.getMessage()))));
    }
}
