package vn.tthc.hub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.sync.DeliveryState;

/**
 * The SELECTs behind the dossier search, the timeline and the payload view, read straight from the sync tables.
 *
 * <p>Every query goes through an index: the search's code prefix is a plain {@code LIKE 'prefix%'} on
 * {@code dossier.code} (no function around the column), the partner and state filters are EXISTS over the
 * {@code (source, code)} primary key and {@code delivery(dossier_code)}; a timeline reads the versions by their primary
 * key (the sources first, from {@code dossier(code)}), the deliveries by {@code delivery(dossier_code)}, their attempts
 * by {@code delivery_attempt(delivery_id)} and the quarantine by {@code quarantine(dossier_code)} (V14).
 */
@Repository
public class DossierQueries {
    /** Worst first: a dead delivery needs a person, a failed one is being retried, a pending one is on its way. */
    static final List<String> WORST_FIRST = List.of(DeliveryState.DEAD.name(), DeliveryState.FAILED.name(), DeliveryState.PENDING.name(),
            DeliveryState.DELIVERED.name());
    static final int SUMMARY_IN_LIST = 160;
    private final NamedParameterJdbcTemplate jdbc;

    public DossierQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * One page of dossiers matching the filter, one row per dossier code, the most recently updated first (then by code).
     * A dossier matches when one of its source rows matches the code, procedure, agency, status and date filters; its
     * last update is the newest {@code updated_at} of those rows.
     */
    public Paged<DossierSearchItem> search(DossierFilter f, int page, int size) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(f, p);
        long total = jdbc.queryForObject("SELECT COUNT(DISTINCT d.code) FROM dossier d" + where, p, Long.class);
        if (total == 0) {
            return Paged.of(List.of(), page, size, 0);
        }
        p.addValue("limit", size).addValue("offset", Paged.offset(page, size));
        Map<String, Instant> codes = new LinkedHashMap<>();
        jdbc.query("SELECT d.code, MAX(d.updated_at) AS last_update FROM dossier d" + where
                + " GROUP BY d.code ORDER BY last_update DESC, d.code LIMIT :limit OFFSET :offset", p,
                rs -> {
                    codes.put(rs.getString("code"), instant(rs, "last_update"));
                });
        if (codes.isEmpty()) {
            return Paged.of(List.of(), page, size, total);
        }
        return Paged.of(items(codes), page, size, total);
    }

    private static String where(DossierFilter f, MapSqlParameterSource p) {
        // filters are added only when given: PostgreSQL cannot type a bare NULL parameter
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (f.codePrefix() != null) {
            w.append(" AND d.code LIKE :code ESCAPE '\\'");
            p.addValue("code", f.codeLike());
        }
        if (f.procedure() != null) {
            w.append(" AND d.procedure_code = :procedure");
            p.addValue("procedure", f.procedure());
        }
        if (f.agency() != null) {
            w.append(" AND d.agency_code = :agency");
            p.addValue("agency", f.agency());
        }
        if (f.status() != null) {
            w.append(" AND d.status = :status");
            p.addValue("status", f.status());
        }
        if (f.partner() != null) {
            w.append(" AND (EXISTS (SELECT 1 FROM dossier s WHERE s.source = :partner AND s.code = d.code)"
                    + " OR EXISTS (SELECT 1 FROM delivery t WHERE t.dossier_code = d.code AND t.target = :partner))");
            p.addValue("partner", f.partner());
        }
        if (f.state() != null) {
            w.append(" AND EXISTS (SELECT 1 FROM delivery x WHERE x.dossier_code = d.code AND x.state = :state");
            if (f.partner() != null) {
                // "failing at the portal": the state of a delivery to (or from) that partner
                w.append(" AND (x.target = :partner OR x.source = :partner)");
            }
            w.append(')');
            p.addValue("state", f.state());
        }
        if (f.from() != null) {
            w.append(" AND d.updated_at >= :from");
            p.addValue("from", ts(f.fromInstant()));
        }
        if (f.to() != null) {
            w.append(" AND d.updated_at < :to");
            p.addValue("to", ts(f.toExclusive()));
        }
        return w.toString();
    }

    private record Row(String source, String code, long version, int status, String procedure, String agency) {
    }

    /** The page's rows, in the page's order: every source row of the codes, their delivery counts, the head's summary. */
    private List<DossierSearchItem> items(Map<String, Instant> codes) {
        MapSqlParameterSource p = new MapSqlParameterSource("codes", List.copyOf(codes.keySet()));
        Map<String, List<Row>> rows = new HashMap<>();
        jdbc.query("""
                SELECT source, code, version, status, procedure_code, agency_code FROM dossier WHERE code IN (:codes)
                ORDER BY created_at, source""", p, rs -> {
                    Row r = new Row(rs.getString("source"), rs.getString("code"), rs.getLong("version"), rs.getInt("status"),
                            rs.getString("procedure_code"), rs.getString("agency_code"));
                    rows.computeIfAbsent(r.code(), c -> new ArrayList<>()).add(r);
                });
        Map<String, Map<String, Long>> counts = new HashMap<>();
        jdbc.query("SELECT dossier_code, state, COUNT(*) AS n FROM delivery WHERE dossier_code IN (:codes) GROUP BY dossier_code, state", p,
                rs -> {
                    counts.computeIfAbsent(rs.getString("dossier_code"), c -> new HashMap<>()).put(rs.getString("state"), rs.getLong("n"));
                });
        Map<String, String> summaries = new HashMap<>();
        jdbc.query("""
                SELECT d.code, d.source, v.body FROM dossier d
                JOIN dossier_version v ON v.source = d.source AND v.dossier_code = d.code AND v.version = d.version
                WHERE d.code IN (:codes)""", p, rs -> {
                    List<Row> of = rows.get(rs.getString("code"));
                    if (of != null && of.get(0).source().equals(rs.getString("source"))) {
                        summaries.put(rs.getString("code"), listSummary(readBody(rs.getString("body")).path("summary").asText(null)));
                    }
                });
        List<DossierSearchItem> out = new ArrayList<>();
        codes.forEach((code, updated) -> {
            List<Row> of = rows.getOrDefault(code, List.of());
            if (of.isEmpty()) {
                return; // gone between the two reads
            }
            Row head = of.get(0);
            Map<String, Long> byState = counts.getOrDefault(code, Map.of());
            out.add(new DossierSearchItem(code, firstNonNull(of, Row::procedure), firstNonNull(of, Row::agency), head.status(),
                    summaries.get(code), of.stream().map(r -> new DossierSearchItem.SourceHead(r.source(), r.version(), r.status())).toList(),
                    updated, worst(byState), StateCounts.of(byState)));
        });
        return out;
    }

    private static String firstNonNull(List<Row> rows, java.util.function.Function<Row, String> field) {
        return rows.stream().map(field).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    /** The worst state of the counts (DEAD, FAILED, PENDING, DELIVERED), or null without deliveries. */
    static String worst(Map<String, Long> byState) {
        return WORST_FIRST.stream().filter(s -> byState.getOrDefault(s, 0L) > 0).findFirst().orElse(null);
    }

    static String listSummary(String summary) {
        if (summary == null) {
            return null;
        }
        String s = Pii.maskText(summary);
        return s.length() <= SUMMARY_IN_LIST ? s : s.substring(0, SUMMARY_IN_LIST - 1) + "…";
    }

    // ── the timeline ─────────────────────────────────────────────────────────────────────────────

    /** The whole story of a dossier code; empty when no source has it. */
    public Optional<DossierTimeline> timeline(String code, List<DossierView> views) {
        if (views.isEmpty()) {
            return Optional.empty();
        }
        MapSqlParameterSource p = new MapSqlParameterSource("code", code).addValue("sources", views.stream().map(DossierView::source).toList());
        List<DossierTimeline.Version> versions = jdbc.query("""
                SELECT source, version, status, content_hash, received_at, received_via, steps_from, body_pruned_at FROM dossier_version
                WHERE source IN (:sources) AND dossier_code = :code ORDER BY received_at, source, version""", p,
                (rs, n) -> new DossierTimeline.Version(rs.getString("source"), rs.getLong("version"), rs.getInt("status"),
                        rs.getString("content_hash"), instant(rs, "received_at"), rs.getString("received_via"), rs.getInt("steps_from"),
                        instant(rs, "body_pruned_at")));
        record D(long id, String source, long version, String target, String state, int stage, Integer http, String error,
                 Instant created, Instant next, Instant delivered, String hash) {
        }
        List<D> ds = jdbc.query("""
                SELECT id, source, version, target, state, stage, last_http_status, last_error, created_at, next_attempt_at, delivered_at,
                  payload_hash
                FROM delivery WHERE dossier_code = :code ORDER BY target, source, version, id""", p,
                (rs, n) -> new D(rs.getLong("id"), rs.getString("source"), rs.getLong("version"), rs.getString("target"),
                        rs.getString("state"), rs.getInt("stage"), rs.getObject("last_http_status", Integer.class),
                        Pii.maskText(rs.getString("last_error")), instant(rs, "created_at"), instant(rs, "next_attempt_at"),
                        instant(rs, "delivered_at"), rs.getString("payload_hash")));
        Map<Long, List<AttemptView>> attempts = new HashMap<>();
        if (!ds.isEmpty()) {
            jdbc.query("""
                    SELECT delivery_id, attempt, started_at, latency_ms, http_status, outcome, error FROM delivery_attempt
                    WHERE delivery_id IN (:ids) ORDER BY id""", new MapSqlParameterSource("ids", ds.stream().map(D::id).toList()), rs -> {
                        attempts.computeIfAbsent(rs.getLong("delivery_id"), id -> new ArrayList<>()).add(new AttemptView(rs.getInt("attempt"),
                                instant(rs, "started_at"), rs.getInt("latency_ms"), rs.getObject("http_status", Integer.class),
                                rs.getString("outcome"), Pii.maskText(rs.getString("error"))));
                    });
        }
        List<DossierTimeline.Delivery> deliveries = ds.stream().map(d -> new DossierTimeline.Delivery(d.id(), d.source(), d.version(),
                d.target(), d.state(), d.stage(), d.http(), d.error(), d.created(), d.next(), d.delivered(), d.hash(),
                List.copyOf(attempts.getOrDefault(d.id(), List.of())))).toList();
        List<DossierTimeline.Quarantined> quarantine = jdbc.query("SELECT id, received_at, source, channel, http_status, reason, repeats,"
                + " last_seen_at, state FROM quarantine WHERE dossier_code = :code ORDER BY received_at, id", p,
                (rs, n) -> new DossierTimeline.Quarantined(rs.getLong("id"), instant(rs, "received_at"), rs.getString("source"),
                        rs.getString("channel"), rs.getInt("http_status"), Pii.maskText(rs.getString("reason")), rs.getInt("repeats"),
                        instant(rs, "last_seen_at"), rs.getString("state")));
        DossierView head = views.get(0);
        DossierTimeline.Facts facts = facts(head, views, body(head.source(), code, head.version()).orElse(null));
        return Optional.of(new DossierTimeline(code, facts, views, versions, deliveries, quarantine, events(versions, deliveries, quarantine)));
    }

    /** Versions, attempts and refusals in one list, in time order (a version before the attempts it caused at the same instant). */
    static List<DossierTimeline.Event> events(List<DossierTimeline.Version> versions, List<DossierTimeline.Delivery> deliveries,
                                              List<DossierTimeline.Quarantined> quarantine) {
        List<DossierTimeline.Event> events = new ArrayList<>();
        for (DossierTimeline.Version v : versions) {
            events.add(new DossierTimeline.Event(v.receivedAt(), DossierTimeline.Kind.VERSION, v.source(), v.version(), null, null, null,
                    v.status(), null, null, null, v.receivedVia()));
        }
        for (DossierTimeline.Delivery d : deliveries) {
            for (AttemptView a : d.attempts()) {
                events.add(new DossierTimeline.Event(a.startedAt(), DossierTimeline.Kind.ATTEMPT, d.source(), d.version(), d.target(), d.id(),
                        a.attempt(), null, a.outcome(), a.httpStatus(), a.latencyMs(), a.error()));
            }
        }
        for (DossierTimeline.Quarantined q : quarantine) {
            events.add(new DossierTimeline.Event(q.receivedAt(), DossierTimeline.Kind.QUARANTINE, q.source(), null, null, null, null, null,
                    null, q.httpStatus(), null, q.reason()));
        }
        events.sort(Comparator.comparing(DossierTimeline.Event::at, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(DossierTimeline.Event::kind)
                .thenComparing(e -> e.target() == null ? "" : e.target())
                .thenComparing(e -> e.attempt() == null ? 0 : e.attempt()));
        return List.copyOf(events);
    }

    private static DossierTimeline.Facts facts(DossierView head, List<DossierView> views, String body) {
        JsonNode b = body == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : readBody(body);
        Instant updated = views.stream().map(DossierView::updatedAt).max(Comparator.naturalOrder()).orElse(head.updatedAt());
        return new DossierTimeline.Facts(head.source(), head.version(), head.status(), head.procedureCode(),
                text(b, "procedureName"), head.agencyCode(), text(b, "agencyName"), text(b, "summary"),
                Optional.ofNullable(b.path("applicant").path("name").asText(null)).map(Pii::maskName).orElse(null),
                time(b, "submittedAt"), time(b, "receivedAt"), time(b, "dueAt"), time(b, "finishedAt"), updated);
    }

    private static String text(JsonNode b, String field) {
        return Pii.maskText(b.path(field).asText(null));
    }

    private static Instant time(JsonNode b, String field) {
        String t = b.path(field).asText(null);
        try {
            return t == null ? null : Instant.parse(t);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    // ── the payload ──────────────────────────────────────────────────────────────────────────────

    /** The stored canonical body of one version, as stored; empty for an unknown version or a pruned body. */
    public Optional<String> body(String source, String code, long version) {
        return storedBody(source, code, version).map(StoredBody::body);
    }

    /** A version's body as stored: the body, or when the retention pruner removed it, when and to which archive. */
    public record StoredBody(String body, java.time.Instant prunedAt, String archive) {
    }

    /** The stored body of one version, or its pruning; empty for an unknown version. */
    public Optional<StoredBody> storedBody(String source, String code, long version) {
        return jdbc.query("""
                SELECT body, body_pruned_at, body_archive FROM dossier_version
                WHERE source = :source AND dossier_code = :code AND version = :version""",
                new MapSqlParameterSource("source", source).addValue("code", code).addValue("version", version),
                (rs, n) -> new StoredBody(rs.getString(1), vn.tthc.hub.sync.SqlValues.instant(rs, "body_pruned_at"), rs.getString(3)))
                .stream().findFirst();
    }

    /** The content hash of one version, if stored. */
    public Optional<String> contentHash(String source, String code, long version) {
        return jdbc.query("SELECT content_hash FROM dossier_version WHERE source = :source AND dossier_code = :code AND version = :version",
                new MapSqlParameterSource("source", source).addValue("code", code).addValue("version", version),
                (rs, n) -> rs.getString(1)).stream().findFirst();
    }

    /** The deliveries of one version: where it went and the hash of what was sent. */
    public List<DossierPayload.SentAs> sentAs(String source, String code, long version) {
        return jdbc.query("""
                SELECT id, target, state, payload_hash, delivered_at FROM delivery
                WHERE source = :source AND dossier_code = :code AND version = :version ORDER BY target, id""",
                new MapSqlParameterSource("source", source).addValue("code", code).addValue("version", version),
                (rs, n) -> new DossierPayload.SentAs(rs.getLong("id"), rs.getString("target"), rs.getString("state"),
                        rs.getString("payload_hash"), instant(rs, "delivered_at")));
    }

    static JsonNode readBody(String body) {
        try {
            return CanonicalJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            // a body the hub stored always reads; should one not, the page shows what it can without it
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
    }

    private static OffsetDateTime ts(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
