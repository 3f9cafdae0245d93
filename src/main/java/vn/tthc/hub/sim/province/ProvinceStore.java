package vn.tthc.hub.sim.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import vn.tthc.hub.dossier.Status;
import vn.tthc.hub.sim.common.SimLedger;

/**
 * The province system's dossier store: every dossier's current record (kept as its JSON bytes),
 * its planned path and revision history, an index by (updatedDate, nationCode) for paged
 * incremental queries, and a queue of unfinished dossiers ordered by when their next step is due.
 * Locking is per dossier; every new revision is handed to a listener (the webhook pusher).
 */
public final class ProvinceStore {

    /** Reads and writes the stored records, which only this class produces (no strict checks needed). */
    private static final ObjectMapper INTERNAL = new ObjectMapper();

    /** Dossier codes carry a 4-digit counter per agency and day. */
    static final int MAX_PER_DAY = 9999;

    /** One page of dossier records (JSON bytes), Spring-style. */
    public record Page(List<byte[]> content, long totalElements, int number, int size) {
        public long totalPages() {
            return size == 0 ? 0 : (totalElements + size - 1) / size;
        }
    }

    public record AdvanceResult(int advanced, int remaining) {
    }

    /** One revision as the history endpoint shows it. */
    public record HistoryEntry(long revision, String status, String updatedDate) {
    }

    /**
     * The outcome of a write-back.
     *
     * @param applied    steps appended to the dossier's processes
     * @param duplicates steps already applied before (not appended again)
     * @param hashes     the content hash of every step of the request, in order
     */
    public record WriteBackResult(String nationCode, long revision, int applied, int duplicates, String statusId,
                                  List<String> hashes) {
    }

    /** Index key: updatedDate in epoch milliseconds, then nationCode. */
    record Key(long millis, String code) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparingLong(Key::millis).thenComparing(Key::code);

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    /** The current revision: its index key and compressed bytes, swapped as one. */
    private record Current(Key key, byte[] stored, long revision) {
    }

    /** One dossier; every field except {@code current} and {@code removed} is guarded by the entry itself. */
    private static final class Entry {
        final String code;
        final DossierPlan plan;
        final List<HistoryEntry> history = new ArrayList<>(6);
        int step;
        boolean external;
        long revision;
        Instant updated;
        Instant lastStepTime;
        Instant lastWriteBack;
        Key pendingKey;
        String statusId;
        /** The revision before the latest write-back that changed the dossier, what that write-back applied, and when it was. */
        Current beforeWriteBack;
        List<String> writeBackHashes = List.of();
        Instant lastWriteBackBefore;
        volatile Current current;
        volatile boolean removed;

        Entry(String code, DossierPlan plan) {
            this.code = code;
            this.plan = plan;
        }

        boolean finished() {
            return external || step >= plan.steps().size() - 1;
        }
    }

    private final ProvinceCatalogue catalogue;
    private final DossierGenerator generator;
    private final SimLedger ledger;
    private final Consumer<byte[]> onRevision;
    private final Clock clock;
    private final String agencyCode;
    private final String localPrefix;
    private final RecordCodec codec;

    private final ConcurrentHashMap<String, Entry> byCode = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Key, Entry> byUpdated = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Key, Entry> pending = new ConcurrentSkipListMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> dayCounters = new ConcurrentHashMap<>();
    private final AtomicInteger unfinished = new AtomicInteger();
    private final LongAdder generated = new LongAdder();
    private final LongAdder changes = new LongAdder();

    /**
     * @param onRevision called with the exact JSON bytes of every new revision (creation included),
     *                   under the dossier's lock so that revisions of one dossier arrive in order;
     *                   it must not block
     */
    public ProvinceStore(ProvinceCatalogue catalogue, DossierGenerator generator, SimLedger ledger,
                         Consumer<byte[]> onRevision, Clock clock, String agencyCode, String agencyName) {
        this.catalogue = catalogue;
        this.generator = generator;
        this.ledger = ledger;
        this.onRevision = onRevision;
        this.clock = clock;
        this.agencyCode = agencyCode;
        this.localPrefix = DossierGenerator.localPrefix(agencyName);
        this.codec = new RecordCodec(dictionary(generator, catalogue));
    }

