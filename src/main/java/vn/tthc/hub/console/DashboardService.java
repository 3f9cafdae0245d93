package vn.tthc.hub.console;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import vn.tthc.hub.alert.AlertProperties;
import vn.tthc.hub.alert.AlertService;
import vn.tthc.hub.alert.AlertStore;
import vn.tthc.hub.alert.Incident;
import vn.tthc.hub.alert.IncidentKey;
import vn.tthc.hub.alert.PartnerStatus;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.reconcile.ReconcileStore;
import vn.tthc.hub.sync.OutboxRelay;
import vn.tthc.hub.sync.PullRegistry;
import vn.tthc.hub.sync.SyncProperties;
import vn.tthc.hub.sync.TargetRegistry;
import vn.tthc.hub.sync.WatermarkStore;

/**
 * Computes the dashboard: one card per partner (every target, every pulled source that is not a target, and the NDXP
 * channel) from the delivery counts, the attempts of the last hour and day, the alerts' failing state, the broker's
 * queues, the pull schedules and the last reconciliation; and the time series of its charts. The whole answer is
 * cached for {@link #TTL}: every open screen refreshes every 10 s, the database is read at most once in that time.
 */
@Service
public class DashboardService {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DashboardService.class);
    static final Duration TTL = Duration.ofSeconds(3);
    /** The alerts' failing check reads this far back (alert.AlertService); the dashboard reads the same statuses. */
    static final Duration STATUS_LOOKBACK = Duration.ofHours(6);
    public static final String NDXP = "ndxp";
    public static final String COORDINATION = "coordination";

    /** A chart window: its length and bucket size (1 min over the hour, 30 min over the day). */
    public enum Window {
        HOUR(Duration.ofHours(1), 60), DAY(Duration.ofDays(1), 1800);

        final Duration length;
        final int bucketSeconds;

        Window(Duration length, int bucketSeconds) {
            this.length = length;
            this.bucketSeconds = bucketSeconds;
        }

        public int buckets() {
            return (int) (length.toSeconds() / bucketSeconds);
        }

        public static Window of(String s) {
            for (Window w : values()) {
                if (w.name().equalsIgnoreCase(s)) {
                    return w;
                }
            }
            throw ApiProblem.badRequest("window", "must be hour or day");
        }
    }

    /** The whole dashboard at one time. */
    public record Snapshot(Instant generatedAt, List<DashboardCard> partners) {
        public Optional<DashboardCard> card(String partner) {
            return partners.stream().filter(c -> c.partner().equals(partner)).findFirst();
        }
    }

    /** One chart bucket: its start, attempts, delivered, failed and error rate (null without attempts). */
    public record Point(Instant t, long attempts, long delivered, long failed, Double errorRate) {
    }

    /** The series of one partner's charts. */
    public record Series(String partner, String window, int bucketSeconds, Instant from, Instant to, List<Point> points) {
    }

    private final TargetRegistry targets;
    private final PullRegistry pulls;
    private final ConsoleQueries counts;
    private final WatermarkStore watermarks;
    private final DashboardQueries attempts;
    private final DashboardBroker broker;
    private final DashboardPulls schedules;
    private final AlertStore alertStore;
    private final AlertService alerts;
    private final AlertProperties alertProps;
    private final ReconcileStore reconciliations;
    private final MeterRegistry meters;
    private final Map<String, String> ministryNames;
    private final Clock clock;
    private final vn.tthc.hub.sync.PartnerCircuits circuits;
    private volatile Snapshot cached;
    private final java.util.concurrent.ConcurrentHashMap<String, Series> seriesCache = new java.util.concurrent.ConcurrentHashMap<>();

    public DashboardService(TargetRegistry targets, PullRegistry pulls, ConsoleQueries counts, WatermarkStore watermarks,
                            DashboardQueries attempts, DashboardBroker broker, DashboardPulls schedules, AlertStore alertStore,
                            AlertService alerts, AlertProperties alertProps, ReconcileStore reconciliations, MeterRegistry meters,
                            Environment env, Clock clock, vn.tthc.hub.sync.PartnerCircuits circuits) {
        this.circuits = circuits;
        this.targets = targets;
        this.pulls = pulls;
        this.counts = counts;
        this.watermarks = watermarks;
        this.attempts = attempts;
        this.broker = broker;
        this.schedules = schedules;
        this.alertStore = alertStore;
        this.alerts = alerts;
        this.alertProps = alertProps;
        this.reconciliations = reconciliations;
        this.meters = meters;
        this.clock = clock;
        // the ministries' own names (hub.ministries.<code>.name): read by key, their typed settings belong to the partner package
        Map<String, String> names = new LinkedHashMap<>();
        Binder.get(env).bind("hub.ministries", Bindable.mapOf(String.class, Object.class)).orElse(Map.of()).forEach((code, v) -> {
            if (v instanceof Map<?, ?> m && m.get("name") != null) {
                names.put(SyncProperties.MINISTRY_PREFIX + code, String.valueOf(m.get("name")));
            }
        });
        this.ministryNames = Map.copyOf(names);
    }

    /** The dashboard, at most {@link #TTL} old. */
    public Snapshot snapshot() {
        Snapshot s = cached;
        Instant now = clock.instant();
        if (s == null || !s.generatedAt().plus(TTL).isAfter(now)) {
            s = compute(now);
            cached = s;
        }
        return s;
    }

    /** Every partner id with a card, in the card order. */
    public List<String> partnerIds() {
        List<String> ids = new ArrayList<>(new LinkedHashSet<>(targets.allTargets()));
        pulls.ids().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        if (!ministryTargets().isEmpty()) {
            ids.add(NDXP);
        }
        ids.sort(Comparator.comparingInt(DashboardService::rank).thenComparing(Comparator.naturalOrder()));
        return ids;
    }

    /** Province first, then the ministries, the coordination system, NDXP, the portal, EMC, anything else. */
    static int rank(String id) {
        if (id.equals(TargetRegistry.ROUTED_SOURCE)) {
            return 0;
        }
        if (id.startsWith(SyncProperties.MINISTRY_PREFIX)) {
            return 1;
        }
        return switch (id) {
            case COORDINATION -> 2;
            case NDXP -> 3;
            case "dvcqg" -> 4;
            case "emc" -> 5;
            default -> 6;
        };
    }

    private List<String> ministryTargets() {
        return targets.allTargets().stream().filter(t -> t.startsWith(SyncProperties.MINISTRY_PREFIX)).sorted().toList();
    }

    Snapshot compute(Instant now) {
        List<String> targetIds = targets.allTargets();
        Map<String, StateCounts> byTarget = counts.countsByTarget();
        Map<String, StateCounts> bySource = counts.countsBySource();
        Rated rated = rates(now);
        Map<String, DashboardCard.Rates[]> rates = rated.rates();
        Map<String, Instant> lastOk = rated.lastSuccess();
        Map<String, DashboardCard.Health> health = guarded("failing state", () -> health(now), Map.of());
        Map<String, DashboardPulls.Schedule> pullSchedules = guarded("pull schedules", () -> schedules.schedules(now), Map.of());
        List<String> queues = new ArrayList<>();
        for (String t : targetIds) {
            queues.add(OutboxRelay.queueOf(t));
            queues.add(OutboxRelay.deadLetterQueueOf(t));
        }
        Map<String, DashboardBroker.Depth> depths = broker.depths(queues);
        Recon recon = guarded("last reconciliation", this::reconciliation, new Recon(null, Map.of(), null));
        List<DashboardCard> cards = new ArrayList<>();
        for (String id : partnerIds()) {
            boolean isTarget = targetIds.contains(id);
            boolean pulled = pulls.ids().contains(id);
            DashboardCard.Pull pull = pulled ? pull(id, pullSchedules.get(id)) : null;
            DashboardCard.Rates[] r = rates.getOrDefault(isTarget || id.equals(NDXP) ? id : "source:" + id, EMPTY);
            if (id.equals(NDXP)) {
                List<String> via = ministryTargets();
                StateCounts sum = StateCounts.NONE;
                Instant ok = null;
                for (String m : via) {
                    sum = plus(sum, byTarget.getOrDefault(m, StateCounts.NONE));
                    ok = later(ok, lastOk.get(m));
                }
                List<String> throughIt = new ArrayList<>(via);
                if (pulls.ids().contains(COORDINATION)) {
                    throughIt.add(COORDINATION);
                }
                cards.add(new DashboardCard(id, "channel", null, false, sum, r[0], r[1], channelHealth(via, health), ok, null, null,
                        null, token(), throughIt));
            } else if (isTarget) {
                DashboardBroker.Depth q = depths.get(OutboxRelay.queueOf(id));
                DashboardBroker.Depth dl = depths.get(OutboxRelay.deadLetterQueueOf(id));
                DashboardCard.Queue queue = new DashboardCard.Queue(OutboxRelay.queueOf(id), q == null ? null : q.messages(),
                        OutboxRelay.deadLetterQueueOf(id), dl == null ? null : dl.messages(), q == null ? "unavailable" : q.via());
                cards.add(new DashboardCard(id, "target", ministryNames.get(id), pulled, byTarget.getOrDefault(id, StateCounts.NONE),
                        r[0], r[1], health.getOrDefault(id, idle()), lastOk.get(id), queue, pull, recon.of(id), null, null,
                        circuits.label(id)));
            } else {
                cards.add(new DashboardCard(id, "source", ministryNames.get(id), true, bySource.getOrDefault(id, StateCounts.NONE),
                        r[0], r[1], null, lastOk.get("source:" + id), null, pull, recon.of(null), null, null));
            }
        }
        return new Snapshot(now, List.copyOf(cards));
    }

    /** A part of the dashboard that cannot be read is left out (and logged), the rest is still shown. */
    private static <T> T guarded(String what, java.util.function.Supplier<T> read, T otherwise) {
        try {
            return read.get();
        } catch (RuntimeException e) {
            log.warn("Dashboard: the {} could not be read: {}", what, e.toString());
            return otherwise;
        }
    }

    private static final DashboardCard.Rates NO_RATES = DashboardCard.Rates.of(0, 0);
    private static final DashboardCard.Rates[] EMPTY = {NO_RATES, NO_RATES};
    /** Per target id, per "source:<id>" and for NDXP: {last hour, last day}, and the last success in the day. */
    private record Rated(Map<String, DashboardCard.Rates[]> rates, Map<String, Instant> lastSuccess) {
    }

    private Rated rates(Instant now) {
        Map<String, DashboardCard.Rates[]> out = new LinkedHashMap<>();
        Map<String, Instant> ok = new LinkedHashMap<>();
        for (DashboardQueries.Totals t : attempts.totals(now.minus(Window.DAY.length), now.minus(Window.HOUR.length), now)) {
            DashboardCard.Rates h = DashboardCard.Rates.of(t.hourAttempts(), t.hourDelivered());
            DashboardCard.Rates d = DashboardCard.Rates.of(t.dayAttempts(), t.dayDelivered());
            List<String> keys = new ArrayList<>(List.of(t.target(), "source:" + t.source()));
            if (t.target().startsWith(SyncProperties.MINISTRY_PREFIX)) {
                keys.add(NDXP);
            }
            for (String k : keys) {
                DashboardCard.Rates[] r = out.getOrDefault(k, EMPTY);
                out.put(k, new DashboardCard.Rates[] {r[0].plus(h), r[1].plus(d)});
                ok.put(k, later(ok.get(k), t.lastSuccess()));
            }
        }
        return new Rated(out, ok);
    }

    /** The alerts' failing state of every target with attempts in the look-back, and the open failing incidents. */
    private Map<String, DashboardCard.Health> health(Instant now) {
        Map<String, Incident> incidents = new LinkedHashMap<>();
        for (Incident i : alerts.openIncidents()) {
            if (i.key().equals(IncidentKey.failing(i.key().partner())) && i.recoveredAt() == null) {
                incidents.put(i.key().partner(), i);
            }
        }
        Map<String, DashboardCard.Health> out = new LinkedHashMap<>();
        for (PartnerStatus s : alertStore.partnerStatuses(now.minus(STATUS_LOOKBACK))) {
            Incident open = incidents.get(s.partner());
            String error = s.lastError() == null ? null : Pii.maskText(s.lastError());
            String status;
            Instant since = null;
            if (open != null || s.failingAt(now, alertProps.failingAfterOf(s.partner()))) {
                status = DashboardCard.Health.FAILING;
                since = open != null ? open.since() : s.firstFailureAfterSuccess();
            } else if (s.failingAt(now, Duration.ZERO)) {
                status = DashboardCard.Health.DEGRADED;
                since = s.firstFailureAfterSuccess();
            } else {
                status = DashboardCard.Health.OK;
            }
            boolean failingNow = since != null;
            out.put(s.partner(), new DashboardCard.Health(status, since, failingNow ? error : null,
                    failingNow ? s.lastHttpStatus() : null, s.openDossiers(), open == null ? null : open.id()));
        }
        return out;
    }

    private static DashboardCard.Health idle() {
        return new DashboardCard.Health(DashboardCard.Health.IDLE, null, null, null, null, null);
    }

    /** NDXP fails when every ministry reached through it fails (since the last of them began); degraded when some do. */
    private static DashboardCard.Health channelHealth(List<String> via, Map<String, DashboardCard.Health> health) {
        List<DashboardCard.Health> known = via.stream().map(health::get).filter(h -> h != null).toList();
        if (known.isEmpty()) {
            return idle();
        }
        List<DashboardCard.Health> bad = known.stream().filter(h -> h.since() != null).toList();
        if (bad.isEmpty()) {
            return new DashboardCard.Health(DashboardCard.Health.OK, null, null, null, null, null);
        }
        boolean all = bad.size() == known.size() && bad.stream().allMatch(h -> DashboardCard.Health.FAILING.equals(h.status()));
        DashboardCard.Health latest = bad.stream().max(Comparator.comparing(DashboardCard.Health::since)).orElseThrow();
        DashboardCard.Health earliest = bad.stream().min(Comparator.comparing(DashboardCard.Health::since)).orElseThrow();
        return all
                ? new DashboardCard.Health(DashboardCard.Health.FAILING, latest.since(), latest.lastError(), latest.lastHttpStatus(), null, null)
                : new DashboardCard.Health(DashboardCard.Health.DEGRADED, earliest.since(), earliest.lastError(), earliest.lastHttpStatus(), null,
                        null);
    }

    private DashboardCard.Pull pull(String source, DashboardPulls.Schedule s) {
        String mark = watermarks.watermark(source).orElse(null);
        return s == null ? new DashboardCard.Pull(null, null, null, mark) : new DashboardCard.Pull(s.cron(), s.zone(), s.next(), mark);
    }

    /** The NDXP client's token counters since start (micrometer: hub.ndxp.token.*), when the client registered them. */
    private Map<String, Long> token() {
        Map<String, Long> out = new LinkedHashMap<>();
        for (String[] m : new String[][] {{"requests", "hub.ndxp.token.requests"}, {"failures", "hub.ndxp.token.failures"},
                {"unauthorizedRetries", "hub.ndxp.unauthorized.retries"}}) {
            Counter c = meters.find(m[1]).counter();
            if (c != null) {
                out.put(m[0], (long) c.count());
            }
        }
        return out.isEmpty() ? null : out;
    }

    /** The latest finished run with its per-target counts, and the id of one running now. */
    private record Recon(ReconcileStore.Run run, Map<String, Map<String, Long>> byTarget, Long running) {
        DashboardCard.Reconciliation of(String target) {
            if (run == null) {
                return running == null ? null : new DashboardCard.Reconciliation(0, null, null, 0, Map.of(), running);
            }
            Map<String, Long> cats = target == null ? Map.of() : byTarget.getOrDefault(target, Map.of());
            long n = cats.values().stream().mapToLong(Long::longValue).sum();
            return new DashboardCard.Reconciliation(run.id(), run.state(), run.finishedAt(), n, cats, running);
        }
    }

    private Recon reconciliation() {
        List<ReconcileStore.Run> runs = reconciliations.runs(5);
        Long running = runs.stream().filter(r -> r.finishedAt() == null).map(ReconcileStore.Run::id).findFirst().orElse(null);
        ReconcileStore.Run done = runs.stream().filter(r -> r.finishedAt() != null).findFirst().orElse(null);
        if (done == null) {
            return new Recon(null, Map.of(), running);
        }
        return new Recon(done, reconciliations.counts(done.id()).getOrDefault("target", Map.of()), running);
    }

    /** The chart series of a partner over a window, every bucket present (zero when nothing happened); at most {@link #TTL} old. */
    public Series series(String partner, Window w) {
        if (!partnerIds().contains(partner)) {
            throw ApiProblem.notFound("no partner " + partner);
        }
        Instant now = clock.instant();
        String key = partner + "/" + w;
        Series s = seriesCache.get(key);
        if (s == null || !s.to().plus(TTL).isAfter(now)) {
            s = computeSeries(partner, w, now);
            seriesCache.put(key, s);
        }
        return s;
    }

    private Series computeSeries(String partner, Window w, Instant now) {
        long size = w.bucketSeconds;
        long last = Math.floorDiv(now.getEpochSecond(), size);
        long first = last - w.buckets() + 1;
        Instant from = Instant.ofEpochSecond(first * size);
        List<String> of = partner.equals(NDXP) ? ministryTargets() : targets.allTargets().contains(partner) ? List.of(partner) : List.of();
        long[][] n = new long[w.buckets()][2];
        if (!(partner.equals(NDXP) && of.isEmpty())) {
            for (DashboardQueries.Bucket b : attempts.buckets(from, now.plusMillis(1), w.bucketSeconds, of, partner)) {
                int i = (int) (b.bucket() - first);
                if (i >= 0 && i < n.length) {
                    n[i][0] += b.attempts();
                    n[i][1] += b.delivered();
                }
            }
        }
        List<Point> points = new ArrayList<>(n.length);
        for (int i = 0; i < n.length; i++) {
            DashboardCard.Rates r = DashboardCard.Rates.of(n[i][0], n[i][1]);
            points.add(new Point(Instant.ofEpochSecond((first + i) * size), r.attempts(), r.delivered(), r.failed(), r.errorRate()));
        }
        return new Series(partner, w.name().toLowerCase(java.util.Locale.ROOT), w.bucketSeconds, from, now, points);
    }

    private static StateCounts plus(StateCounts a, StateCounts b) {
        return new StateCounts(a.pending() + b.pending(), a.failed() + b.failed(), a.delivered() + b.delivered(), a.dead() + b.dead());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    Set<String> targetIds() {
        return Set.copyOf(targets.allTargets());
    }
}
