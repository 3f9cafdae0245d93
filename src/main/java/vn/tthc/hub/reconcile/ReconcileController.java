package vn.tthc.hub.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.audit.AuditLog;

/**
 * The reconciliation API: start a run (a date range or the default window), read a run, its differences, export them
 * as CSV or Excel, list runs.
 */
@RestController
@RequestMapping("/api/v1/reconciliations")
public class ReconcileController {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_ROWS = 10_000;
    /** The audit action of a run started by a person (API or console). */
    public static final String AUDIT_START = "reconcile.start";

    private final Reconciler reconciler;
    private final ReconcileStore store;
    private final ReconcileExport export;
    private final ReconcileProperties props;
    private final Clock clock;
    private final ReconcileSummaries summaries;
    private final AuditLog audit;

    public ReconcileController(Reconciler reconciler, ReconcileStore store, ReconcileExport export, ReconcileProperties props, Clock clock,
                               ReconcileSummaries summaries, AuditLog audit) {
        this.reconciler = reconciler;
        this.summaries = summaries;
        this.audit = audit;
        this.store = store;
        this.export = export;
        this.props = props;
        this.clock = clock;
    }

    /**
     * {@code {"from":…,"to":…,"reason":…,"heal":true|false}} (ISO-8601; each may be left out) or {@code {}} for the default
     * window, healing → 202 {@code {"id":n}}. {@code "heal":false} only reports: each difference is re-synced by a person.
     */
    @PostMapping
    public ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) String body, Principal principal,
                                                     HttpServletRequest request) {
        Instant now = clock.instant();
        Instant from;
        Instant to;
        String reason;
        boolean heal;
        try {
            JsonNode req = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            if (req == null || !req.isObject()) {
                return error(HttpStatus.BAD_REQUEST, "body", "a JSON object is expected");
            }
            for (var it = req.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!List.of("from", "to", "reason", "heal").contains(f)) {
                    return error(HttpStatus.BAD_REQUEST, f, "unknown field (known: from, to, reason, heal)");
                }
            }
            JsonNode h = req.get("heal");
            if (h != null && !h.isNull() && !h.isBoolean()) {
                return error(HttpStatus.BAD_REQUEST, "heal", "heal is true or false");
            }
            heal = h == null || h.isNull() || h.asBoolean();
            JsonNode r = req.get("reason");
            if (r != null && !r.isNull() && !r.isTextual()) {
                return error(HttpStatus.BAD_REQUEST, "reason", "reason is a text");
            }
            reason = r == null || r.isNull() || r.asText().isBlank() ? null : r.asText().strip();
            if (reason != null && reason.length() > 500) {
                return error(HttpStatus.BAD_REQUEST, "reason", "at most 500 characters");
            }
            to = time(req, "to", now);
            from = time(req, "from", to.minus(props.getWindow()));
        } catch (DateTimeParseException e) {
            return error(HttpStatus.BAD_REQUEST, e.getParsedString(), "not an ISO-8601 date-time with offset: " + e.getParsedString());
        } catch (IOException e) {
            return error(HttpStatus.BAD_REQUEST, "body", "not JSON");
        }
        if (from.isAfter(to)) {
            return error(HttpStatus.BAD_REQUEST, "from", "is after to");
        }
        try {
            String user = principal == null ? null : principal.getName();
            long id = reconciler.start(from, to, new ReconcileStore.Start("api", user, reason, heal));
            audit.record(user, AUDIT_START, "reconciliation " + id, "window " + from + " – " + to + (heal ? "" : ", report only")
                    + (reason == null ? "" : ", reason: " + reason), request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id));
        } catch (ReconcileBusyException e) {
            Map<String, Object> m = error(HttpStatus.CONFLICT, null, e.getMessage()).getBody();
            m.put("running", e.runningId());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(m);
        }
    }

    private static Instant time(JsonNode req, String field, Instant fallback) {
        JsonNode n = req.get(field);
        if (n == null || n.isNull()) {
            return fallback;
        }
        String s = n.asText();
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            throw new DateTimeParseException(field, field, 0);
        }
    }

    /** {@code {"id","state","counts":{category:n,…,"checked":n},"healed",…}}; byTarget, byProcedure, byAgency beside. */
    @GetMapping("/{id}")
    public ResponseEntity<Map<String, Object>> one(@PathVariable long id) {
        return store.run(id).<ResponseEntity<Map<String, Object>>>map(r -> ResponseEntity.ok(summaries.of(r, true)))
                .orElseGet(() -> error(HttpStatus.NOT_FOUND, "id", "no reconciliation " + id));
    }

    /** The run's difference rows (optionally of one category, partner — the target, or the source — and dossier code), at most {@code limit}. */
    @GetMapping("/{id}/differences")
    public ResponseEntity<Object> differences(@PathVariable long id, @RequestParam(required = false) String category,
                                              @RequestParam(required = false) String partner, @RequestParam(required = false) String code,
                                              @RequestParam(defaultValue = "1000") int limit) {
        if (store.run(id).isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(error(HttpStatus.NOT_FOUND, null, "no reconciliation " + id).getBody());
        }
        if (category != null) {
            try {
                Category.ofKey(category);
            } catch (IllegalArgumentException e) {
                return ResponseEntity.badRequest().body(error(HttpStatus.BAD_REQUEST, "category", e.getMessage()).getBody());
            }
        }
        int max = Math.max(1, Math.min(limit, MAX_ROWS));
        List<Map<String, Object>> rows = new ArrayList<>();
        store.differences(id, category, d -> {
            if (rows.size() < max && (partner == null || partner.equals(d.partner())) && (code == null || code.equals(d.dossierCode()))) {
                Map<String, Object> row = new LinkedHashMap<>();
                List<Object> v = ReconcileExport.values(d);
                for (int i = 0; i < v.size(); i++) {
                    row.put(ReconcileExport.COLUMNS.get(i), v.get(i));
                }
                rows.add(row);
            }
        });
        return ResponseEntity.ok(rows);
    }

    /** {@code format=csv} (default) or {@code xlsx}, as a download. */
    @GetMapping("/{id}/export")
    public void export(@PathVariable long id, @RequestParam(defaultValue = "csv") String format, HttpServletResponse response)
            throws IOException {
        var run = store.run(id);
        if (run.isEmpty() || !(format.equals("csv") || format.equals("xlsx"))) {
            response.setStatus(run.isEmpty() ? 404 : 400);
            response.setContentType("application/json");
            response.getWriter().write(JSON.writeValueAsString(run.isEmpty() ? error(HttpStatus.NOT_FOUND, null, "no reconciliation " + id).getBody()
                    : error(HttpStatus.BAD_REQUEST, "format", "must be csv or xlsx").getBody()));
            return;
        }
        String name = "reconciliation-" + id + "." + format;
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        if (format.equals("csv")) {
            response.setContentType("text/csv; charset=utf-8");
            export.csv(id, response.getOutputStream());
        } else {
            response.setContentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            export.xlsx(run.get(), response.getOutputStream());
        }
    }

    /** The API's one refusal body: {@code {"error": code, "message": "<field>: <rule>", "field": name}}. */
    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String field, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", status == HttpStatus.NOT_FOUND ? "not_found" : status == HttpStatus.CONFLICT ? "conflict" : "bad_request");
        m.put("message", field == null || status == HttpStatus.NOT_FOUND ? message : field + ": " + message);
        if (field != null && status != HttpStatus.NOT_FOUND) {
            m.put("field", field);
        }
        return ResponseEntity.status(status).body(m);
    }
}
