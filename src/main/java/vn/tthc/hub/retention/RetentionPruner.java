package vn.tthc.hub.retention;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.retention.RetentionStore.Candidate;
import vn.tthc.hub.retention.RetentionStore.Counts;
import vn.tthc.hub.retention.RetentionStore.Key;
import vn.tthc.hub.retention.RetentionStore.Settled;

/**
 * Prunes the bodies of old versions in bounded blocks, each its own transaction. A version's body goes only when the
 * version is not its dossier's head, none of its deliveries is open (PENDING, FAILED or DEAD: a dead letter can be
 * replayed), it is not the latest version delivered to any target (the reconciliation compares that one), and it was
 * received and every delivery of it settled longer ago than the largest days of its source and of its targets. The
 * version row (hash, status, times), its deliveries and their attempts stay. A dry run counts and changes nothing.
 *
 * <p>Because only settled, superseded versions lose their body, nothing can send a pruned body again: a replay takes a
 * DEAD delivery (never pruned), a reconciliation heal or re-sync re-opens the latest delivery to a target (never
 * pruned), and a new version is always the head (never pruned).
 */
public class RetentionPruner {
    private static final Logger log = LoggerFactory.getLogger(RetentionPruner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LOCK_TTL = Duration.ofHours(6);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy/MM").withZone(ZoneOffset.UTC);

    private final RetentionStore store;
    private final TransactionTemplate tx;
    private final RetentionProperties props;
    private final Clock clock;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "retention");
        t.setDaemon(true);
        return t;
    });

    public RetentionPruner(RetentionStore store, TransactionTemplate tx, RetentionProperties props, Clock clock) {
        this.store = store;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    /** A second run while one is RUNNING (on any instance). */
    public static class BusyException extends RuntimeException {
        private final long runningId;

        public BusyException(long runningId) {
            super("a retention run is already running: " + runningId);
            this.runningId = runningId;
        }

        public long runningId() {
            return runningId;
        }
    }

    /** The scheduled run, in the caller's thread; nothing when disabled or while another runs. */
    public Optional<Long> scheduled() {
        if (!props.isEnabled()) {
            return Optional.empty();
        }
        try {
            long id = claim(new RetentionStore.Start("schedule", null, null, mode(), false));
            execute(id, false);
            return Optional.of(id);
        } catch (BusyException e) {
            log.warn("Scheduled retention run skipped: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Starts a run in the background (the API's); answers its id. */
    public long start(String trigger, String user, String reason, boolean dryRun) {
        long id = claim(new RetentionStore.Start(trigger, user, reason, mode(), dryRun));
        executor.submit(() -> execute(id, dryRun));
        return id;
    }

    /** Runs in the caller's thread (tests, the bench). */
    public long runNow(String trigger, boolean dryRun) {
        long id = claim(new RetentionStore.Start(trigger, null, null, mode(), dryRun));
        execute(id, dryRun);
        return id;
    }

    private String mode() {
        return props.getMode().name().toLowerCase(java.util.Locale.ROOT);
    }

    private long claim(RetentionStore.Start start) {
        for (int attempt = 0; ; attempt++) {
            try {
                return store.insertRunning(start, clock.instant());
            } catch (DataIntegrityViolationException e) {
                Optional<Map.Entry<Long, Instant>> running = store.running();
                if (running.isEmpty() && attempt == 0) {
                    continue;
                }
                if (running.isPresent() && attempt == 0 && running.get().getValue().isBefore(clock.instant().minus(LOCK_TTL))) {
                    store.finish(running.get().getKey(), "FAILED", Counts.NONE, null, "abandoned: still RUNNING after " + LOCK_TTL,
                            clock.instant());
                    continue;
                }
                throw new BusyException(running.map(Map.Entry::getKey).orElse(-1L));
            }
        }
    }

    private void execute(long id, boolean dryRun) {
        Tally t = new Tally();
        Key at = dryRun ? Key.START : store.resumePoint();
        Key resume = null;
        try {
            Instant now = clock.instant();
            int minDays = props.getDefaultDays();
            for (RetentionProperties.Partner p : props.getPartners().values()) {
                minDays = Math.min(minDays, p.getDays());
            }
            Instant receivedBefore = now.minus(Duration.ofDays(minDays));
            boolean archive = props.getMode() == RetentionProperties.Mode.ARCHIVE && !dryRun;
            while (true) {
                if (t.blocks >= props.getMaxBlocksPerRun()) {
                    resume = at;
                    break;
                }
                Key from = at;
                List<Candidate> block = store.block(from, receivedBefore, props.getBlockSize(), archive);
                if (block.isEmpty()) {
                    break;
                }
                t.blocks++;
                at = block.get(block.size() - 1).key();
                int blockNo = t.blocks;
                if (dryRun) {
                    decide(block, now, t);
                } else {
                    tx.executeWithoutResult(s -> pruneBlock(id, blockNo, block, now, archive, t));
                }
                store.progress(id, t.counts());
                if (block.size() < props.getBlockSize()) {
                    break;
                }
            }
            store.finish(id, "DONE", t.counts(), resume, null, clock.instant());
            log.info("Retention run {} done: {}", id, t.counts());
        } catch (RuntimeException e) {
            log.error("Retention run {} failed", id, e);
            store.finish(id, "FAILED", t.counts(), at, String.valueOf(e.getMessage()), clock.instant());
        }
    }

    /** Sorts a block into its skips and the versions whose body may go (counted as examined). */
    private List<Candidate> decide(List<Candidate> block, Instant now, Tally t) {
        Map<Key, List<Settled>> deliveries = new LinkedHashMap<>();
        Map<String, List<Candidate>> bySource = new LinkedHashMap<>();
        block.forEach(c -> bySource.computeIfAbsent(c.key().source(), k -> new ArrayList<>()).add(c));
        bySource.forEach((source, rows) -> deliveries.putAll(store.deliveries(source, rows.get(0).key().code(),
                rows.get(rows.size() - 1).key().code())));
        List<Candidate> prunable = new ArrayList<>();
        for (Candidate c : block) {
            t.examined++;
            if (c.open()) {
                t.skippedOpen++;
                continue;
            }
            if (c.latestToTarget()) {
                t.skippedLatest++;
                continue;
            }
            List<Settled> ds = deliveries.getOrDefault(c.key(), List.of());
            int days = props.daysOf(c.key().source());
            for (Settled d : ds) {
                days = Math.max(days, props.daysOf(d.target()));
            }
            Instant cutoff = now.minus(Duration.ofDays(days));
            boolean old = c.receivedAt().isBefore(cutoff) && ds.stream().allMatch(d -> d.at() != null && d.at().isBefore(cutoff));
            if (!old) {
                t.skippedRecent++;
                continue;
            }
            prunable.add(c);
            t.pruned++;
            t.bytes += c.bodyBytes();
        }
        return prunable;
    }

    private void pruneBlock(long runId, int blockNo, List<Candidate> block, Instant now, boolean archive, Tally t) {
        Tally before = t.copy();
        List<Candidate> prunable = decide(block, now, t);
        if (prunable.isEmpty()) {
            return;
        }
        Path file = archive ? archiveFile(runId, blockNo, now) : null;
        Path tmp = file == null ? null : file.resolveSibling(file.getFileName() + ".tmp");
        try {
            if (file != null) {
                write(tmp, prunable);
            }
            boolean[] done = store.prune(prunable.stream().map(Candidate::key).toList(), now, file == null ? null : file.toString());
            List<Candidate> gone = new ArrayList<>();
            for (int i = 0; i < done.length; i++) {
                if (done[i]) {
                    gone.add(prunable.get(i));
                }
            }
            if (gone.size() != prunable.size()) {
                // a version moved since the block was read (re-opened, a new head): left; the counts and file say so
                recount(block, gone, t, before);
                if (file != null) {
                    write(tmp, gone);
                }
            }
            if (file != null && !gone.isEmpty()) {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                fsyncDir(file.getParent());
                t.archived += gone.size();
                t.archiveFile = t.archiveFile == null ? file.toString() : t.archiveFile;
            } else if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            t.restore(before);
            deleteQuietly(tmp);
            throw new UncheckedIOException("archive " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            t.restore(before);
            deleteQuietly(tmp);
            throw e;
        }
    }

    /** The counts of a block some of whose versions moved between its read and its UPDATE (re-opened, a new head): counted as skipped recent. */
    private static void recount(List<Candidate> block, List<Candidate> gone, Tally t, Tally before) {
        Tally fresh = before.copy();
        fresh.examined += block.size();
        fresh.pruned += gone.size();
        fresh.bytes += gone.stream().mapToLong(Candidate::bodyBytes).sum();
        long skippedAlready = block.stream().filter(c -> c.open()).count();
        long latest = block.stream().filter(c -> !c.open() && c.latestToTarget()).count();
        fresh.skippedOpen += skippedAlready;
        fresh.skippedLatest += latest;
        fresh.skippedRecent += block.size() - gone.size() - skippedAlready - latest;
        t.restore(fresh);
    }

    private Path archiveFile(long runId, int blockNo, Instant now) {
        Path dir = Path.of(props.getArchiveDir()).resolve(MONTH.format(now));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("archive folder " + dir + ": " + e.getMessage(), e);
        }
        return dir.resolve("retention-" + runId + "-" + blockNo + ".jsonl.gz");
    }

    /** One JSON object per line (source, dossierCode, version, contentHash, receivedAt, body), gzip, forced to disk. */
    static void write(Path file, List<Candidate> rows) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = Channels.newOutputStream(ch);
            GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16);
            for (Candidate c : rows) {
                ObjectNode line = JSON.createObjectNode();
                line.put("source", c.key().source());
                line.put("dossierCode", c.key().code());
                line.put("version", c.key().version());
                line.put("contentHash", c.contentHash());
                line.put("receivedAt", c.receivedAt().toString());
                line.put("body", c.body());
                gz.write(JSON.writeValueAsBytes(line));
                gz.write('\n');
            }
            gz.finish();
            gz.flush();
            ch.force(true);
        }
    }

    private static void fsyncDir(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every file system lets a folder be opened for sync; the file itself is forced
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // best effort: a left .tmp file is a copy of bodies still in the database
            }
        }
    }

    /** The running counts of one run. */
    private static final class Tally {
        int blocks;
        long examined;
        long pruned;
        long archived;
        long skippedOpen;
        long skippedLatest;
        long skippedRecent;
        long bytes;
        String archiveFile;

        Counts counts() {
            return new Counts(blocks, examined, pruned, archived, skippedOpen, skippedLatest, skippedRecent, bytes, archiveFile);
        }

        Tally copy() {
            Tally c = new Tally();
            c.restore(this);
            return c;
        }

        void restore(Tally o) {
            blocks = o.blocks;
            examined = o.examined;
            pruned = o.pruned;
            archived = o.archived;
            skippedOpen = o.skippedOpen;
            skippedLatest = o.skippedLatest;
            skippedRecent = o.skippedRecent;
            bytes = o.bytes;
            archiveFile = o.archiveFile;
        }
    }
}
