package vn.tthc.hub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.retention.RetentionPruner;
import vn.tthc.hub.retention.RetentionStore;

/**
 * The retention runs: {@code GET /api/v1/retention/runs?page=&size=} (every role), {@code GET /api/v1/retention/runs/{id}},
 * {@code POST /api/v1/retention/runs} {@code {"reason":…,"dryRun":true|false}} (admin only, audited {@code retention.start}).
 */
@RestController
@Tag(name = "Retention", description = "Prune the bodies of old, delivered, superseded versions; the runs and their counts")
public class RetentionApiController {
    /** The audit action of a run started by a person. */
    public static final String AUDIT_START = "retention.start";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RetentionPruner pruner;
    private final RetentionStore store;
    private final AuditLog audit;

    public RetentionApiController(RetentionPruner pruner, RetentionStore store, AuditLog audit) {
        this.pruner = pruner;
        this.store = store;
        this.audit = audit;
    }

    @GetMapping("/api/v1/retention/runs")
    @Operation(summary = "Retention runs, newest first, paged: counts examined, pruned, archived, skipped (open, latest, recent), bytes freed")
    public Paged<Map<String, Object>> runs(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        int n = Paged.size(size);
        List<Map<String, Object>> items = store.runs(Paged.offset(page, n), n).stream().map(RetentionApiController::summary).toList();
        return Paged.of(items, Paged.page(page), n, store.countRuns());
    }

    @GetMapping("/api/v1/retention/runs/{id}")
    @Operation(summary = "One retention run")
    public Map<String, Object> run(@PathVariable long id) {
        return store.run(id).map(RetentionApiController::summary).orElseThrow(() -> ApiProblem.notFound("no retention run " + id));
    }

    /** 202 {@code {"id":n}}; 400 naming the field; 409 {@code {"running":id}} while another run is RUNNING. */
    @PostMapping("/api/v1/retention/runs")
    @Operation(summary = "Start a retention run (admin): a reason is required; dryRun=true counts without changing anything")
    public ResponseEntity<Map<String, Object>> start(@RequestBody(required = false) String body, Principal principal, HttpServletRequest request) {
        JsonNode req;
        try {
            req = body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw ApiProblem.badRequest("body", "not JSON");
        }
        if (req == null || !req.isObject()) {
            throw ApiProblem.badRequest("body", "a JSON object {reason, dryRun} is expected");
        }
        for (var it = req.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!List.of("reason", "dryRun").contains(f)) {
                throw ApiProblem.badRequest(f, "unknown field (known: reason, dryRun)");
            }
        }
        JsonNode r = req.get("reason");
        if (r == null || !r.isTextual() || r.asText().isBlank()) {
            throw ApiProblem.badRequest("reason", "required: why the bodies are pruned now");
        }
        String reason = r.asText().strip();
        if (reason.length() > 500) {
            throw ApiProblem.badRequest("reason", "at most 500 characters");
        }
        JsonNode d = req.get("dryRun");
        if (d != null && !d.isNull() && !d.isBoolean()) {
            throw ApiProblem.badRequest("dryRun", "dryRun is true or false");
        }
        boolean dryRun = d != null && d.asBoolean();
        String user = principal == null ? null : principal.getName();
        try {
            long id = pruner.start("api", user, reason, dryRun);
            audit.record(user, AUDIT_START, "retention run " + id, (dryRun ? "dry run, " : "") + "reason: " + reason, request.getRemoteAddr());
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("id", id));
        } catch (RetentionPruner.BusyException e) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("error", "conflict");
            m.put("message", e.getMessage());
            m.put("running", e.runningId());
            return ResponseEntity.status(HttpStatus.CONFLICT).body(m);
        }
    }

    static Map<String, Object> summary(RetentionStore.Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("state", r.state());
        m.put("trigger", r.trigger());
        m.put("startedBy", r.startedBy());
        m.put("reason", r.reason());
        m.put("mode", r.mode());
        m.put("dryRun", r.dryRun());
        m.put("startedAt", r.startedAt());
        m.put("finishedAt", r.finishedAt());
        RetentionStore.Counts c = r.counts();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("blocks", c.blocks());
        counts.put("examined", c.examined());
        counts.put("pruned", c.pruned());
        counts.put("archived", c.archived());
        counts.put("skippedOpen", c.skippedOpen());
        counts.put("skippedLatest", c.skippedLatest());
        counts.put("skippedRecent", c.skippedRecent());
        counts.put("bytesFreed", c.bytesFreed());
        m.put("counts", counts);
        m.put("archiveFile", c.archiveFile() == null ? null : java.nio.file.Path.of(c.archiveFile()).getFileName().toString());
        m.put("complete", r.resumeAfter() == null);
        m.put("error", r.error());
        return m;
    }
}
