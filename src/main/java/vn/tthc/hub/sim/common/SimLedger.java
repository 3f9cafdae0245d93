package vn.tthc.hub.sim.common;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A simulator's ledger: counters, a bounded ring of the last raw request bodies, and the applied
 * table that tells applied duplicates from wire duplicates.
 *
 * <p>An applied item is identified by (dossierKey, contentHash). Applying a pair that was applied
 * before is a <em>wire duplicate</em> when the simulator had deliberately not delivered a response
 * for it ({@link #markResponseLost}, after a DROP_AFTER_APPLY or HANG fault): the client could not
 * know it had been applied, so resending is correct. Each lost response excuses exactly one resend;
 * a resend without such an excuse is an <em>applied duplicate</em>, which the hub must never cause.
 *
 * <p>Counters: {@code received}, {@code applied} (new pairs only), {@code appliedDuplicates},
 * {@code wireDuplicates}, {@code rejected}, {@code outOfOrder}, {@code dossiers} (distinct dossier
 * keys applied), plus any extra counters named at construction. Counters are {@link LongAdder}s,
 * the table is a {@link ConcurrentHashMap} locked per dossier only, the ring is lock-free.
 */
public final class SimLedger {

    /** What {@link #apply(String, String)} found. */
    public enum ApplyResult { APPLIED, WIRE_DUPLICATE, APPLIED_DUPLICATE }

    public static final int DEFAULT_CAPACITY = 2000;

    /** Applied hashes of one dossier and the responses deliberately lost for them (guarded by itself). */
    private static final class Entry {
        final Set<String> hashes = new HashSet<>();
        final Map<String, Integer> lostResponses = new HashMap<>();
        String current;
    }

    private final int capacity;
    private final AtomicReferenceArray<String> ring;
    private final AtomicLong ringNext = new AtomicLong();

    private final LongAdder received = new LongAdder();
    private final LongAdder applied = new LongAdder();
    private final LongAdder appliedDuplicates = new LongAdder();
    private final LongAdder wireDuplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder dossiers = new LongAdder();
    private final Map<String, LongAdder> extra = new LinkedHashMap<>();

    private final ConcurrentHashMap<String, Entry> table = new ConcurrentHashMap<>();

    /** A ledger keeping the last {@value #DEFAULT_CAPACITY} request bodies. */
    public SimLedger() {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity      how many raw request bodies to keep (&ge; 1)
     * @param extraCounters names of simulator-specific counters (e.g. {@code logins}), shown in the
     *                      snapshot after the standard ones, starting at 0
     */
    public SimLedger(int capacity, String... extraCounters) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1");
        }
        this.capacity = capacity;
        this.ring = new AtomicReferenceArray<>(capacity);
        for (String name : extraCounters) {
            extra.put(name, new LongAdder());
        }
    }

    // ---- raw requests ------------------------------------------------------------------------

    /** Keeps a raw request body (the caller masks secrets first); the oldest falls out when full. */
    public void recordRequest(String body) {
        long seq = ringNext.getAndIncrement();
        ring.set((int) (seq % capacity), body);
    }

    /** How many raw requests were kept since the start or the last reset (every call, answered or faulted). */
    public long requestCount() {
        return ringNext.get();
    }

    /** The last {@code limit} raw request bodies, oldest first. */
    public List<String> lastRequests(int limit) {
        long end = ringNext.get();
        long n = Math.min(Math.min(Math.max(limit, 0), capacity), end);
        List<String> out = new ArrayList<>((int) n);
        for (long seq = end - n; seq < end; seq++) {
            String body = ring.get((int) (seq % capacity));
            if (body != null) {
                out.add(body);
            }
        }
        return out;
    }

    // ---- applied table -----------------------------------------------------------------------

    /**
     * Records that the simulator applied the item (dossierKey, contentHash) and classifies it.
     * {@code applied} counts only new pairs; duplicates count in their own counter.
     */
    public ApplyResult apply(String dossierKey, String contentHash) {
        Entry entry = table.computeIfAbsent(dossierKey, k -> new Entry());
        synchronized (entry) {
            if (entry.hashes.add(contentHash)) {
                if (entry.hashes.size() == 1) {
                    dossiers.increment();
                }
                applied.increment();
                return ApplyResult.APPLIED;
            }
            return repeated(entry, contentHash);
        }
    }

    /**
     * Applies a full-state upsert (the whole record replaces the stored one). Going back to an
     * earlier state is a real change (e.g. status 4 → 5 → 4), so the only duplicate is receiving the
     * state that is already current: a wire duplicate when the simulator had lost its answer to it,
     * an applied duplicate otherwise.
     */
    public ApplyResult applyState(String dossierKey, String contentHash) {
        Entry entry = table.computeIfAbsent(dossierKey, k -> new Entry());
        synchronized (entry) {
            if (!contentHash.equals(entry.current)) {
                if (entry.current == null && entry.hashes.isEmpty()) {
                    dossiers.increment();
                }
                entry.current = contentHash;
                entry.hashes.add(contentHash);
                applied.increment();
                return ApplyResult.APPLIED;
            }
            return repeated(entry, contentHash);
        }
    }

    /** A repeat is excused (wire duplicate) once per answer the simulator deliberately lost; otherwise it is an applied duplicate. */
    private ApplyResult repeated(Entry entry, String contentHash) {
        Integer lost = entry.lostResponses.get(contentHash);
        if (lost != null) {
            if (lost <= 1) {
                entry.lostResponses.remove(contentHash);
            } else {
                entry.lostResponses.put(contentHash, lost - 1);
            }
            wireDuplicates.increment();
            return ApplyResult.WIRE_DUPLICATE;
        }
        appliedDuplicates.increment();
        return ApplyResult.APPLIED_DUPLICATE;
    }

    /**
     * Records that the response to an applied (dossierKey, contentHash) was deliberately not
     * delivered, which excuses one later resend of it as a wire duplicate.
     */
    public void markResponseLost(String dossierKey, String contentHash) {
        Entry entry = table.computeIfAbsent(dossierKey, k -> new Entry());
        synchronized (entry) {
            entry.lostResponses.merge(contentHash, 1, Integer::sum);
        }
    }

    /** Drift: the target lost everything of this dossier, so applying it again is a first application. */
    public void forget(String dossierKey) {
        table.remove(dossierKey);
    }

    /** Drift: the target went back to an earlier state of this dossier (its current full state is now that one). */
    public void rollback(String dossierKey, String contentHash) {
        Entry entry = table.computeIfAbsent(dossierKey, k -> new Entry());
        synchronized (entry) {
            entry.current = contentHash;
        }
    }

    /** Drift: the target lost one applied item of this dossier (e.g. a step), so applying it again is a first application. */
    public void unapply(String dossierKey, String contentHash) {
        Entry entry = table.get(dossierKey);
        if (entry == null) {
            return;
        }
        synchronized (entry) {
            entry.hashes.remove(contentHash);
        }
    }

    /** Whether (dossierKey, contentHash) has been applied. */
    public boolean isApplied(String dossierKey, String contentHash) {
        Entry entry = table.get(dossierKey);
        if (entry == null) {
            return false;
        }
        synchronized (entry) {
            return entry.hashes.contains(contentHash);
        }
    }

    // ---- counters ----------------------------------------------------------------------------

    public void addReceived(long n) {
        received.add(n);
    }

    public void addRejected(long n) {
        rejected.add(n);
    }

    public void addOutOfOrder(long n) {
        outOfOrder.add(n);
    }

    /** Adds 1 to an extra counter named at construction. */
    public void increment(String counter) {
        add(counter, 1);
    }

    /** Adds {@code n} to an extra counter named at construction. */
    public void add(String counter, long n) {
        LongAdder adder = extra.get(counter);
        if (adder == null) {
            throw new IllegalArgumentException("unknown ledger counter: " + counter);
        }
        adder.add(n);
    }

    public long received() {
        return received.sum();
    }

    public long applied() {
        return applied.sum();
    }

    public long appliedDuplicates() {
        return appliedDuplicates.sum();
    }

    public long wireDuplicates() {
        return wireDuplicates.sum();
    }

    public long rejected() {
        return rejected.sum();
    }

    public long outOfOrder() {
        return outOfOrder.sum();
    }

    public long dossiers() {
        return dossiers.sum();
    }

    /** The value of any counter, standard or extra, by its snapshot name. */
    public long get(String counter) {
        Object v = snapshot().get(counter);
        if (v == null) {
            throw new IllegalArgumentException("unknown ledger counter: " + counter);
        }
        return (Long) v;
    }

    /**
     * The counters as a JSON-ready map: {@code received, applied, appliedDuplicates, rejected,
     * dossiers, wireDuplicates, outOfOrder}, then the extra counters.
     */
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("received", received.sum());
        m.put("applied", applied.sum());
        m.put("appliedDuplicates", appliedDuplicates.sum());
        m.put("rejected", rejected.sum());
        m.put("dossiers", dossiers.sum());
        m.put("wireDuplicates", wireDuplicates.sum());
        m.put("outOfOrder", outOfOrder.sum());
        extra.forEach((name, adder) -> m.put(name, adder.sum()));
        return Collections.unmodifiableMap(m);
    }

    /** Clears counters, the applied table and the request ring. */
    public void reset() {
        table.clear();
        for (LongAdder a : List.of(received, applied, appliedDuplicates, wireDuplicates, rejected, outOfOrder, dossiers)) {
            a.reset();
        }
        extra.values().forEach(LongAdder::reset);
        ringNext.set(0);
        for (int i = 0; i < capacity; i++) {
            ring.set(i, null);
        }
    }
}
