package vn.tthc.hub.report;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The weekly and monthly figures the team reports upward: {@code GET /api/v1/reports/{weekly|monthly}
 * ?period=2026-W48|2026-11&format=xlsx|csv|json&lang=vi|en}, per agency and procedure.
 */
@RestController
public class ReportController {
    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final ReportQueries queries;
    private final Clock clock;

    public ReportController(ReportQueries queries, Clock clock) {
        this.queries = queries;
        this.clock = clock;
    }

    @GetMapping("/api/v1/reports/{kind}")
    public ResponseEntity<?> report(@PathVariable String kind, @RequestParam(required = false) String period,
                                    @RequestParam(defaultValue = "xlsx") String format, @RequestParam(defaultValue = "vi") String lang) {
        ReportPeriod p;
        try {
            p = ReportPeriod.of(kind, period, LocalDate.now(clock.withZone(ReportPeriod.VN)));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid", "errors",
                    List.of(Map.of("field", kind.equals("weekly") || kind.equals("monthly") ? "period" : "kind", "rule", "format",
                            "message", e.getMessage()))));
        }
        if (!List.of("xlsx", "csv", "json").contains(format)) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid", "errors",
                    List.of(Map.of("field", "format", "rule", "enum", "message", "format is xlsx, csv or json"))));
        }
        Statistics stats = queries.compute(p);
        String file = "bao-cao-" + kind + "-" + p.label();
        return switch (format) {
            case "csv" -> ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".csv\"")
                    .body(ReportExport.csv(stats.rows(), lang));
            case "xlsx" -> ResponseEntity.ok().contentType(XLSX)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + ".xlsx\"")
                    .body(ReportExport.xlsx(p, stats.rows(), stats.agencyTotals(), lang));
            case "json" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("kind", kind);
                out.put("period", p.label());
                out.put("from", p.start());
                out.put("to", p.end());
                out.put("rows", stats.rows());
                out.put("agencies", stats.agencyTotals());
                out.put("unreadableVersions", stats.unreadableVersions());
                yield ResponseEntity.ok(out);
            }
            default -> throw new IllegalStateException("format checked above: " + format);
        };
    }
}
