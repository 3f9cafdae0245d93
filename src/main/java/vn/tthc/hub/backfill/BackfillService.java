package vn.tthc.hub.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.tthc.hub.dossier.FieldError;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.sync.IntakeResult;
import vn.tthc.hub.sync.IntakeService;
import vn.tthc.hub.sync.PullFeed;
import vn.tthc.hub.sync.PullRegistry;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * Back-fills a source's dossiers submitted in a date range: reads the source's pages in its own
 * order (change time, then code) from a stored read position, feeds the records in range through
 * the normal intake (so each is stored once and delivered through the outbox, routed as any
 * other; one already held is unchanged and costs nothing, and the portal adapter does not send
 * a dossier the portal already holds identically), and moves the position on with the counters.
 * Rate-limited by a budget of records per step; resumable after a crash, a pause or a restart,
 * since everything it knows is in the job's row; memory bounded by one page.
 */
@Service
public class BackfillService {
    private static final Logger log = LoggerFactory.getLogger(BackfillService.class);
    static final String CHANNEL = "backfill";

    private final BackfillStore store;
    private final PullRegistry pulls;
    private final IntakeService intake;
    private final TargetRegistry targets;
    private final BackfillProperties props;
    private final Clock clock;
    private volatile Instant lastProgressLog = Instant.EPOCH;

    public BackfillService(BackfillStore store, PullRegistry pulls, IntakeService intake, TargetRegistry targets,
                           BackfillProperties props, Clock clock) {
        this.store = store;
        this.pulls = pulls;
        this.intake = intake;
        this.targets = targets;
        this.props = props;
        this.clock = clock;
    }

