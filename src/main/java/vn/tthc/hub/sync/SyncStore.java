package vn.tthc.hub.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * All SQL of the sync state: dossiers and their versions, the delivery outbox, attempts,
 * quarantine and watermarks. Named parameters only; the schema lives in db/migration.
 * Callers own the transactions.
 */
@Repository
public class SyncStore {
    private final NamedParameterJdbcTemplate jdbc;

    public SyncStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    // ---- dossiers and versions -------------------------------------------------------------

    /** The stored head of a dossier, row-locked for the rest of the transaction. */
    public Optional<DossierHead> lockDossier(String source, String code) {
        List<DossierHead> rows = jdbc.query(
                "SELECT code, version, content_hash, status, steps_count FROM dossier WHERE source = :source AND code = :code FOR UPDATE",
                Map.of("source", source, "code", code),
                (rs, n) -> new DossierHead(rs.getString("code"), rs.getLong("version"), rs.getString("content_hash"),
                        rs.getInt("status"), rs.getInt("steps_count")));
        return rows.stream().findFirst();
    }

    public Optional<String> versionHash(String source, String code, long version) {
        return jdbc.query("SELECT content_hash FROM dossier_version WHERE source = :source AND dossier_code = :code AND version = :version",
                Map.of("source", source, "code", code, "version", version), (rs, n) -> rs.getString(1)).stream().findFirst();
    }

    public void insertDossier(NewVersion v, Instant now) {
        jdbc.update("""
                INSERT INTO dossier (code, source, version, content_hash, status, procedure_code, agency_code, steps_count, created_at, updated_at)
                VALUES (:code, :source, :version, :hash, :status, :procedure, :agency, :steps, :now, :now)""",
                versionParams(v).addValue("now", ts(now)));
    }

    public void updateDossier(NewVersion v, Instant now) {
        jdbc.update("""
                UPDATE dossier SET version = :version, content_hash = :hash, status = :status, procedure_code = :procedure,
                  agency_code = :agency, steps_count = :steps, updated_at = :now WHERE source = :source AND code = :code""",
                versionParams(v).addValue("now", ts(now)));
    }

    public void insertVersion(NewVersion v, Instant now) {
        jdbc.update("""
                INSERT INTO dossier_version (source, dossier_code, version, content_hash, status, steps_from, body, received_via, received_at)
                VALUES (:source, :code, :version, :hash, :status, :stepsFrom, :body, :via, :now)""",
                versionParams(v).addValue("now", ts(now)));
    }

    private static MapSqlParameterSource versionParams(NewVersion v) {
        return new MapSqlParameterSource()
                .addValue("code", v.code()).addValue("source", v.source()).addValue("version", v.version())
                .addValue("hash", v.contentHash()).addValue("status", v.status())
                .addValue("procedure", v.procedureCode()).addValue("agency", v.agencyCode())
                .addValue("steps", v.stepsCount()).addValue("stepsFrom", v.stepsFrom())
                .addValue("body", v.body()).addValue("via", v.receivedVia());
    }

    public void insertDeliveries(String source, String code, long version, List<String> targets, Instant now) {
        SqlParameterSource[] batch = targets.stream().map(t -> new MapSqlParameterSource()
                .addValue("source", source).addValue("code", code).addValue("version", version).addValue("target", t)
                .addValue("state", DeliveryState.PENDING.name()).addValue("now", ts(now))).toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("""
                INSERT INTO delivery (source, dossier_code, version, target, state, attempts, stage, published, next_attempt_at, created_at, updated_at)
                VALUES (:source, :code, :version, :target, :state, 0, 0, FALSE, :now, :now, :now)""", batch);
    }

    // ---- quarantine --------------------------------------------------------------------------

    /**
     * Quarantines an input, or — when the same payload from the same source is already there —
     * counts the repeat on the existing record and returns its id.
     */
    public Quarantined quarantine(QuarantineRecord q) {
        List<Long> existing = jdbc.query("""
                SELECT id FROM quarantine WHERE payload_hash = :hash AND source = :source AND reason = :reason
                ORDER BY id FETCH FIRST 1 ROWS ONLY""",
                new MapSqlParameterSource("hash", q.payloadHash()).addValue("source", q.source()).addValue("reason", cut(q.reason(), 4000)),
                (rs, n) -> rs.getLong(1));
        if (!existing.isEmpty()) {
            jdbc.update("UPDATE quarantine SET repeats = repeats + 1, last_seen_at = :at WHERE id = :id",
                    new MapSqlParameterSource("id", existing.get(0)).addValue("at", ts(q.receivedAt())));
            return new Quarantined(existing.get(0), true);
        }
        return new Quarantined(insertQuarantine(q), false);
    }

