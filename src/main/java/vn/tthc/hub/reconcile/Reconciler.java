package vn.tthc.hub.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import vn.tthc.hub.reconcile.Comparison.DeliveryView;
import vn.tthc.hub.reconcile.Comparison.Finding;
import vn.tthc.hub.reconcile.Comparison.HubView;
import vn.tthc.hub.reconcile.Comparison.SourceView;
import vn.tthc.hub.sync.DeliveryStore;
import vn.tthc.hub.sync.IntakeResult;
import vn.tthc.hub.sync.IntakeService;
import vn.tthc.hub.sync.PullRegistry;
import vn.tthc.hub.sync.ReconciliationListener;
import vn.tthc.hub.sync.SourceListing;
import vn.tthc.hub.sync.TargetLookup;
import vn.tthc.hub.sync.TargetLookup.Held;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * Runs a reconciliation over a window: streams the sources' listings and the hub's heads changed in the window in
 * batches, asks each target with a look-up (paced), compares the three views per dossier ({@link Comparison}), heals what
 * the normal path can repair (a source change the hub never stored goes through intake; a target that lost or changed a
 * delivered version gets that delivery re-queued), bounded per run, and stores every difference and the counts.
 */
@Service
public class Reconciler {
    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    static final String CHANNEL = "reconcile";