    /**
     * Starts a job.
     *
     * @throws InvalidRequestException naming every field that is wrong
     */
    public long start(String source, Instant from, Instant to, String target) {
        List<FieldError> errors = new ArrayList<>();
        if (from == null) {
            errors.add(new FieldError("from", "required", "the start of the submission range is required (ISO-8601)"));
        }
        if (to == null) {
            errors.add(new FieldError("to", "required", "the end of the submission range is required (ISO-8601)"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "order", "the end of the range must be after its start"));
        }
        if (!targets.allTargets().contains(target)) {
            errors.add(new FieldError("target", "unknown", "no such target; known: " + targets.allTargets()));
        }
        Optional<PullFeed> feed = pulls.feed(source);
        if (feed.isEmpty() || feed.get().partitions().size() != 1) {
            errors.add(new FieldError("source", "unknown", "a back-fill reads a source with one listing (e.g. province)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        long id = store.insert(source, target, from, to, clock.instant());
        log.info("Back-fill #{} started: {} dossiers submitted in [{}, {}) toward {}", id, source, from, to, target);
        return id;
    }

    public Optional<BackfillJob> job(long id) {
        return store.find(id);
    }

    public List<BackfillJob> jobs(int limit) {
        return store.list(limit);
    }

    public boolean pause(long id) {
        return store.transition(id, List.of("RUNNING"), "PAUSED", clock.instant());
    }

    public boolean resume(long id) {
        return store.transition(id, List.of("PAUSED"), "RUNNING", clock.instant());
    }

    public boolean cancel(long id) {
        return store.transition(id, List.of("RUNNING", "PAUSED"), "CANCELLED", clock.instant());
    }

    /** One step of the running jobs, oldest first, within the budget of records per step; returns the records read. */
    public synchronized int step() {
        int budget = props.getRecordsPerTick();
        int read = 0;
        for (BackfillJob job : store.running()) {
            if (read >= budget) {
                break;
            }
            try {
                read += step(job, budget - read);
            } catch (RuntimeException e) {
                // the source or the database unreachable: the job stays where it is and the next step tries again
                String error = Pii.maskText(String.valueOf(e.getMessage()));
                log.warn("Back-fill #{} step failed, retried next step: {}", job.id(), error);
                store.error(job.id(), error, clock.instant());
            }
        }
        return read;
    }

    private int step(BackfillJob job, int budget) {
        PullFeed feed = pulls.feed(job.source()).orElseThrow(() -> new IllegalStateException("source " + job.source() + " is gone"));
        String partition = feed.partitions().get(0);
        Instant since = job.cursorUpdated() != null ? job.cursorUpdated() : job.from();
        List<JsonNode> fresh = new ArrayList<>();
        Long total = null;
        boolean exhausted = false;
        for (int page = 0; fresh.size() < budget; page++) {
            PullFeed.Page p = feed.page(since, partition, page);
            if (page == 0) {
                total = p.total();
            }
            for (JsonNode r : p.records()) {
                if (fresh.size() < budget && afterCursor(feed, r, job)) {
                    fresh.add(r);
                }
            }
            if (p.last() || p.records().isEmpty()) {
                exhausted = fresh.size() < budget || lastOf(p, fresh);
                break;
            }
        }
        List<IntakeService.Inbound> inRange = new ArrayList<>();
        for (JsonNode r : fresh) {
            Instant submitted = feed.submittedAt(r);
            if (submitted != null && !submitted.isBefore(job.from()) && submitted.isBefore(job.to())) {
                inRange.add(new IntakeService.Inbound(feed.inbound(r), r.toString(), "application/json"));
            }
        }
        long synced = 0;
        long refused = 0;
        if (!inRange.isEmpty()) {
            for (IntakeResult r : intake.acceptAll(job.source(), CHANNEL, inRange, feed.mapping())) {
                if (r.accepted()) {
                    synced++;
                } else {
                    refused++;
                }
            }
        }
        Instant now = clock.instant();
        Instant cursorUpdated = job.cursorUpdated();
        String cursorCode = job.cursorCode();
        if (!fresh.isEmpty()) {
            JsonNode last = fresh.get(fresh.size() - 1);
            cursorUpdated = changedAtOrSince(feed, last, since);
            cursorCode = feed.codeOf(last);
        }
        store.progress(job.id(), cursorUpdated, cursorCode, total, fresh.size(), synced, refused, now);
        if (exhausted) {
            store.transition(job.id(), List.of("RUNNING"), "DONE", now);
            store.find(job.id()).ifPresent(j -> log.info("Back-fill #{} done: {} records read, {} in range synced, {} refused",
                    j.id(), j.scanned(), j.synced(), j.refused()));
        } else if (now.isAfter(lastProgressLog.plusSeconds(30))) {
            lastProgressLog = now;
            store.find(job.id()).ifPresent(j -> log.info("Back-fill #{}: {} of {} records read, {} synced, {} refused, {}/s, ETA {} s",
                    j.id(), j.scanned(), j.total(), j.synced(), j.refused(), Math.round(j.ratePerSecond(now)), j.etaSeconds(now)));
        }
        return fresh.size();
    }

    /** Whether the page ended with the last record taken (so nothing beyond it was left unread). */
    private static boolean lastOf(PullFeed.Page p, List<JsonNode> fresh) {
        return !fresh.isEmpty() && !p.records().isEmpty() && p.records().get(p.records().size() - 1) == fresh.get(fresh.size() - 1);
    }

    /** A record not read yet: its (change time, code) comes after the job's read position. */
    private static boolean afterCursor(PullFeed feed, JsonNode r, BackfillJob job) {
        if (job.cursorUpdated() == null) {
            return true;
        }
        Instant t = changedAtOrSince(feed, r, job.cursorUpdated());
        int byTime = t.compareTo(job.cursorUpdated());
        return byTime > 0 || (byTime == 0 && feed.codeOf(r).compareTo(job.cursorCode() == null ? "" : job.cursorCode()) > 0);
    }

    private static Instant changedAtOrSince(PullFeed feed, JsonNode r, Instant since) {
        Instant t = feed.changedAt(r);
        return t == null ? since : t;
    }

    /** A back-fill request with wrong fields, each named with its rule. */
    public static class InvalidRequestException extends RuntimeException {
        private final List<FieldError> errors;

        public InvalidRequestException(List<FieldError> errors) {
            super(errors.toString());
            this.errors = errors;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }
}
