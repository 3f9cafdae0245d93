package vn.tthc.hub.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sync.DeadLetter;
import vn.tthc.hub.sync.DeadLetterFilter;
import vn.tthc.hub.sync.DeadLetters;
import vn.tthc.hub.sync.DeliveryState;
import vn.tthc.hub.sync.ReplayJobs;
import vn.tthc.hub.sync.ReplayRefused;

/**
 * Dead letters and replay over the API: the dead deliveries (paged, filtered), replay or discard one, and bulk replays
 * as jobs (dry run, start with a rate, pause, resume, cancel, progress). Changes need operator or admin (the security
 * rules); each is audited under the caller's name.
 */
@RestController
@Tag(name = "Dead letters and replay")
public class ReplayApiController {
    private final DeadLetters deadLetters;
    private final ReplayJobs jobs;

    public ReplayApiController(DeadLetters deadLetters, ReplayJobs jobs) {
        this.deadLetters = deadLetters;
        this.jobs = jobs;
    }

    /** What {@code POST /api/v1/replays} takes: the filter, whether to stop at the dry run, and the rate per second. */
    public record ReplayRequest(String target, String procedure, String agency, String error, String since, String until,
                                Boolean dryRun, Integer rate) {
    }

    /** What {@code POST /api/v1/deliveries/{id}/discard} takes. */
    public record DiscardRequest(String reason) {
    }

    /** What {@code POST /api/v1/replays/{id}/start} may take. */
    public record StartRequest(Integer rate) {
    }

    @GetMapping("/api/v1/dead-letters")
    @Operation(summary = "Dead deliveries, newest death first, with their last error (masked)")
    public Paged<DeadLetter> deadLetters(@RequestParam(required = false) String target, @RequestParam(required = false) String procedure,
                                         @RequestParam(required = false) String agency, @RequestParam(required = false) String error,
                                         @RequestParam(required = false) String since, @RequestParam(required = false) String until,
                                         @RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        DeadLetterFilter f = ReplayParams.filter(target, procedure, agency, error, since, until);
        int p = Paged.page(page);
        int s = Paged.size(size);
        return Paged.of(deadLetters.list(f, Paged.offset(p, s), s), p, s, deadLetters.count(f));
    }

    @PostMapping("/api/v1/deliveries/{id}/replay")
    @Operation(summary = "Replay one dead delivery through the outbox (409 when not DEAD or superseded)")
    public Map<String, Object> replay(@PathVariable long id, Principal who, HttpServletRequest request) {
        DeliveryState state = refusing(() -> deadLetters.replay(id, who.getName(), request.getRemoteAddr()));
        return stateOf(id, state);
    }

    @PostMapping("/api/v1/deliveries/{id}/discard")
    @Operation(summary = "Discard one dead delivery with a reason (required)")
    public Map<String, Object> discard(@PathVariable long id, @RequestBody(required = false) DiscardRequest body, Principal who,
                                       HttpServletRequest request) {
        String reason = body == null ? null : body.reason();
        DeliveryState state = refusing(() -> deadLetters.discard(id, reason, who.getName(), request.getRemoteAddr()));
        return stateOf(id, state);
    }

    @PostMapping("/api/v1/replays")
    @Operation(summary = "A bulk replay by filter: a dry run (dryRun true, the default), or started at once at the rate")
    public ResponseEntity<ReplayJobView> create(@RequestBody(required = false) ReplayRequest body, Principal who,
                                                HttpServletRequest request) {
        ReplayRequest b = body == null ? new ReplayRequest(null, null, null, null, null, null, true, null) : body;
        DeadLetterFilter f = ReplayParams.filter(b.target(), b.procedure(), b.agency(), b.error(), b.since(), b.until());
        ReplayJobView view = refusing(() -> {
            var job = jobs.dryRun(f, b.rate(), who.getName(), request.getRemoteAddr());
            if (Boolean.FALSE.equals(b.dryRun())) {
                job = jobs.start(job.id(), null, who.getName(), request.getRemoteAddr());
            }
            return ReplayJobView.of(job);
        });
        return ResponseEntity.status(HttpStatus.CREATED).body(view);
    }

    @GetMapping("/api/v1/replays")
    @Operation(summary = "Bulk replays, newest first")
    public Paged<ReplayJobView> jobs(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
        int p = Paged.page(page);
        int s = Paged.size(size);
        return Paged.of(jobs.jobs(Paged.offset(p, s), s).stream().map(ReplayJobView::of).toList(), p, s, jobs.count());
    }

    @GetMapping("/api/v1/replays/{id}")
    @Operation(summary = "One bulk replay: its dry-run counts and progress")
    public ReplayJobView job(@PathVariable long id) {
        return refusing(() -> ReplayJobView.of(jobs.job(id)));
    }

    @PostMapping("/api/v1/replays/{id}/start")
    @Operation(summary = "Start a dry run's replay, optionally with another rate")
    public ReplayJobView start(@PathVariable long id, @RequestBody(required = false) StartRequest body, Principal who,
                               HttpServletRequest request) {
        return refusing(() -> ReplayJobView.of(jobs.start(id, body == null ? null : body.rate(), who.getName(), request.getRemoteAddr())));
    }

    @PostMapping("/api/v1/replays/{id}/pause")
    public ReplayJobView pause(@PathVariable long id, Principal who, HttpServletRequest request) {
        return refusing(() -> ReplayJobView.of(jobs.pause(id, who.getName(), request.getRemoteAddr())));
    }

    @PostMapping("/api/v1/replays/{id}/resume")
    public ReplayJobView resume(@PathVariable long id, Principal who, HttpServletRequest request) {
        return refusing(() -> ReplayJobView.of(jobs.resume(id, who.getName(), request.getRemoteAddr())));
    }

    @PostMapping("/api/v1/replays/{id}/cancel")
    public ReplayJobView cancel(@PathVariable long id, Principal who, HttpServletRequest request) {
        return refusing(() -> ReplayJobView.of(jobs.cancel(id, who.getName(), request.getRemoteAddr())));
    }

    private static Map<String, Object> stateOf(long id, DeliveryState state) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", id);
        out.put("state", state.name());
        return out;
    }

    static <T> T refusing(Supplier<T> action) {
        try {
            return action.get();
        } catch (ReplayRefused r) {
            throw ReplayParams.problem(r);
        }
    }
}