    private final ReconcileStore store;
    private final List<SourceListing> listings;
    private final Map<String, TargetLookup> lookups = new TreeMap<>();
    private final Map<String, Pacer> pacers = new HashMap<>();
    private final TargetRegistry targets;
    private final IntakeService intake;
    private final DeliveryStore deliveries;
    private final ReconcileProperties props;
    private final Clock clock;
    private final List<ReconciliationListener> listeners;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "reconcile");
        t.setDaemon(true);
        return t;
    });

    /** Every pull feed is a source listing (province, each ministry system, coordination): the same pages as its pull. */
    @Autowired
    public Reconciler(ReconcileStore store, PullRegistry pulls, List<TargetLookup> lookups, TargetRegistry targets,
                      IntakeService intake, DeliveryStore deliveries, ReconcileProperties props, Clock clock,
                      List<ReconciliationListener> listeners) {
        this(store, pulls.listings(), lookups, targets, intake, deliveries, props, clock, listeners);
    }

    public Reconciler(ReconcileStore store, List<SourceListing> listings, List<TargetLookup> lookups, TargetRegistry targets,
                      IntakeService intake, DeliveryStore deliveries, ReconcileProperties props, Clock clock,
                      List<ReconciliationListener> listeners) {
        this.store = store;
        this.listeners = listeners;
        this.listings = listings;
        this.targets = targets;
        this.intake = intake;
        this.deliveries = deliveries;
        this.props = props;
        this.clock = clock;
        for (TargetLookup l : lookups) {
            this.lookups.put(l.target(), l);
            this.pacers.put(l.target(), new Pacer(props.getLookupsPerSecond()));
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** Starts a run over [from, to] in the background and answers its id. */
    public long start(Instant from, Instant to, String trigger) {
        return start(from, to, new ReconcileStore.Start(trigger, null, null, true));
    }

    /**
     * Starts a run over [from, to] in the background, noting who started it and why; a run that does not heal only
     * reports (each difference is then re-synced by a person, {@link DifferenceResync}).
     */
    public long start(Instant from, Instant to, ReconcileStore.Start start) {
        long id = claim(from, to, start);
        executor.submit(() -> execute(id, from, to, start.heal()));
        return id;
    }

    /** The nightly run over the default window, in the caller's thread (the scheduler's); skipped while another runs. */
    public Optional<Long> nightly() {
        Instant now = clock.instant();
        long id;
        try {
            id = claim(now.minus(props.getWindow()), now, new ReconcileStore.Start("nightly", null, null, true));
        } catch (ReconcileBusyException e) {
            log.warn("Nightly reconciliation skipped: {}", e.getMessage());
            return Optional.empty();
        }
        execute(id, now.minus(props.getWindow()), now);
        return Optional.of(id);
    }

    /** Inserts the RUNNING row; a RUNNING row older than the lock's time-to-live is taken for a dead instance's and failed. */
    private long claim(Instant from, Instant to, ReconcileStore.Start trigger) {
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from is after to");
        }
        for (int attempt = 0; ; attempt++) {
            try {
                return store.insertRunning(trigger, from, to, clock.instant());
            } catch (DataIntegrityViolationException e) {
                Optional<Map.Entry<Long, Instant>> running = store.running();
                if (running.isEmpty() && attempt == 0) {
                    continue;
                }
                if (running.isPresent() && attempt == 0 && running.get().getValue().isBefore(clock.instant().minus(props.getLockTtl()))) {
                    store.finish(running.get().getKey(), "FAILED", 0, 0, null, "abandoned: still RUNNING after " + props.getLockTtl(),
                            clock.instant());
                    continue;
                }
                throw new ReconcileBusyException(running.map(Map.Entry::getKey).orElse(-1L));
            }
        }
    }

    /** One run's progress, owned by its thread. */
    private final class RunState {
        final long id;
        final Instant now;
        final Set<String> seen = new HashSet<>();
        final Map<String, Map<String, Map<Category, Long>>> counts = new LinkedHashMap<>();
        final Map<String, Long> lookupErrors = new TreeMap<>();
        final List<ReconcileStore.Difference> pending = new ArrayList<>();
        final Map<String, long[]> byPartner = new TreeMap<>();
        long checked;
        long healed;
        long inFlight;
        final boolean heal;
        int healsLeft;

        RunState(long id, Instant now, boolean heal) {
            this.id = id;
            this.now = now;
            this.heal = heal;
            this.healsLeft = heal ? props.getMaxHeals() : 0;
            for (String dimension : new String[] {"category", "target", "procedure", "agency"}) {
                counts.put(dimension, new TreeMap<>());
            }
            // every category is answered, 0 when none was found
            for (Category c : Category.values()) {
                counts.get("category").computeIfAbsent(c.key(), k -> new EnumMap<>(Category.class)).put(c, 0L);
            }
        }

        void count(String dimension, String key, Category c) {
            Map<Category, Long> m = counts.get(dimension).computeIfAbsent(key == null ? "-" : key, k -> new EnumMap<>(Category.class));
            m.merge(c, 1L, Long::sum);
        }

        void flush() {
            store.insertDifferences(pending);
            pending.clear();
            // what the console shows while the run goes on
            store.progress(id, checked, healed);
        }
    }

    void execute(long id, Instant from, Instant to) {
        execute(id, from, to, true);
    }

    void execute(long id, Instant from, Instant to, boolean heal) {
        RunState st = new RunState(id, clock.instant(), heal);
        try {
            for (SourceListing listing : listings) {
                listing.changed(from, to, page -> sourcePage(st, listing, page));
            }
            for (String source : store.sources()) {
                String afterCode = "";
                while (true) {
                    List<ReconcileStore.Head> batch = store.headsChanged(source, from, to, afterCode, props.getBatchSize());
                    if (batch.isEmpty()) {
                        break;
                    }
                    String lastCode = batch.get(batch.size() - 1).code();
                    Map<String, List<DeliveryView>> dels = store.latestDeliveries(source, afterCode, lastCode);
                    for (ReconcileStore.Head h : batch) {
                        // a dossier its source listed was checked with that listing's view
                        if (!st.seen.contains(source + '\u0000' + h.code())) {
                            check(st, source, h.code(), null, h.view(), dels.getOrDefault(h.code(), List.of()), null, null, null);
                        }
                    }
                    st.flush();
                    afterCode = lastCode;
                }
            }
            st.flush();
            store.insertCounts(id, st.counts);
            store.finish(id, "DONE", st.checked, st.healed, unchecked(st), null, clock.instant());
            log.info("Reconciliation #{} over [{}, {}]: {} checked, {} healed, counts {}", id, from, to, st.checked, st.healed,
                    st.counts.get("category"));
            tell(id, st);
        } catch (RuntimeException e) {
            log.error("Reconciliation #{} failed", id, e);
            try {
                st.flush();
                store.insertCounts(id, st.counts);
            } catch (RuntimeException ignored) {
                // the run is failed anyway; what could be kept was kept
            }
            store.finish(id, "FAILED", st.checked, st.healed, unchecked(st), e.getClass().getSimpleName() + ": " + e.getMessage(),
                    clock.instant());
        }
    }

    private void tell(long id, RunState st) {
        Map<String, ReconciliationListener.Outcome> outcomes = new TreeMap<>();
        st.byPartner.forEach((partner, n) -> outcomes.put(partner, new ReconciliationListener.Outcome(n[0], n[1])));
        for (ReconciliationListener l : listeners) {
            try {
                l.onRun(id, outcomes);
            } catch (RuntimeException e) {
                log.warn("Reconciliation #{}: listener {} failed", id, l.getClass().getSimpleName(), e);
            }
        }
    }

    /**
     * The findings that still hold when the hub's records are read again: a dossier that moved while it was being
     * compared (a newer version stored, a delivery made or retried between the read and the target's answer) is in
     * flight, not out of sync — reporting it would be a false positive, and healing it would re-send for nothing. The
     * next run compares it settled.
     */
    private List<Finding> settled(RunState st, String source, String code, HubView hub, List<Finding> findings) {
        HubView headNow = store.heads(source, List.of(code)).get(code);
        Map<String, DeliveryView> latestNow = new HashMap<>();
        store.latestDeliveries(source, List.of(code)).getOrDefault(code, List.of()).forEach(d -> latestNow.put(d.target(), d));
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            boolean moved = f.target() == null
                    ? !java.util.Objects.equals(hub, headNow)
                    : !java.util.Objects.equals(f.delivery(), latestNow.get(f.target()));
            if (moved) {
                st.inFlight++;
            } else {
                out.add(f);
            }
        }
        return out;
    }

    /** Targets compared on the hub's side only (no look-up), and look-ups that failed. */
    private String unchecked(RunState st) {
        List<String> notes = new ArrayList<>();
        for (String t : new java.util.TreeSet<>(targets.allTargets())) {
            if (!lookups.containsKey(t)) {
                notes.add(t + ": no look-up (hub side only)");
            }
        }
        st.lookupErrors.forEach((t, n) -> notes.add(t + ": " + n + " look-up(s) failed"));
        if (st.inFlight > 0) {
            notes.add(st.inFlight + " difference(s) not reported: the dossier changed during the run (compared again next run)");
        }
        return String.join("; ", notes);
    }

    private void sourcePage(RunState st, SourceListing listing, List<JsonNode> page) {
        // the listing is sorted by change time: a later record of the same dossier in the page wins
        Map<String, IntakeService.Digest> digests = new LinkedHashMap<>();
        Map<String, JsonNode> records = new HashMap<>();
        for (JsonNode r : page) {
            intake.digest(listing.mapping(), r).ifPresent(d -> {
                digests.put(d.code(), d);
                records.put(d.code(), r);
            });
            // a record intake would refuse is in quarantine already (the pull read it): not a reconciliation difference
        }
        List<String> codes = new ArrayList<>();
        for (String code : digests.keySet()) {
            if (st.seen.add(listing.source() + '\u0000' + code)) {
                codes.add(code);
            }
        }
        for (int i = 0; i < codes.size(); i += props.getBatchSize()) {
            List<String> batch = codes.subList(i, Math.min(codes.size(), i + props.getBatchSize()));
            Map<String, HubView> heads = store.heads(listing.source(), batch);
            Map<String, List<DeliveryView>> dels = store.latestDeliveries(listing.source(), batch);
            for (String code : batch) {
                IntakeService.Digest d = digests.get(code);
                check(st, listing.source(), code, new SourceView(d.version(), d.status(), d.contentHash()), heads.get(code),
                        dels.getOrDefault(code, List.of()), records.get(code), listing, d);
            }
            st.flush();
        }
    }

    private void check(RunState st, String source, String code, SourceView sv, HubView hub, List<DeliveryView> latest, JsonNode record,
                       SourceListing listing, IntakeService.Digest digest) {
        st.checked++;
        Map<String, Held> held = new HashMap<>();
        for (DeliveryView d : latest) {
            TargetLookup lookup = lookups.get(d.target());
            if (lookup == null || d.state() != vn.tthc.hub.sync.DeliveryState.DELIVERED) {
                continue;
            }
            pacers.get(d.target()).acquire();
            try {
                held.put(d.target(), lookup.held(source, code, d.version()));
            } catch (RuntimeException e) {
                st.lookupErrors.merge(d.target(), 1L, Long::sum);
                log.debug("Reconciliation look-up of {} at {} failed: {}", code, d.target(), e.getMessage());
            }
        }
        List<Finding> findings = Comparison.compare(sv, hub, latest, held, st.now, props.getStuckAfter());
        if (!findings.isEmpty()) {
            findings = settled(st, source, code, hub, findings);
        }
        for (Finding f : findings) {
            String action = null;
            boolean healed = false;
            if (f.category().healable() && !st.heal) {
                action = "not healed: report-only run (re-sync it from the console)";
            } else if (f.category().healable() && st.healsLeft <= 0) {
                action = "not healed: heal budget of the run used up (hub.reconcile.max-heals)";
            } else if (f.category() == Category.MISSING_IN_HUB && record != null) {
                st.healsLeft--;
                IntakeResult r = intake.acceptAll(source, CHANNEL, List.of(new IntakeService.Inbound(record, record.toString(),
                        "application/json")), listing.mapping()).get(0);
                healed = r.outcome() == IntakeResult.Outcome.STORED;
                action = healed ? "stored v" + r.version() + " through intake" : "intake answered " + r.outcome();
            } else if (f.target() != null && f.category().healable() && lookups.containsKey(f.target())) {
                st.healsLeft--;
                Optional<Long> reopened = deliveries.reopenLatestDelivered(source, code, f.target(), clock.instant());
                healed = reopened.isPresent();
                action = healed ? "re-queued delivery #" + reopened.get() : "not re-queued: the latest delivery is no longer DELIVERED";
            } else if (!f.category().healable()) {
                action = "reported (needs a person: replay or fix at the target)";
            }
            if (healed) {
                st.healed++;
            }
            long[] partner = st.byPartner.computeIfAbsent(f.target() == null ? source : f.target(), k -> new long[2]);
            partner[0]++;
            partner[1] += healed ? 1 : 0;
            // a dossier the hub never stored is counted under the procedure and agency the source names
            String procedure = hub != null ? hub.procedureCode() : digest != null ? digest.procedureCode() : null;
            String agency = hub != null ? hub.agencyCode() : digest != null ? digest.agencyCode() : null;
            st.count("category", f.category().key(), f.category());
            st.count("target", f.target() == null ? "hub" : f.target(), f.category());
            st.count("procedure", procedure, f.category());
            st.count("agency", agency, f.category());
            st.pending.add(new ReconcileStore.Difference(0, st.id, f.category(), source, code, f.target(), procedure, agency,
                    sv == null ? null : sv.version(), sv == null ? null : sv.status(), hub == null ? null : hub.version(),
                    hub == null ? null : hub.status(), f.delivery() == null ? null : f.delivery().id(),
                    f.delivery() == null ? null : f.delivery().state().name(), f.held() == null ? null : f.held().status(),
                    f.detail(), healed, action));
        }
    }
}
