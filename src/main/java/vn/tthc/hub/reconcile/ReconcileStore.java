package vn.tthc.hub.reconcile;

import static vn.tthc.hub.sync.SqlValues.cut;
import static vn.tthc.hub.sync.SqlValues.instant;
import static vn.tthc.hub.sync.SqlValues.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;
import vn.tthc.hub.reconcile.Comparison.DeliveryView;
import vn.tthc.hub.reconcile.Comparison.HubView;
import vn.tthc.hub.sync.DeliveryState;

/** SQL of the reconciliation: the hub's digests of a batch of dossiers, and the runs, counts and differences it stores. */
@Repository
public class ReconcileStore {
    private final NamedParameterJdbcTemplate jdbc;

    public ReconcileStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    // ---- the hub's view (digests only, never bodies) --------------------------------------------

    /** A hub head with its key. */
    public record Head(String source, String code, HubView view) {
    }

    public Map<String, HubView> heads(String source, Collection<String> codes) {
        Map<String, HubView> out = new HashMap<>();
        if (codes.isEmpty()) {
            return out;
        }
        jdbc.query("""
                SELECT code, version, status, content_hash, procedure_code, agency_code FROM dossier
                WHERE source = :source AND code IN (:codes)""", new MapSqlParameterSource("source", source).addValue("codes", codes),
                (RowCallbackHandler) rs -> out.put(rs.getString("code"), hubView(rs)));
        return out;
    }

    /** The sources the hub stored dossiers of, in order. */
    public List<String> sources() {
        return jdbc.queryForList("SELECT DISTINCT source FROM dossier ORDER BY source", Map.of(), String.class);
    }

    /**
     * One batch of a source's heads changed (received by the hub) in the window, in code order after {@code afterCode}.
     * The keyset is the primary key (source, code), so each batch continues the index scan where the last one stopped: a
     * whole run reads the source's dossiers once, whatever the window holds. The order names both key columns so that H2
     * sees it is the index's order (ordered by code alone it sorts every matching row for each batch).
     */
    public List<Head> headsChanged(String source, Instant from, Instant to, String afterCode, int limit) {
        return jdbc.query("""
                SELECT source, code, version, status, content_hash, procedure_code, agency_code FROM dossier
                WHERE source = :s AND code > :c AND updated_at >= :from AND updated_at <= :to
                ORDER BY source, code FETCH FIRST :limit ROWS ONLY""",
                new MapSqlParameterSource("from", ts(from)).addValue("to", ts(to)).addValue("s", source).addValue("c", afterCode)
                        .addValue("limit", limit),
                (rs, n) -> new Head(rs.getString("source"), rs.getString("code"), hubView(rs)));
    }

    /**
     * The latest delivery per target of each dossier, with the status of the version it carries. Every delivery row of the
     * batch is read and the latest kept here: a dossier has a few, and a correlated MAX per row is what makes H2 slow.
     */
    public Map<String, List<DeliveryView>> latestDeliveries(String source, Collection<String> codes) {
        if (codes.isEmpty()) {
            return new HashMap<>();
        }
        return latest(jdbc, """
                SELECT d.id, d.dossier_code, d.target, d.version, d.state, d.updated_at, v.status
                FROM delivery d JOIN dossier_version v ON v.source = d.source AND v.dossier_code = d.dossier_code AND v.version = d.version
                WHERE d.source = :source AND d.dossier_code IN (:codes)""", new MapSqlParameterSource("source", source).addValue("codes", codes));
    }

    /**
     * The same for the dossiers of a batch of heads, read as one range of the delivery index ({@code afterCode},
     * {@code lastCode}] instead of an IN list: a range scan is what both H2 and PostgreSQL do fastest. Dossiers of the
     * range that are not in the batch (changed outside the window) are read too and left out by the caller.
     */
    public Map<String, List<DeliveryView>> latestDeliveries(String source, String afterCode, String lastCode) {
        return latest(jdbc, """
                SELECT d.id, d.dossier_code, d.target, d.version, d.state, d.updated_at, v.status
                FROM delivery d JOIN dossier_version v ON v.source = d.source AND v.dossier_code = d.dossier_code AND v.version = d.version
                WHERE d.source = :source AND d.dossier_code > :after AND d.dossier_code <= :last""",
                new MapSqlParameterSource("source", source).addValue("after", afterCode).addValue("last", lastCode));
    }

