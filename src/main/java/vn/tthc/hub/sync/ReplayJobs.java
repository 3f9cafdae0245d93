package vn.tthc.hub.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.dossier.Pii;

/**
 * Bulk replays of the dead letters a filter matches, as tracked jobs: a dry run first (counts per partner and procedure,
 * how many would be skipped as superseded; nothing changes), then started with a rate limit and stepped by the hub
 * every tick ({@link ReplayRoutes}) — at most {@code rate} dead letters per step, oldest first, each through the same
 * conditional replay as a single one. Pause, resume and cancel; everything is in the job's row, so a job survives a
 * restart and is resumed by whichever instance ticks first (the row's lease keeps two from stepping it at once).
 */
@Service
public class ReplayJobs {
    private static final Logger log = LoggerFactory.getLogger(ReplayJobs.class);
    public static final int MAX_RATE = 500;
    public static final String HUB_USER = "hub";

    private final DeliveryStore deliveries;
    private final ReplayJobStore store;
    private final DeadLetters deadLetters;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration tick;
    private final String instance = UUID.randomUUID().toString();

    public ReplayJobs(DeliveryStore deliveries, ReplayJobStore store, DeadLetters deadLetters, TransactionTemplate tx, AuditLog audit,
                      Clock clock, @Value("${hub.replay.tick:1000}") long tickMillis) {
        this.deliveries = deliveries;
        this.store = store;
        this.deadLetters = deadLetters;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.tick = Duration.ofMillis(tickMillis);
    }

    /** Checks a rate: 1 to {@value #MAX_RATE} dead letters a second. */
    public static int rate(Integer asked) {
        int r = asked == null ? 10 : asked;
        if (r < 1 || r > MAX_RATE) {
            throw ReplayRefused.invalid("rate", "must be between 1 and " + MAX_RATE + " per second");
        }
        return r;
    }

    /** Counts what a filter would replay and stores that as a job in DRY_RUN; nothing else changes. */
    public ReplayJob dryRun(DeadLetterFilter filter, Integer rate, String user, String remoteAddress) {
        int r = rate(rate);
        if (filter.since() != null && filter.until() != null && !filter.since().isBefore(filter.until())) {
            throw ReplayRefused.invalid("until", "must be after since");
        }
        long maxId = deliveries.maxDeadLetterId(filter);
        Map<String, long[]> byTarget = new TreeMap<>();
        Map<String, long[]> byProcedure = new TreeMap<>();
        long total = 0;
        long skip = 0;
        for (DeliveryStore.DeadLetterCount c : deliveries.countDeadLetters(filter, maxId)) {
            int column = c.superseded() ? 1 : 0;
            byTarget.computeIfAbsent(c.target(), k -> new long[2])[column] += c.count();
            byProcedure.computeIfAbsent(c.procedureCode() == null ? "?" : c.procedureCode(), k -> new long[2])[column] += c.count();
            total += c.count();
            skip += c.superseded() ? c.count() : 0;
        }
        long id = store.insert(filter, r, total, skip, byTarget, byProcedure, maxId, user, clock.instant());
        audit.record(user, "replay.dry-run", "replay job #" + id, "filter " + ReplayJobStore.filterMap(filter) + "; " + total
                + " dead letter(s), " + skip + " superseded", remoteAddress);
        return job(id);
    }

    public ReplayJob job(long id) {
        return store.find(id).orElseThrow(() -> ReplayRefused.notFound("no replay job #" + id));
    }

    public List<ReplayJob> jobs(long offset, int limit) {
        return store.list(offset, limit);
    }

    public long count() {
        return store.count();
    }

    /** Starts a dry run's job with a rate (its own when null). */
    public ReplayJob start(long id, Integer rate, String user, String remoteAddress) {
        ReplayJob j = job(id);
        int r = rate == null ? j.ratePerSecond() : rate(rate);
        if (!store.start(id, r, clock.instant())) {
            throw ReplayRefused.conflict("replay job #" + id + " is " + job(id).state() + ": only a dry run is started");
        }
        audited(user, "replay.start", job(id), remoteAddress);
        log.info("Replay job #{} started by {} at {}/s: {} dead letter(s)", id, user, r, j.total());
        return job(id);
    }