    /** Typical records (a few generated dossiers played to the end) as the compression dictionary. */
    private static byte[] dictionary(DossierGenerator generator, ProvinceCatalogue catalogue) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        Instant t = Instant.parse("2026-01-05T01:00:00Z");
        for (DossierGenerator.Generated g : generator.generate(0x7A11L, 3, t, 0)) {
            ObjectNode d = g.record();
            d.put("code", "KHCN-260105-0001");
            d.put("nationCode", "000.00.00.H56-260105-0001");
            d.put("receiptNumber", "BN-260105-0001");
            d.put("updatedDate", ProvinceDates.millis(t));
            for (DossierPlan.Step step : g.plan().steps()) {
                DossierSteps.apply(d, step, t, g.plan(), catalogue);
            }
            out.writeBytes(write(d));
        }
        return out.toByteArray();
    }

    // ---- creation and evolution ----------------------------------------------------------------

    /**
     * Generates and stores {@code count} dossiers from {@code seed}; each starts at the first
     * status of its path and is pushed.
     *
     * @param ageDays 0: submitted now; otherwise back-dated up to that many days, with updatedDate
     *                equal to the submission time (so that only a back-fill query finds them)
     * @return the nationCodes, in creation order
     */
    public List<String> generate(long seed, int count, int ageDays) {
        return generate(seed, count, ageDays, ProvinceCatalogue.Selection.PROVINCE);
    }

    /**
     * Like {@link #generate(long, int, int)}, of the procedures of {@code selection} (handled by the
     * province, by a ministry system, or both, today).
     *
     * @throws IllegalArgumentException when no procedure is in the selection today
     */
    public List<String> generate(long seed, int count, int ageDays, ProvinceCatalogue.Selection selection) {
        return generate(seed, count, 0, ageDays, selection);
    }

    /**
     * Like {@link #generate(long, int, int, ProvinceCatalogue.Selection)}, submitted (and last changed) between
     * {@code ageDays} and {@code minAgeDays} days ago: a bulk of old dossiers for a back-fill benchmark.
     *
     * @throws IllegalArgumentException when no procedure is in the selection today, or the ages are out of order
     */
    public List<String> generate(long seed, int count, int minAgeDays, int ageDays, ProvinceCatalogue.Selection selection) {
        Instant now = clock.instant();
        List<String> codes = new ArrayList<>(count);
        generator.generate(seed, count, now, minAgeDays, ageDays, selection, g -> codes.add(create(g, now, ageDays > 0)));
        return codes;
    }

    private String create(DossierGenerator.Generated g, Instant now, boolean backDated) {
        Instant applied = g.appliedAt();
        String day = null;
        int n = 0;
        // more than 9,999 dossiers of one agency on one day spill to earlier days, so the code keeps 4 digits
        for (int back = 0; back <= 3660; back++) {
            Instant candidate = applied.minus(back, ChronoUnit.DAYS);
            String d = ProvinceDates.day(candidate);
            int c = dayCounters.computeIfAbsent(d, k -> new AtomicInteger()).incrementAndGet();
            if (c <= MAX_PER_DAY) {
                applied = candidate;
                day = d;
                n = c;
                break;
            }
        }
        if (day == null) {
            throw new IllegalStateException("no dossier number left for agency " + agencyCode);
        }
        String counter = String.format("%04d", n);
        String nationCode = agencyCode + "-" + day + "-" + counter;
        ObjectNode d = g.record();
        d.put("code", localPrefix + "-" + day + "-" + counter);
        d.put("nationCode", nationCode);
        d.put("receiptNumber", "BN-" + day + "-" + counter);
        Entry e = new Entry(nationCode, g.plan());
        synchronized (e) {
            DossierSteps.apply(d, g.plan().steps().get(0), applied, g.plan(), catalogue);
            e.lastStepTime = applied;
            Instant updated = backDated ? applied : now.truncatedTo(ChronoUnit.MILLIS);
            if (byCode.putIfAbsent(nationCode, e) != null) {
                throw new IllegalStateException("duplicate dossier code " + nationCode);
            }
            if (!e.finished()) {
                unfinished.incrementAndGet();
            }
            commit(e, d, updated, false);
            schedule(e);
        }
        generated.increment();
        return nationCode;
    }

    /**
     * Moves up to {@code max} unfinished dossiers one step along their paths, those whose next step
     * is due first (oldest) first.
     */
    public AdvanceResult advance(int max) {
        List<Entry> batch = new ArrayList<>(Math.min(Math.max(max, 0), 10_000));
        Iterator<Entry> it = pending.values().iterator();
        while (batch.size() < max && it.hasNext()) {
            batch.add(it.next());
        }
        int advanced = 0;
        for (Entry e : batch) {
            if (advanceOne(e)) {
                advanced++;
            }
        }
        return new AdvanceResult(advanced, unfinished.get());
    }

    /** Moves each named, unfinished dossier one step along its path (tests drive their own dossiers only); answers how many moved. */
    public int advance(java.util.Collection<String> codes) {
        int advanced = 0;
        for (String code : codes) {
            Entry e = byCode.get(code);
            if (e != null && advanceOne(e, true)) {
                advanced++;
            }
        }
        return advanced;
    }

    /**
     * Drift: up to {@code n} unfinished dossiers ({@code among} limits the candidates; null: all) take their next step
     * as a change the hub is never told about — not pushed, and dated at the dossier's previous change time, behind
     * any watermark that already passed it. Answers the codes changed.
     */
    public List<String> hide(int n, java.util.Set<String> among) {
        List<String> out = new ArrayList<>();
        for (String code : new java.util.TreeSet<>(among == null ? byCode.keySet() : among)) {
            if (out.size() >= n) {
                break;
            }
            Entry e = byCode.get(code);
            if (e != null && advanceOne(e, false)) {
                out.add(code);
            }
        }
        return out;
    }

    /**
     * Drift of the write-back target: up to {@code n} dossiers ({@code among} limits the candidates; null: all) lose the
     * latest write-back that changed them — the province serves again the revision it had before (its status, steps and
     * results, its revision number and updatedDate, so neither a pull nor the search sees a new change), as after a
     * restore from a backup; nothing is pushed. The steps of that write-back leave the ledger, so writing them again is
     * a first application, not a duplicate; the revision counter does not go back (the next change is a new revision).
     * Only dossiers with such a write-back are candidates. Answers the codes rolled back.
     */
    public List<String> staleWriteBack(int n, java.util.Set<String> among) {
        List<String> out = new ArrayList<>();
        for (String code : new java.util.TreeSet<>(among == null ? byCode.keySet() : among)) {
            if (out.size() >= n) {
                break;
            }
            Entry e = byCode.get(code);
            if (e == null) {
                continue;
            }
            synchronized (e) {
                Current before = e.beforeWriteBack;
                if (e.removed || before == null) {
                    continue;
                }
                Current now = e.current;
                // page() matches the index's key object by identity: an equal key keeps the one in the index
                Key key = now.key().equals(before.key()) ? now.key() : before.key();
                e.current = new Current(key, before.stored(), before.revision());
                byUpdated.put(key, e);
                if (key != now.key()) {
                    byUpdated.remove(now.key(), e);
                }
                JsonNode status = parse(codec.decode(before.stored())).path("dossierStatus").path("id");
                e.statusId = status.isValueNode() ? status.asText() : status.toString();
                e.writeBackHashes.forEach(h -> ledger.unapply(code, h));
                e.lastWriteBack = e.lastWriteBackBefore;
                e.beforeWriteBack = null;
                e.writeBackHashes = List.of();
                out.add(code);
            }
        }
        return out;
    }

    private boolean advanceOne(Entry e) {
        return advanceOne(e, true);
    }

    private boolean advanceOne(Entry e, boolean told) {
        synchronized (e) {
            if (e.removed || e.finished()) {
                return false;
            }
            DossierPlan.Step step = e.plan.steps().get(e.step + 1);
            ObjectNode d = parse(codec.decode(e.current.stored()));
            Instant now = clock.instant();
            Instant t = DossierSteps.stepTime(e.lastStepTime, step.gapMinutes(), now);
            DossierSteps.apply(d, step, t, e.plan, catalogue);
            e.step++;
            e.lastStepTime = t;
            unschedule(e);
            if (e.finished()) {
                unfinished.decrementAndGet();
            } else {
                schedule(e);
            }
            commit(e, d, told ? nextUpdate(e, now) : e.updated, true, true, told);
            return true;
        }
    }

    /**
     * Writes a new revision of {@code nationCode} whose fields listed in {@code set} are overwritten
     * with the given values, whatever they are (a key with dots, {@code applicant.phone}, reaches
     * into nested objects). The internal plan, revision counter and index are not affected.
     *
     * @return the new record
     */
    public byte[] mutate(String nationCode, ObjectNode set) {
        Entry e = require(nationCode);
        synchronized (e) {
            if (e.removed) {
                throw ProvinceApiException.notFound("no dossier " + nationCode);
            }
            ObjectNode d = parse(codec.decode(e.current.stored()));
            Instant updated = nextUpdate(e, clock.instant());
            d.put("revision", e.revision + 1);
            d.put("updatedDate", ProvinceDates.millis(updated));
            set.fields().forEachRemaining(f -> setPath(d, f.getKey(), f.getValue().deepCopy()));
            return commit(e, d, updated, true, false);
        }
    }

    /**
     * Applies a write-back: each step goes through the ledger (key nationCode, the step's hash);
     * new steps are appended to {@code processes}, steps seen before are counted, not appended
     * again. The status and new results are applied too. A dossier that receives a write-back has
     * its remaining planned steps dropped (its processing moved to the ministry system).
     *
     * @throws ProvinceApiException 404 for an unknown nationCode (no stub records)
     */
    public WriteBackResult writeBack(String nationCode, ProgressWriteBack wb) {
        Entry e = require(nationCode);
        synchronized (e) {
            if (e.removed) {
                throw ProvinceApiException.notFound("no dossier " + nationCode);
            }
            ObjectNode d = parse(codec.decode(e.current.stored()));
            Current before = e.current;
            Instant lastWriteBackBefore = e.lastWriteBack;
            int applied = 0;
            int duplicates = 0;
            List<String> hashes = new ArrayList<>(wb.steps().size());
            List<String> appliedHashes = new ArrayList<>(wb.steps().size());
            for (ProgressWriteBack.Step s : wb.steps()) {
                hashes.add(s.hash());
                if (ledger.apply(nationCode, s.hash()) != SimLedger.ApplyResult.APPLIED) {
                    duplicates++;
                    continue;
                }
                appliedHashes.add(s.hash());
                if (e.lastWriteBack != null && s.time().isBefore(e.lastWriteBack)) {
                    ledger.addOutOfOrder(1);
                } else {
                    e.lastWriteBack = s.time();
                }
                DossierSteps.addProcess(d, s.time(), s.actor(), s.position(), s.department(), s.content(),
                        catalogue.status(s.status()).id(), null);
                applied++;
            }
            boolean changed = applied > 0;
            if (wb.status() != null) {
                ProvinceCatalogue.StatusCode sc = catalogue.status(wb.status());
                if (!sc.id().equals(d.path("dossierStatus").path("id").asText(null))) {
                    DossierSteps.setStatus(d, sc);
                    String at = ProvinceDates.seconds(latestStepTime(wb, wb.status()));
                    if (wb.status() != Status.SUBMITTED && wb.status() != Status.REFUSED) {
                        // processed elsewhere: the dossier was received there, even if not at the province's desk
                        String firstStep = wb.steps().isEmpty() ? at : ProvinceDates.seconds(wb.steps().get(0).time());
                        setIfEmpty(d, "acceptedDate", firstStep);
                    }
                    switch (wb.status()) {
                        case Status.REFUSED -> setIfEmpty(d, "cancelledDate", at);
                        case Status.FINISHED -> setIfEmpty(d, "completedDate", at);
                        case Status.RETURNED -> {
                            setIfEmpty(d, "completedDate", at);
                            setIfEmpty(d, "returnedDate", at);
                        }
                        default -> {
                        }
                    }
                    changed = true;
                }
            }
            if (!wb.results().isEmpty()) {
                ArrayNode results = DossierSteps.results(d);
                for (ObjectNode r : wb.results()) {
                    if (!containsResult(results, r)) {
                        results.add(r.deepCopy());
                        changed = true;
                    }
                }
            }
            if (changed) {
                if (!e.finished()) {
                    unschedule(e);
                    unfinished.decrementAndGet();
                }
                e.external = true;
                commit(e, d, nextUpdate(e, clock.instant()), true);
                e.beforeWriteBack = before;
                e.writeBackHashes = List.copyOf(appliedHashes);
                e.lastWriteBackBefore = lastWriteBackBefore;
            }
            return new WriteBackResult(nationCode, e.revision, applied, duplicates, e.statusId, hashes);
        }
    }

    // ---- queries ------------------------------------------------------------------------------

    /** The current record of a dossier, or {@code null}. */
    public byte[] get(String nationCode) {
        Entry e = byCode.get(nationCode);
        return e == null || e.removed ? null : codec.decode(e.current.stored());
    }

    /**
     * Dossiers with {@code updatedDate >= from}, sorted by updatedDate then nationCode. A dossier
     * that changes while the page is read shows in the page of its new position only.
     */
    public Page page(Instant from, int page, int size) {
        long fromMillis = from.toEpochMilli();
        if (from.getNano() % 1_000_000 != 0) {
            fromMillis++; // updatedDate has millisecond precision
        }
        long skip = (long) page * size;
        long total = 0;
        List<byte[]> content = new ArrayList<>(Math.min(size, 1024));
        for (Map.Entry<Key, Entry> me : byUpdated.tailMap(new Key(fromMillis, ""), true).entrySet()) {
            Current c = me.getValue().current;
            if (c == null || c.key() != me.getKey()) {
                continue; // stale index entry of a dossier that is being re-indexed
            }
            if (total >= skip && content.size() < size) {
                content.add(codec.decode(c.stored()));
            }
            total++;
        }
        return new Page(content, total, page, size);
    }

    /** Every revision of a dossier, oldest first, or {@code null} when unknown. */
    public List<HistoryEntry> history(String nationCode) {
        Entry e = byCode.get(nationCode);
        if (e == null || e.removed) {
            return null;
        }
        synchronized (e) {
            return List.copyOf(e.history);
        }
    }

    /** {@code {"dossiers":n,"finished":k,"byStatus":{statusId:count}}}, every known status listed. */
    public Map<String, Object> summary() {
        Map<String, Long> byStatus = new TreeMap<>(Comparator.comparingInt(ProvinceStore::numericFirst).thenComparing(s -> s));
        for (String id : catalogue.statusIds()) {
            byStatus.put(id, 0L);
        }
        long dossiers = 0;
        long finished = 0;
        for (Entry e : byCode.values()) {
            synchronized (e) {
                if (e.removed) {
                    continue;
                }
                dossiers++;
                if (e.finished()) {
                    finished++;
                }
                byStatus.merge(String.valueOf(e.statusId), 1L, Long::sum);
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dossiers", dossiers);
        m.put("finished", finished);
        m.put("byStatus", new LinkedHashMap<>(byStatus));
        return m;
    }

    /** Dossiers not yet at the end of their path. */
    public int remaining() {
        return unfinished.get();
    }

    public int size() {
        return byCode.size();
    }

    public long generated() {
        return generated.sum();
    }

    public long changes() {
        return changes.sum();
    }

    /** Forgets every dossier, the day counters and the counters. */
    public void reset() {
        for (Entry e : byCode.values()) {
            synchronized (e) {
                e.removed = true;
            }
        }
        byCode.clear();
        byUpdated.clear();
        pending.clear();
        dayCounters.clear();
        unfinished.set(0);
        generated.reset();
        changes.reset();
    }

    // ---- internals ----------------------------------------------------------------------------

    private Entry require(String nationCode) {
        Entry e = byCode.get(nationCode);
        if (e == null) {
            throw ProvinceApiException.notFound("no dossier " + nationCode);
        }
        return e;
    }

    /** The updatedDate of a change: now, but strictly after the previous revision. */
    private static Instant nextUpdate(Entry e, Instant now) {
        Instant t = now.truncatedTo(ChronoUnit.MILLIS);
        Instant min = e.updated.plusMillis(1);
        return t.isBefore(min) ? min : t;
    }

    private void commit(Entry e, ObjectNode d, Instant updated, boolean change) {
        commit(e, d, updated, change, true);
    }


    private byte[] commit(Entry e, ObjectNode d, Instant updated, boolean change, boolean stamp) {
        return commit(e, d, updated, change, stamp, true);
    }

    /** Stores a new revision, re-indexes it, records its history and hands it to the listener unless hidden (caller holds the lock). */
    private byte[] commit(Entry e, ObjectNode d, Instant updated, boolean change, boolean stamp, boolean push) {
        long revision = e.revision + 1;
        if (stamp) {
            d.put("revision", revision);
            d.put("updatedDate", ProvinceDates.millis(updated));
        }
        byte[] json = write(d);
        Current old = e.current;
        Key key = new Key(updated.toEpochMilli(), e.code);
        if (old != null && old.key().equals(key)) {
            // a revision at the same change time (a hidden change) keeps the index's key object, which page() matches by identity
            key = old.key();
        }
        e.current = new Current(key, codec.encode(json), revision);
        byUpdated.put(key, e);
        if (old != null && !old.key().equals(key)) {
            byUpdated.remove(old.key(), e);
        }
        e.revision = revision;
        e.updated = updated;
        JsonNode status = d.path("dossierStatus").path("id");
        e.statusId = status.isValueNode() ? status.asText() : status.toString();
        JsonNode updatedDate = d.path("updatedDate");
        e.history.add(new HistoryEntry(revision, e.statusId, updatedDate.isValueNode() ? updatedDate.asText() : updatedDate.toString()));
        if (change) {
            changes.increment();
        }
        if (push) {
            onRevision.accept(json);
        }
        return json;
    }

    private void schedule(Entry e) {
        if (e.finished()) {
            return;
        }
        DossierPlan.Step next = e.plan.steps().get(e.step + 1);
        e.pendingKey = new Key(e.lastStepTime.plusSeconds(next.gapMinutes() * 60).toEpochMilli(), e.code);
        pending.put(e.pendingKey, e);
    }

    private void unschedule(Entry e) {
        if (e.pendingKey != null) {
            pending.remove(e.pendingKey, e);
            e.pendingKey = null;
        }
    }

    private Instant latestStepTime(ProgressWriteBack wb, int status) {
        Instant latest = null;
        for (ProgressWriteBack.Step s : wb.steps()) {
            if (s.status() == status && (latest == null || s.time().isAfter(latest))) {
                latest = s.time();
            }
        }
        return latest != null ? latest : ProvinceDates.wholeSeconds(clock.instant());
    }

    private static void setIfEmpty(ObjectNode d, String field, String value) {
        JsonNode n = d.get(field);
        if (n == null || n.isNull() || n.asText().isEmpty()) {
            d.put(field, value);
        }
    }

    private static boolean containsResult(ArrayNode results, ObjectNode r) {
        for (JsonNode existing : results) {
            if (r.path("url").asText().equals(existing.path("url").asText())) {
                return true;
            }
            String id = r.path("id").asText(null);
            if (id != null && id.equals(existing.path("id").asText(null))) {
                return true;
            }
        }
        return false;
    }

    /** Sets {@code path} ("a" or "a.b.c") in {@code d}, creating (or replacing non-object) parents. */
    private static void setPath(ObjectNode d, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode parent = d;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = parent.get(parts[i]);
            parent = child instanceof ObjectNode o ? o : parent.putObject(parts[i]);
        }
        parent.set(parts[parts.length - 1], value);
    }

    private static int numericFirst(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) INTERNAL.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] write(ObjectNode d) {
        try {
            return INTERNAL.writeValueAsBytes(d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