    private static Map<String, List<DeliveryView>> latest(NamedParameterJdbcTemplate jdbc, String sql, MapSqlParameterSource params) {
        Map<String, Map<String, DeliveryView>> latest = new HashMap<>();
        jdbc.query(sql, params, (RowCallbackHandler) rs -> {
            DeliveryView d = new DeliveryView(rs.getLong("id"), rs.getString("target"), rs.getLong("version"), rs.getInt("status"),
                    DeliveryState.valueOf(rs.getString("state")), instant(rs, "updated_at"));
            latest.computeIfAbsent(rs.getString("dossier_code"), k -> new java.util.TreeMap<>())
                    .merge(d.target(), d, (a, b) -> a.version() >= b.version() ? a : b);
        });
        Map<String, List<DeliveryView>> out = new HashMap<>();
        latest.forEach((code, byTarget) -> out.put(code, new ArrayList<>(byTarget.values())));
        return out;
    }

    private static HubView hubView(ResultSet rs) throws SQLException {
        return new HubView(rs.getLong("version"), rs.getInt("status"), rs.getString("content_hash"), rs.getString("procedure_code"),
                rs.getString("agency_code"));
    }

    // ---- runs ------------------------------------------------------------------------------------

    /**
     * Inserts a RUNNING run; the unique running guard makes this fail (DataIntegrityViolationException) while another
     * run, on any instance, is RUNNING.
     */
    public long insertRunning(String trigger, Instant from, Instant to, Instant now) {
        return insertRunning(new Start(trigger, null, null, true), from, to, now);
    }

    /** Who and what started a run: the trigger (nightly, api, console), the user and their reason, and whether it heals. */
    public record Start(String trigger, String startedBy, String reason, boolean heal) {
    }