    /** Where an input was quarantined, and whether it was already there (a repeat). */
    public record Quarantined(long id, boolean repeat) {
    }

    public long insertQuarantine(QuarantineRecord q) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("at", ts(q.receivedAt())).addValue("source", q.source()).addValue("channel", q.channel())
                .addValue("code", q.dossierCode()).addValue("status", q.httpStatus()).addValue("reason", cut(q.reason(), 4000))
                .addValue("errors", cut(q.errorsJson(), 100_000)).addValue("payload", q.payload())
                .addValue("hash", q.payloadHash()).addValue("size", q.payloadSize()).addValue("contentType", cut(q.contentType(), 200));
        org.springframework.jdbc.support.GeneratedKeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO quarantine (received_at, source, channel, dossier_code, http_status, reason, errors, payload, payload_hash, payload_size, content_type)
                VALUES (:at, :source, :channel, :code, :status, :reason, :errors, :payload, :hash, :size, :contentType)""",
                p, keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public List<Map<String, Object>> listQuarantine(int limit) {
        return jdbc.query("""
                SELECT id, received_at, source, channel, dossier_code, http_status, reason, payload_hash, payload_size, content_type,
                  repeats, last_seen_at
                FROM quarantine ORDER BY id DESC FETCH FIRST :limit ROWS ONLY""", Map.of("limit", limit), (rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", rs.getLong("id"));
                    m.put("receivedAt", instant(rs, "received_at"));
                    m.put("source", rs.getString("source"));
                    m.put("channel", rs.getString("channel"));
                    m.put("dossierCode", rs.getString("dossier_code"));
                    m.put("httpStatus", rs.getInt("http_status"));
                    m.put("reason", rs.getString("reason"));
                    m.put("payloadHash", rs.getString("payload_hash"));
                    m.put("payloadSize", rs.getInt("payload_size"));
                    m.put("contentType", rs.getString("content_type"));
                    m.put("repeats", rs.getInt("repeats"));
                    m.put("lastSeenAt", instant(rs, "last_seen_at"));
                    return m;
                });
    }

    public long countQuarantine() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM quarantine", Map.of(), Long.class);
    }

    // ---- outbox relay ------------------------------------------------------------------------

    /** Due, unpublished deliveries, row-locked so that a concurrent consumer update waits for the relay's commit. */
    public List<DueDelivery> lockDue(Instant now, int limit) {
        return jdbc.query("""
                SELECT id, dossier_code, target FROM delivery
                WHERE published = FALSE AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id FETCH FIRST :limit ROWS ONLY FOR UPDATE""",
                new MapSqlParameterSource("now", ts(now)).addValue("limit", limit),
                (rs, n) -> new DueDelivery(rs.getLong("id"), rs.getString("dossier_code"), rs.getString("target")));
    }

    public void markPublished(List<Long> ids, Instant now) {
        jdbc.update("UPDATE delivery SET published = TRUE, published_at = :now WHERE id IN (:ids)",
                new MapSqlParameterSource("ids", ids).addValue("now", ts(now)));
    }

    /** Deliveries published long ago and still open: their message was lost (e.g. a broker without its journal). */
    public int unpublishStale(Instant publishedBefore) {
        return jdbc.update("""
                UPDATE delivery SET published = FALSE
                WHERE published = TRUE AND state IN ('PENDING', 'FAILED') AND published_at < :before""",
                Map.of("before", ts(publishedBefore)));
    }

    // ---- delivery worker ---------------------------------------------------------------------

    public Optional<DeliveryWork> loadWork(long id) {
        return jdbc.query("""
                SELECT d.id, d.source, d.dossier_code, d.version, d.target, d.state, d.attempts, d.stage, v.body, v.steps_from
                FROM delivery d JOIN dossier_version v ON v.source = d.source AND v.dossier_code = d.dossier_code AND v.version = d.version
                WHERE d.id = :id""", Map.of("id", id), (rs, n) -> new DeliveryWork(
                rs.getLong("id"), rs.getString("source"), rs.getString("dossier_code"), rs.getLong("version"), rs.getString("target"),
                DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getInt("stage"),
                rs.getString("body"), rs.getInt("steps_from"))).stream().findFirst();
    }

    /**
     * When an earlier version of the same dossier still waits to reach the same target: the latest
     * time one of them is next due (so the caller can wait at least that long); empty when none.
     */
    public Optional<Instant> openPredecessorDue(String source, String code, String target, long version) {
        return jdbc.query("""
                SELECT MAX(next_attempt_at) AS due, COUNT(*) AS n FROM delivery WHERE source = :source AND dossier_code = :code
                AND target = :target AND version < :version AND state IN ('PENDING', 'FAILED')""",
                Map.of("source", source, "code", code, "target", target, "version", version),
                (rs, n) -> rs.getLong("n") == 0 ? null : instant(rs, "due")).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Hash of the payload last delivered for this dossier to this target (before this version), if any. */
    public Optional<String> lastDeliveredPayloadHash(String source, String code, String target, long version) {
        return jdbc.query("""
                SELECT payload_hash FROM delivery WHERE source = :source AND dossier_code = :code AND target = :target
                AND version < :version AND state = 'DELIVERED' ORDER BY version DESC FETCH FIRST 1 ROWS ONLY""",
                Map.of("source", source, "code", code, "target", target, "version", version), (rs, n) -> {
                    String h = rs.getString(1);
                    return h == null ? "" : h;
                }).stream().findFirst();
    }

    public void defer(long id, Instant next, Instant now) {
        jdbc.update("UPDATE delivery SET published = FALSE, next_attempt_at = :next, updated_at = :now WHERE id = :id AND state IN ('PENDING', 'FAILED')",
                new MapSqlParameterSource("id", id).addValue("next", ts(next)).addValue("now", ts(now)));
    }

    public void insertAttempt(long deliveryId, int attempt, Instant started, long latencyMs, Integer httpStatus, String outcome, String error) {
        jdbc.update("""
                INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, http_status, outcome, error)
                VALUES (:id, :attempt, :started, :latency, :http, :outcome, :error)""",
                new MapSqlParameterSource("id", deliveryId).addValue("attempt", attempt).addValue("started", ts(started))
                        .addValue("latency", (int) Math.min(Integer.MAX_VALUE, latencyMs)).addValue("http", httpStatus)
                        .addValue("outcome", outcome).addValue("error", cut(error, 2000)));
    }

    /** Records the end of an attempt; only an open delivery is changed, so a duplicate message cannot reopen a closed one. */
    public int finishAttempt(long id, DeliveryState state, int attempts, int stage, Instant nextAttempt, Integer httpStatus,
                             String error, String payloadHash, Instant now) {
        boolean open = state == DeliveryState.FAILED || state == DeliveryState.PENDING;
        return jdbc.update("""
                UPDATE delivery SET state = :state, attempts = :attempts, stage = :stage, published = :published,
                  next_attempt_at = COALESCE(:next, next_attempt_at), last_http_status = :http, last_error = :error,
                  payload_hash = COALESCE(:payloadHash, payload_hash), updated_at = :now,
                  delivered_at = CASE WHEN :delivered THEN :now ELSE delivered_at END
                WHERE id = :id AND state IN ('PENDING', 'FAILED')""",
                new MapSqlParameterSource("id", id).addValue("state", state.name()).addValue("attempts", attempts)
                        .addValue("stage", stage).addValue("published", !open).addValue("next", ts(nextAttempt))
                        .addValue("http", httpStatus).addValue("error", cut(error, 2000)).addValue("payloadHash", payloadHash)
                        .addValue("now", ts(now)).addValue("delivered", state == DeliveryState.DELIVERED));
    }

    /** Makes deferred later versions of the dossier due now, once their predecessor is closed. */
    public void wakeSuccessors(String source, String code, String target, long version, Instant now) {
        jdbc.update("""
                UPDATE delivery SET next_attempt_at = :now WHERE source = :source AND dossier_code = :code AND target = :target
                AND version > :version AND published = FALSE AND state IN ('PENDING', 'FAILED') AND attempts = 0""",
                new MapSqlParameterSource("source", source).addValue("code", code).addValue("target", target)
                        .addValue("version", version).addValue("now", ts(now)));
    }

    // ---- views ---------------------------------------------------------------------------------

    /** How each source sees the dossier (one entry per source), the earliest-created first. */
    public List<Map<String, Object>> dossierViews(String code) {
        return jdbc.query("""
                SELECT source, code, version, status, procedure_code, agency_code, created_at, updated_at FROM dossier
                WHERE code = :code ORDER BY created_at, source""",
                Map.of("code", code), (rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("source", rs.getString("source"));
                    m.put("code", rs.getString("code"));
                    m.put("version", rs.getLong("version"));
                    m.put("status", rs.getInt("status"));
                    m.put("procedureCode", rs.getString("procedure_code"));
                    m.put("agencyCode", rs.getString("agency_code"));
                    m.put("createdAt", instant(rs, "created_at"));
                    m.put("updatedAt", instant(rs, "updated_at"));
                    return m;
                });
    }

    public List<Map<String, Object>> deliveriesOf(String code) {
        return jdbc.query("""
                SELECT id, source, target, version, state, attempts, stage, last_http_status, last_error, next_attempt_at, delivered_at
                FROM delivery WHERE dossier_code = :code ORDER BY target, source, version""", Map.of("code", code), (rs, n) -> deliveryRow(rs));
    }

    public List<Map<String, Object>> listDeliveries(String target, String state, int limit) {
        // filters are added only when given: PostgreSQL cannot type a bare NULL parameter
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        MapSqlParameterSource p = new MapSqlParameterSource("limit", limit);
        if (target != null) {
            where.append(" AND target = :target");
            p.addValue("target", target);
        }
        if (state != null) {
            where.append(" AND state = :state");
            p.addValue("state", state);
        }
        return jdbc.query("SELECT id, source, dossier_code, target, version, state, attempts, stage, last_http_status, last_error,"
                + " next_attempt_at, delivered_at FROM delivery" + where + " ORDER BY id DESC FETCH FIRST :limit ROWS ONLY", p, (rs, n) -> {
                    Map<String, Object> m = deliveryRow(rs);
                    m.put("dossierCode", rs.getString("dossier_code"));
                    return m;
                });
    }

    private static Map<String, Object> deliveryRow(ResultSet rs) throws SQLException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", rs.getLong("id"));
        m.put("source", rs.getString("source"));
        m.put("target", rs.getString("target"));
        m.put("version", rs.getLong("version"));
        m.put("state", rs.getString("state"));
        m.put("attempts", rs.getInt("attempts"));
        m.put("stage", rs.getInt("stage"));
        m.put("lastHttpStatus", rs.getObject("last_http_status"));
        m.put("lastError", rs.getString("last_error"));
        m.put("nextAttemptAt", instant(rs, "next_attempt_at"));
        m.put("deliveredAt", instant(rs, "delivered_at"));
        return m;
    }

    public List<Map<String, Object>> attemptsOf(long deliveryId) {
        return jdbc.query("""
                SELECT attempt, started_at, latency_ms, http_status, outcome, error FROM delivery_attempt
                WHERE delivery_id = :id ORDER BY id""", Map.of("id", deliveryId), (rs, n) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("attempt", rs.getInt("attempt"));
                    m.put("startedAt", instant(rs, "started_at"));
                    m.put("latencyMs", rs.getInt("latency_ms"));
                    m.put("httpStatus", rs.getObject("http_status"));
                    m.put("outcome", rs.getString("outcome"));
                    m.put("error", rs.getString("error"));
                    return m;
                });
    }

    /** Per source: counts of the deliveries its versions produced, by state. */
    public Map<String, Map<String, Long>> countsBySource() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        jdbc.query("SELECT source, state, COUNT(*) AS n FROM delivery GROUP BY source, state ORDER BY source", rs -> {
            out.computeIfAbsent(rs.getString("source"), t -> new LinkedHashMap<>())
                    .put(rs.getString("state"), rs.getLong("n"));
        });
        return out;
    }

    /** Per target: counts of deliveries by state. */
    public Map<String, Map<String, Long>> countsByTarget() {
        Map<String, Map<String, Long>> out = new LinkedHashMap<>();
        jdbc.query("SELECT target, state, COUNT(*) AS n FROM delivery GROUP BY target, state ORDER BY target", rs -> {
            out.computeIfAbsent(rs.getString("target"), t -> new LinkedHashMap<>())
                    .put(rs.getString("state"), rs.getLong("n"));
        });
        return out;
    }

    // ---- watermarks ----------------------------------------------------------------------------

    public Optional<String> watermark(String source) {
        return jdbc.query("SELECT position FROM watermark WHERE source = :source", Map.of("source", source),
                (rs, n) -> rs.getString(1)).stream().findFirst();
    }

    public void saveWatermark(String source, String position, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource("source", source).addValue("position", position).addValue("now", ts(now));
        if (jdbc.update("UPDATE watermark SET position = :position, updated_at = :now WHERE source = :source", p) == 0) {
            jdbc.update("INSERT INTO watermark (source, position, updated_at) VALUES (:source, :position, :now)", p);
        }
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** The stored head of a dossier. */
    public record DossierHead(String code, long version, String contentHash, int status, int stepsCount) {
    }

    /** A version ready to be stored with its deliveries. */
    public record NewVersion(String code, String source, long version, String contentHash, int status, String procedureCode,
                             String agencyCode, int stepsCount, int stepsFrom, String body, String receivedVia) {
    }

    /** A delivery due for publishing. */
    public record DueDelivery(long id, String dossierCode, String target) {
    }

    /** What a worker needs to attempt one delivery. */
    public record DeliveryWork(long id, String source, String dossierCode, long version, String target, DeliveryState state, int attempts,
                               int stage, String body, int stepsFrom) {
    }

    /** An input kept aside with the reason it was refused. */
    public record QuarantineRecord(Instant receivedAt, String source, String channel, String dossierCode, int httpStatus,
                                   String reason, String errorsJson, String payload, String payloadHash, int payloadSize,
                                   String contentType) {
    }
}
