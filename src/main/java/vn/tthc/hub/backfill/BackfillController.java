package vn.tthc.hub.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.dossier.FieldError;

/**
 * The back-fill API: start a job for a submission range ({@code from}, {@code to} as ISO-8601 date
 * or date-time, a date meaning midnight in Vietnam), follow its progress (read / total, synced,
 * refused, rate, ETA), list jobs, pause, resume or cancel one.
 */
@RestController
public class BackfillController {
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    private final BackfillService backfills;
    private final Clock clock;

    public BackfillController(BackfillService backfills, Clock clock) {
        this.backfills = backfills;
        this.clock = clock;
    }

    /** {@code {"from":"2025-01-01","to":"2026-01-01","target":"dvcqg","source":"province"}} → 202 {@code {"id":…}}. */
    @PostMapping("/api/v1/backfills")
    public ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null || !body.isObject()) {
            return invalid(List.of(new FieldError("body", "json", "a JSON object {from, to, target} is expected")));
        }
        Instant from = time(body, "from", errors);
        Instant to = time(body, "to", errors);
        String target = body.path("target").asText("dvcqg");
        String source = body.path("source").asText("province");
        if (!errors.isEmpty()) {
            return invalid(errors);
        }
        try {
            long id = backfills.start(source, from, to, target);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", id);
            return ResponseEntity.accepted().body(out);
        } catch (BackfillService.InvalidRequestException e) {
            return invalid(e.errors());
        }
    }

    @GetMapping("/api/v1/backfills/{id}")
    public ResponseEntity<Map<String, Object>> job(@PathVariable long id) {
        return backfills.job(id).map(j -> ResponseEntity.ok(view(j)))
                .orElseGet(() -> ResponseEntity.status(404).body(Map.of("error", "not_found", "message", "no back-fill " + id)));
    }

    @GetMapping("/api/v1/backfills")
    public List<Map<String, Object>> jobs(@RequestParam(defaultValue = "50") int limit) {
        return backfills.jobs(Math.min(Math.max(limit, 1), 500)).stream().map(this::view).toList();
    }

    @PostMapping("/api/v1/backfills/{id}/pause")
    public ResponseEntity<Map<String, Object>> pause(@PathVariable long id) {
        return change(id, backfills.pause(id), "only a RUNNING job can be paused");
    }

    @PostMapping("/api/v1/backfills/{id}/resume")
    public ResponseEntity<Map<String, Object>> resume(@PathVariable long id) {
        return change(id, backfills.resume(id), "only a PAUSED job can be resumed");
    }

    @PostMapping("/api/v1/backfills/{id}/cancel")
    public ResponseEntity<Map<String, Object>> cancel(@PathVariable long id) {
        return change(id, backfills.cancel(id), "only a RUNNING or PAUSED job can be cancelled");
    }

    private ResponseEntity<Map<String, Object>> change(long id, boolean changed, String rule) {
        if (backfills.job(id).isEmpty()) {
            return ResponseEntity.status(404).body(Map.of("error", "not_found", "message", "no back-fill " + id));
        }
        return changed ? ResponseEntity.ok(view(backfills.job(id).get()))
                : ResponseEntity.status(409).body(Map.of("error", "conflict", "message", rule));
    }

    private Map<String, Object> view(BackfillJob j) {
        Instant now = clock.instant();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.id());
        m.put("state", j.state());
        m.put("source", j.source());
        m.put("target", j.target());
        m.put("from", j.from());
        m.put("to", j.to());
        m.put("done", j.scanned());
        m.put("total", j.total());
        m.put("synced", j.synced());
        m.put("refused", j.refused());
        m.put("ratePerSecond", Math.round(j.ratePerSecond(now) * 10) / 10.0);
        m.put("etaSeconds", j.etaSeconds(now));
        m.put("createdAt", j.createdAt());
        m.put("startedAt", j.startedAt());
        m.put("updatedAt", j.updatedAt());
        m.put("finishedAt", j.finishedAt());
        m.put("lastError", j.lastError());
        return m;
    }

    private static Instant time(JsonNode body, String field, List<FieldError> errors) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) {
            return null; // the service names missing fields
        }
        String s = n.asText();
        try {
            return s.length() == 10 ? LocalDate.parse(s).atStartOfDay(VN).toInstant() : OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "format", "must be an ISO-8601 date (2025-01-01) or date-time with offset"));
            return null;
        }
    }

    private static ResponseEntity<Map<String, Object>> invalid(List<FieldError> errors) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("error", "bad_request");
        out.put("message", errors.stream().map(e -> e.field() + ": " + e.message()).collect(java.util.stream.Collectors.joining("; ")));
        out.put("field", errors.isEmpty() ? null : errors.get(0).field());
        out.put("errors", errors);
        return ResponseEntity.badRequest().body(out);
    }
}