    public long insertRunning(Start start, Instant from, Instant to, Instant now) {
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO reconciliation_run (state, running_guard, trigger_kind, window_from, window_to, started_at, started_by, reason, heal)
                VALUES ('RUNNING', 1, :trigger, :from, :to, :now, :by, :reason, :heal)""",
                new MapSqlParameterSource("trigger", cut(start.trigger(), 16)).addValue("from", ts(from)).addValue("to", ts(to))
                        .addValue("now", ts(now)).addValue("by", cut(start.startedBy(), 200)).addValue("reason", cut(start.reason(), 500))
                        .addValue("heal", start.heal()),
                keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** The progress of a RUNNING run so far (dossiers checked, differences healed), for the console while it runs. */
    public void progress(long id, long checked, long healed) {
        jdbc.update("UPDATE reconciliation_run SET checked = :checked, healed = :healed WHERE id = :id AND state = 'RUNNING'",
                new MapSqlParameterSource("id", id).addValue("checked", checked).addValue("healed", healed));
    }

    /** The RUNNING run, if any: (id, startedAt). */
    public Optional<Map.Entry<Long, Instant>> running() {
        return jdbc.query("SELECT id, started_at FROM reconciliation_run WHERE running_guard = 1", Map.of(),
                (rs, n) -> Map.entry(rs.getLong("id"), instant(rs, "started_at"))).stream().findFirst();
    }

    public void finish(long id, String state, long checked, long healed, String unchecked, String error, Instant now) {
        jdbc.update("""
                UPDATE reconciliation_run SET state = :state, running_guard = NULL, finished_at = :now, checked = :checked,
                  healed = :healed, unchecked = :unchecked, error = :error WHERE id = :id""",
                new MapSqlParameterSource("id", id).addValue("state", state).addValue("now", ts(now)).addValue("checked", checked)
                        .addValue("healed", healed).addValue("unchecked", cut(unchecked, 2000)).addValue("error", cut(error, 2000)));
    }

    /** A run's counts: dimension → key → category → n. */
    public void insertCounts(long runId, Map<String, Map<String, Map<Category, Long>>> counts) {
        List<SqlParameterSource> rows = new ArrayList<>();
        counts.forEach((dimension, byKey) -> byKey.forEach((key, byCategory) -> byCategory.forEach((category, n) -> rows.add(
                new MapSqlParameterSource("run", runId).addValue("dimension", dimension).addValue("key", cut(key, 64))
                        .addValue("category", category.key()).addValue("n", n)))));
        if (!rows.isEmpty()) {
            jdbc.batchUpdate("""
                    INSERT INTO reconciliation_count (run_id, dimension, dim_key, category, n)
                    VALUES (:run, :dimension, :key, :category, :n)""", rows.toArray(SqlParameterSource[]::new));
        }
    }

    /** One difference row as stored and exported. */
    public record Difference(long id, long runId, Category category, String source, String dossierCode, String target,
                             String procedureCode, String agencyCode, Long sourceVersion, Integer sourceStatus, Long hubVersion,
                             Integer hubStatus, Long deliveryId, String deliveryState, Integer targetStatus, String detail,
                             boolean healed, String healAction, Instant resyncedAt, String resyncedBy) {
        /** A difference as the reconciler finds it, not re-synced by anyone yet. */
        public Difference(long id, long runId, Category category, String source, String dossierCode, String target, String procedureCode,
                          String agencyCode, Long sourceVersion, Integer sourceStatus, Long hubVersion, Integer hubStatus, Long deliveryId,
                          String deliveryState, Integer targetStatus, String detail, boolean healed, String healAction) {
            this(id, runId, category, source, dossierCode, target, procedureCode, agencyCode, sourceVersion, sourceStatus, hubVersion,
                    hubStatus, deliveryId, deliveryState, targetStatus, detail, healed, healAction, null, null);
        }

        /** The partner the difference is about: the target, or the source for a difference between the source and the hub. */
        public String partner() {
            return target != null ? target : source;
        }
    }

    public void insertDifferences(List<Difference> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                INSERT INTO reconciliation_difference (run_id, category, source, dossier_code, target, procedure_code, agency_code,
                  source_version, source_status, hub_version, hub_status, delivery_id, delivery_state, target_status, detail, healed,
                  heal_action)
                VALUES (:run, :category, :source, :code, :target, :procedure, :agency, :sv, :ss, :hv, :hs, :delivery, :dstate, :ts,
                  :detail, :healed, :action)""", rows.stream().map(d -> new MapSqlParameterSource("run", d.runId())
                .addValue("category", d.category().key()).addValue("source", d.source()).addValue("code", d.dossierCode())
                .addValue("target", d.target()).addValue("procedure", d.procedureCode()).addValue("agency", d.agencyCode())
                .addValue("sv", d.sourceVersion()).addValue("ss", d.sourceStatus()).addValue("hv", d.hubVersion())
                .addValue("hs", d.hubStatus()).addValue("delivery", d.deliveryId()).addValue("dstate", d.deliveryState())
                .addValue("ts", d.targetStatus()).addValue("detail", cut(d.detail(), 1000)).addValue("healed", d.healed())
                .addValue("action", cut(d.healAction(), 200))).toArray(SqlParameterSource[]::new));
    }

    /** A stored run. */
    public record Run(long id, String state, String trigger, Instant from, Instant to, Instant startedAt, Instant finishedAt,
                      long checked, long healed, String unchecked, String error, String startedBy, String reason, boolean heal) {
        public boolean running() {
            return "RUNNING".equals(state);
        }
    }

    public Optional<Run> run(long id) {
        return jdbc.query("SELECT * FROM reconciliation_run WHERE id = :id", Map.of("id", id), (rs, n) -> run(rs)).stream().findFirst();
    }

    public List<Run> runs(int limit) {
        return jdbc.query("SELECT * FROM reconciliation_run ORDER BY id DESC FETCH FIRST :limit ROWS ONLY", Map.of("limit", limit),
                (rs, n) -> run(rs));
    }

    private static Run run(ResultSet rs) throws SQLException {
        return new Run(rs.getLong("id"), rs.getString("state"), rs.getString("trigger_kind"), instant(rs, "window_from"),
                instant(rs, "window_to"), instant(rs, "started_at"), instant(rs, "finished_at"), rs.getLong("checked"),
                rs.getLong("healed"), rs.getString("unchecked"), rs.getString("error"), rs.getString("started_by"), rs.getString("reason"),
                rs.getBoolean("heal"));
    }

    /** One page of runs, newest first. */
    public List<Run> runs(long offset, int limit) {
        return jdbc.query("SELECT * FROM reconciliation_run ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY",
                new MapSqlParameterSource("offset", offset).addValue("limit", limit), (rs, n) -> run(rs));
    }

    public long countRuns() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_run", Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    /** category key → differences stored so far (a RUNNING run has no counts yet: they are written when it ends). */
    public Map<String, Long> liveCategoryCounts(long runId) {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.query("SELECT category, COUNT(*) AS n FROM reconciliation_difference WHERE run_id = :run GROUP BY category",
                Map.of("run", runId), (RowCallbackHandler) rs -> out.put(rs.getString("category"), rs.getLong("n")));
        return out;
    }

    /** dimension → key → category key → n, in a stable order. */
    public Map<String, Map<String, Map<String, Long>>> counts(long runId) {
        Map<String, Map<String, Map<String, Long>>> out = new LinkedHashMap<>();
        jdbc.query("SELECT dimension, dim_key, category, n FROM reconciliation_count WHERE run_id = :run ORDER BY dimension, dim_key, category",
                Map.of("run", runId), (RowCallbackHandler) rs -> out.computeIfAbsent(rs.getString("dimension"), k -> new LinkedHashMap<>())
                        .computeIfAbsent(rs.getString("dim_key"), k -> new LinkedHashMap<>()).put(rs.getString("category"), rs.getLong("n")));
        return out;
    }

    /** The differences of a run in order, streamed one at a time (an export never holds them all). */
    public void differences(long runId, String category, Consumer<Difference> each) {
        String where = category == null ? "" : " AND category = :category";
        MapSqlParameterSource p = new MapSqlParameterSource("run", runId).addValue("category", category);
        jdbc.query("SELECT * FROM reconciliation_difference WHERE run_id = :run" + where + " ORDER BY id", p,
                (RowCallbackHandler) rs -> each.accept(difference(rs)));
    }

    private static Difference difference(ResultSet rs) throws SQLException {
        return new Difference(rs.getLong("id"), rs.getLong("run_id"),
                Category.ofKey(rs.getString("category")), rs.getString("source"), rs.getString("dossier_code"), rs.getString("target"),
                rs.getString("procedure_code"), rs.getString("agency_code"), longOrNull(rs, "source_version"),
                intOrNull(rs, "source_status"), longOrNull(rs, "hub_version"), intOrNull(rs, "hub_status"),
                longOrNull(rs, "delivery_id"), rs.getString("delivery_state"), intOrNull(rs, "target_status"), rs.getString("detail"),
                rs.getBoolean("healed"), rs.getString("heal_action"), instant(rs, "resynced_at"), rs.getString("resynced_by"));
    }

    /** What the console filters a run's differences by; null or blank: any. {@code partner} is the target, or the source. */
    public record DifferenceFilter(String category, String partner, String code) {
        String where(MapSqlParameterSource p) {
            StringBuilder w = new StringBuilder(" WHERE run_id = :run");
            if (category != null && !category.isBlank()) {
                w.append(" AND category = :category");
                p.addValue("category", category);
            }
            if (partner != null && !partner.isBlank()) {
                w.append(" AND COALESCE(target, source) = :partner");
                p.addValue("partner", partner);
            }
            if (code != null && !code.isBlank()) {
                w.append(" AND dossier_code = :code");
                p.addValue("code", code.trim());
            }
            return w.toString();
        }
    }

    /** One page of a run's differences, in order. */
    public List<Difference> differences(long runId, DifferenceFilter f, long offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("run", runId).addValue("offset", offset).addValue("limit", limit);
        return jdbc.query("SELECT * FROM reconciliation_difference" + f.where(p) + " ORDER BY id OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY",
                p, (rs, n) -> difference(rs));
    }

    public long countDifferences(long runId, DifferenceFilter f) {
        MapSqlParameterSource p = new MapSqlParameterSource("run", runId);
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM reconciliation_difference" + f.where(p), p, Long.class);
        return n == null ? 0 : n;
    }

    /** The partners a run's differences are about (target, or source), in order. */
    public List<String> partners(long runId) {
        return jdbc.queryForList("SELECT DISTINCT COALESCE(target, source) AS p FROM reconciliation_difference WHERE run_id = :run ORDER BY 1",
                Map.of("run", runId), String.class);
    }

    public Optional<Difference> difference(long runId, long id) {
        return jdbc.query("SELECT * FROM reconciliation_difference WHERE run_id = :run AND id = :id", Map.of("run", runId, "id", id),
                (rs, n) -> difference(rs)).stream().findFirst();
    }

    /**
     * Marks a difference re-synced by a person, once: only a row neither healed nor re-synced before is taken (false: it
     * already was, by the run or by someone else).
     */
    public boolean claimResync(long runId, long id, String user, String action, Instant now) {
        return jdbc.update("""
                UPDATE reconciliation_difference SET healed = TRUE, heal_action = :action, resynced_at = :now, resynced_by = :user
                WHERE run_id = :run AND id = :id AND healed = FALSE AND resynced_at IS NULL""",
                new MapSqlParameterSource("run", runId).addValue("id", id).addValue("action", cut(action, 200)).addValue("now", ts(now))
                        .addValue("user", cut(user, 200))) == 1;
    }

    /** The action noted on a row just claimed for a re-sync, once the delivery it re-queued is known. */
    void claimResyncAction(long runId, long id, String action) {
        jdbc.update("UPDATE reconciliation_difference SET heal_action = :action WHERE run_id = :run AND id = :id",
                new MapSqlParameterSource("run", runId).addValue("id", id).addValue("action", cut(action, 200)));
    }

    /** The state of the latest delivery of a dossier to a target now (null: none). */
    public String latestDeliveryState(String source, String code, String target) {
        return jdbc.query("""
                SELECT state FROM delivery WHERE source = :source AND dossier_code = :code AND target = :target
                ORDER BY version DESC FETCH FIRST 1 ROWS ONLY""", Map.of("source", source, "code", code, "target", target),
                (rs, n) -> rs.getString(1)).stream().findFirst().orElse(null);
    }

    private static Long longOrNull(ResultSet rs, String col) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, String col) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? null : v;
    }



}