    public ReplayJob pause(long id, String user, String remoteAddress) {
        return move(id, List.of(ReplayJob.RUNNING), ReplayJob.PAUSED, "replay.pause", user, remoteAddress);
    }

    public ReplayJob resume(long id, String user, String remoteAddress) {
        return move(id, List.of(ReplayJob.PAUSED), ReplayJob.RUNNING, "replay.resume", user, remoteAddress);
    }

    public ReplayJob cancel(long id, String user, String remoteAddress) {
        return move(id, List.of(ReplayJob.DRY_RUN, ReplayJob.RUNNING, ReplayJob.PAUSED), ReplayJob.CANCELLED, "replay.cancel", user,
                remoteAddress);
    }

    private ReplayJob move(long id, List<String> from, String to, String action, String user, String remoteAddress) {
        job(id);
        if (!store.transition(id, from, to, clock.instant())) {
            throw ReplayRefused.conflict("replay job #" + id + " is " + job(id).state() + ": it cannot go to " + to);
        }
        ReplayJob j = job(id);
        audited(user, action, j, remoteAddress);
        log.info("Replay job #{} {} by {}: {} replayed, {} skipped as superseded, {} failed", id, to, user, j.replayed(),
                j.skippedSuperseded(), j.failed());
        return j;
    }

    private void audited(String user, String action, ReplayJob j, String remoteAddress) {
        audit.record(user, action, "replay job #" + j.id(), "state " + j.state() + ", rate " + j.ratePerSecond() + "/s, total " + j.total()
                + ", replayed " + j.replayed() + ", skipped as superseded " + j.skippedSuperseded() + ", failed " + j.failed(),
                remoteAddress);
    }

    /** One step of every running job this instance can lease; returns the dead letters handled. */
    public int step() {
        int handled = 0;
        for (long id : store.running()) {
            try {
                Integer n = tx.execute(s -> stepOne(id));
                handled += n == null ? 0 : n;
            } catch (RuntimeException e) {
                String error = Pii.maskText(String.valueOf(e.getMessage()));
                log.warn("Replay job #{} step failed, retried next step: {}", id, error);
                store.error(id, error, clock.instant());
            }
        }
        return handled;
    }

    /** In the step's transaction: lease, take up to rate dead letters after the read position, replay, count, move on. */
    private int stepOne(long id) {
        Instant now = clock.instant();
        // the lease runs a little less than a tick: the rate holds across instances, and a crashed one is replaced next tick
        if (!store.lease(id, instance, now, now.plus(tick.multipliedBy(9).dividedBy(10)))) {
            return 0;
        }
        ReplayJob j = store.find(id).orElseThrow();
        List<DeadLetter> batch = deliveries.deadLettersAfter(j.filter(), j.cursorId(), j.maxId(), j.ratePerSecond());
        long replayed = 0;
        long skipped = 0;
        long failed = 0;
        long cursor = j.cursorId();
        for (DeadLetter d : batch) {
            DeliveryStore.ReplayCandidate c = new DeliveryStore.ReplayCandidate(d.id(), d.source(), d.dossierCode(), d.version(),
                    d.target(), DeliveryState.DEAD, d.attempts(), d.lastError(), d.superseded());
            switch (deadLetters.replayOne(c, j.createdBy() + " (replay job #" + id + ")")) {
                case REPLAYED -> replayed++;
                case SUPERSEDED -> skipped++;
                default -> failed++;
            }
            cursor = d.id();
        }
        boolean done = batch.size() < j.ratePerSecond();
        if (!store.progress(id, j.cursorId(), cursor, replayed, skipped, failed, now)) {
            throw new IllegalStateException("replay job #" + id + " moved on concurrently");
        }
        if (done && store.transition(id, List.of(ReplayJob.RUNNING), ReplayJob.DONE, now)) {
            ReplayJob finished = store.find(id).orElseThrow();
            audited(HUB_USER, "replay.done", finished, null);
            log.info("Replay job #{} done: {} replayed, {} skipped as superseded, {} failed", id, finished.replayed(),
                    finished.skippedSuperseded(), finished.failed());
        }
        return batch.size();
    }
}
