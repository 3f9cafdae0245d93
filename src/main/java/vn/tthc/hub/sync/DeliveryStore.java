package vn.tthc.hub.sync;

import static vn.tthc.hub.sync.SqlValues.cut;
import static vn.tthc.hub.sync.SqlValues.instant;
import static vn.tthc.hub.sync.SqlValues.ts;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Repository;

/**
 * SQL of the delivery aggregate (the outbox row of each source, dossier, version and target, and its
 * attempts) as the intake, the relay and the delivery worker use it, run in its callers' transactions.
 */
@Repository
public class DeliveryStore {
    private final NamedParameterJdbcTemplate jdbc;
    /** This hub instance, recorded with each attempt it makes. */
    private final String instance;

    public DeliveryStore(NamedParameterJdbcTemplate jdbc) {
        this(jdbc, null);
    }

    @Autowired
    public DeliveryStore(NamedParameterJdbcTemplate jdbc, @Value("${hub.instance-id:}") String instanceId,
                         @Value("${server.port:8080}") int port) {
        this(jdbc, instanceId == null || instanceId.isBlank() ? hostName() + ":" + port : instanceId.trim());
    }

    DeliveryStore(NamedParameterJdbcTemplate jdbc, String instance) {
        this.jdbc = jdbc;
        this.instance = instance;
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** This hub instance's id ({@code hub.instance-id}, by default host:port). */
    public String instance() {
        return instance;
    }

    public void insertDeliveries(String source, String code, long version, List<String> targets, Instant now) {
        SqlParameterSource[] batch = targets.stream().map(t -> new MapSqlParameterSource()
                .addValue("source", source).addValue("code", code).addValue("version", version).addValue("target", t)
                .addValue("state", DeliveryState.PENDING.name()).addValue("now", ts(now))).toArray(SqlParameterSource[]::new);
        jdbc.batchUpdate("""
                INSERT INTO delivery (source, dossier_code, version, target, state, attempts, stage, published, next_attempt_at, created_at, updated_at)
                VALUES (:source, :code, :version, :target, :state, 0, 0, FALSE, :now, :now, :now)""", batch);
    }

    // ---- outbox relay ------------------------------------------------------------------------

    /**
     * Due, unpublished deliveries, row-locked so that a concurrent consumer update waits for the relay's commit. Rows
     * another relay (another hub instance) holds are skipped, not waited for: two relays take disjoint batches and a
     * row is published by one of them only (its lock is held until {@code published} is committed; a relay that
     * reads it afterwards sees it published). SKIP LOCKED is the same SQL on PostgreSQL and H2 2.x.
     */
    public List<DueDelivery> lockDue(Instant now, int limit) {
        return jdbc.query("""
                SELECT id, dossier_code, target FROM delivery
                WHERE published = FALSE AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id FETCH FIRST :limit ROWS ONLY FOR UPDATE SKIP LOCKED""",
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
                SELECT d.id, d.source, d.dossier_code, d.version, d.target, d.state, d.attempts, d.stage, v.body, v.steps_from, d.retry_base
                FROM delivery d JOIN dossier_version v ON v.source = d.source AND v.dossier_code = d.dossier_code AND v.version = d.version
                WHERE d.id = :id""", Map.of("id", id), (rs, n) -> new DeliveryWork(
                rs.getLong("id"), rs.getString("source"), rs.getString("dossier_code"), rs.getLong("version"), rs.getString("target"),
                DeliveryState.valueOf(rs.getString("state")), rs.getInt("attempts"), rs.getInt("stage"),
                rs.getString("body"), rs.getInt("steps_from"), rs.getInt("retry_base"))).stream().findFirst();
    }

    /**
     * The highest later version of the same dossier already DELIVERED to the same target, if any: delivering this one
     * now would move the target backwards (it happens only to a replayed version whose successor went ahead while it was
     * DEAD).
     */
    public Optional<Long> deliveredSuccessor(String source, String code, String target, long version) {
        return jdbc.query("""
                SELECT MAX(version) AS v FROM delivery WHERE source = :source AND dossier_code = :code AND target = :target
                AND version > :version AND state = 'DELIVERED'""",
                Map.of("source", source, "code", code, "target", target, "version", version),
                (rs, n) -> {
                    long v = rs.getLong("v");
                    return rs.wasNull() ? null : v;
                }).stream().filter(Objects::nonNull).findFirst();
    }

    /**
     * Closes an open delivery as DEAD without an attempt (nothing was sent): a replayed version found superseded by
     * the time the worker took it.
     */
    public int closeSuperseded(long id, String error, Instant now) {
        return jdbc.update("""
                UPDATE delivery SET state = 'DEAD', published = TRUE, last_error = :error, updated_at = :now
                WHERE id = :id AND state IN ('PENDING', 'FAILED')""",
                new MapSqlParameterSource("id", id).addValue("error", cut(error, 2000)).addValue("now", ts(now)));
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
                (rs, n) -> rs.getLong("n") == 0 ? null : instant(rs, "due")).stream().filter(Objects::nonNull).findFirst();
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
        insertAttempt(deliveryId, attempt, started, latencyMs, httpStatus, outcome, error, instance);
    }

    /** An attempt and the hub instance that made it ({@code hub.instance-id}; null when unknown). */
    public void insertAttempt(long deliveryId, int attempt, Instant started, long latencyMs, Integer httpStatus, String outcome, String error,
                              String instance) {
        jdbc.update("""
                INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, http_status, outcome, error, instance)
                VALUES (:id, :attempt, :started, :latency, :http, :outcome, :error, :instance)""",
                new MapSqlParameterSource("id", deliveryId).addValue("attempt", attempt).addValue("started", ts(started))
                        .addValue("latency", (int) Math.min(Integer.MAX_VALUE, latencyMs)).addValue("http", httpStatus)
                        .addValue("outcome", outcome).addValue("error", cut(error, 2000)).addValue("instance", cut(instance, 100)));
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

    /**
     * Makes the target's waiting deliveries (open, unpublished, due later) due now, the soonest due first and at most
     * {@code limit} of them: the target answers again, so they need not sit out their backoff. Published ones (a
     * message on its way) are left alone, so nothing is sent twice; ordering stays with the worker (a later version
     * woken before its predecessor is deferred behind it as always).
     */
    public int wakeTarget(String target, Instant now, int limit) {
        return jdbc.update("""
                UPDATE delivery SET next_attempt_at = :now WHERE id IN (SELECT id FROM delivery WHERE target = :target
                  AND state IN ('PENDING', 'FAILED') AND published = FALSE AND next_attempt_at > :now
                  ORDER BY next_attempt_at FETCH FIRST :limit ROWS ONLY)
                AND published = FALSE AND state IN ('PENDING', 'FAILED')""",
                new MapSqlParameterSource("target", target).addValue("now", ts(now)).addValue("limit", limit));
    }

    // ---- dead letters: replay and discard ------------------------------------------------------

    /** A later version of the same dossier already DELIVERED to the same target (SQL over the alias {@code d}). */
    // spaces around it: a text block drops the trailing space of the SQL it is appended to
    private static final String SUPERSEDED = " " + """
            EXISTS (SELECT 1 FROM delivery s WHERE s.source = d.source AND s.dossier_code = d.dossier_code AND s.target = d.target
              AND s.version > d.version AND s.state = 'DELIVERED')""" + " ";

    private static final String DEAD_LETTER_COLUMNS = """
            d.id, d.source, d.dossier_code, d.version, d.target, d.attempts, d.last_http_status, d.last_error, d.updated_at,
            h.procedure_code, h.agency_code, CASE WHEN """ + SUPERSEDED + " THEN 1 ELSE 0 END AS superseded";

    private static final String DEAD_LETTER_FROM = " FROM delivery d LEFT JOIN dossier h ON h.source = d.source AND h.code = d.dossier_code";

    /** One delivery as a replay or a discard sees it first. */
    public record ReplayCandidate(long id, String source, String dossierCode, long version, String target, DeliveryState state,
                                  int attempts, String lastError, boolean superseded) {
    }

    public Optional<ReplayCandidate> replayCandidate(long id) {
        return jdbc.query("SELECT d.id, d.source, d.dossier_code, d.version, d.target, d.state, d.attempts, d.last_error, CASE WHEN "
                        + SUPERSEDED + " THEN 1 ELSE 0 END AS superseded FROM delivery d WHERE d.id = :id", Map.of("id", id),
                (rs, n) -> new ReplayCandidate(rs.getLong("id"), rs.getString("source"), rs.getString("dossier_code"),
                        rs.getLong("version"), rs.getString("target"), DeliveryState.valueOf(rs.getString("state")),
                        rs.getInt("attempts"), rs.getString("last_error"), rs.getInt("superseded") == 1)).stream().findFirst();
    }

    /**
     * DEAD back to PENDING through the outbox, in one conditional UPDATE: only a delivery still DEAD and not superseded
     * (no later version DELIVERED to the target) changes, so two clicks or two operators replay it once. The attempts
     * and their history stay; the retry policy counts again from here ({@code retry_base}); the stage is kept, so a
     * multi-call delivery resumes after its last finished call. Answers the rows changed (0 or 1).
     */
    public int replay(long id, String user, String note, Instant now) {
        return jdbc.update("""
                UPDATE delivery d SET state = 'PENDING', retry_base = attempts, published = FALSE, next_attempt_at = :now,
                  updated_at = :now, replays = replays + 1, replayed_at = :now, replayed_by = :user, last_error = :note
                WHERE d.id = :id AND d.state = 'DEAD' AND NOT """ + SUPERSEDED,
                new MapSqlParameterSource("id", id).addValue("now", ts(now)).addValue("user", cut(user, 200))
                        .addValue("note", cut(note, 2000)));
    }

    /** DEAD to DISCARDED with its reason, who and when; conditional like {@link #replay}. Answers the rows changed. */
    public int discard(long id, String reason, String user, Instant now) {
        return jdbc.update("""
                UPDATE delivery SET state = 'DISCARDED', discard_reason = :reason, discarded_by = :user, discarded_at = :now,
                  updated_at = :now WHERE id = :id AND state = 'DEAD'""",
                new MapSqlParameterSource("id", id).addValue("reason", cut(reason, 2000)).addValue("user", cut(user, 200))
                        .addValue("now", ts(now)));
    }

    /** The dead letters matching a filter, the newest death first. */
    public List<DeadLetter> deadLetters(DeadLetterFilter f, long offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("offset", offset).addValue("limit", limit);
        return jdbc.query("SELECT " + DEAD_LETTER_COLUMNS + DEAD_LETTER_FROM + where(f, p)
                + " ORDER BY d.updated_at DESC, d.id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY", p, DeliveryStore::deadLetter);
    }

    public long countDeadLetters(DeadLetterFilter f) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        return jdbc.queryForObject("SELECT COUNT(*)" + DEAD_LETTER_FROM + where(f, p), p, Long.class);
    }

    /** The newest dead letter's id matching a filter (0 when none): the end of a bulk replay. */
    public long maxDeadLetterId(DeadLetterFilter f) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        Long max = jdbc.queryForObject("SELECT MAX(d.id)" + DEAD_LETTER_FROM + where(f, p), p, Long.class);
        return max == null ? 0 : max;
    }

    /** How many dead letters of a filter (up to {@code maxId}) per target and procedure, and whether they are superseded. */
    public List<DeadLetterCount> countDeadLetters(DeadLetterFilter f, long maxId) {
        MapSqlParameterSource p = new MapSqlParameterSource("maxId", maxId);
        String inner = "SELECT d.target, h.procedure_code, CASE WHEN " + SUPERSEDED + " THEN 1 ELSE 0 END AS superseded"
                + DEAD_LETTER_FROM + where(f, p) + " AND d.id <= :maxId";
        return jdbc.query("SELECT x.target, x.procedure_code, x.superseded, COUNT(*) AS n FROM (" + inner
                        + ") x GROUP BY x.target, x.procedure_code, x.superseded ORDER BY x.target, x.procedure_code", p,
                (rs, n) -> new DeadLetterCount(rs.getString("target"), rs.getString("procedure_code"), rs.getInt("superseded") == 1,
                        rs.getLong("n")));
    }

    /** The next dead letters of a bulk replay: ids in ({@code afterId}, {@code maxId}], oldest first. */
    public List<DeadLetter> deadLettersAfter(DeadLetterFilter f, long afterId, long maxId, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("after", afterId).addValue("maxId", maxId).addValue("limit", limit);
        return jdbc.query("SELECT " + DEAD_LETTER_COLUMNS + DEAD_LETTER_FROM + where(f, p)
                + " AND d.id > :after AND d.id <= :maxId ORDER BY d.id FETCH FIRST :limit ROWS ONLY", p, DeliveryStore::deadLetter);
    }

    /** Count of one target and procedure in a dry run. */
    public record DeadLetterCount(String target, String procedureCode, boolean superseded, long count) {
    }

    /** The WHERE of the dead letters of a filter; only the filters given are added (PostgreSQL cannot type a bare NULL). */
    private static String where(DeadLetterFilter f, MapSqlParameterSource p) {
        StringBuilder w = new StringBuilder(" WHERE d.state = 'DEAD'");
        if (f.target() != null) {
            w.append(" AND d.target = :target");
            p.addValue("target", f.target());
        }
        if (f.procedure() != null) {
            w.append(" AND h.procedure_code = :procedure");
            p.addValue("procedure", f.procedure());
        }
        if (f.agency() != null) {
            w.append(" AND h.agency_code = :agency");
            p.addValue("agency", f.agency());
        }
        if (f.error() != null) {
            w.append(" AND LOWER(d.last_error) LIKE :error ESCAPE '!'");
            p.addValue("error", "%" + f.error().toLowerCase(java.util.Locale.ROOT).replace("!", "!!").replace("%", "!%")
                    .replace("_", "!_") + "%");
        }
        if (f.since() != null) {
            w.append(" AND d.updated_at >= :since");
            p.addValue("since", ts(f.since()));
        }
        if (f.until() != null) {
            w.append(" AND d.updated_at < :until");
            p.addValue("until", ts(f.until()));
        }
        return w.toString();
    }

    private static DeadLetter deadLetter(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("dossier_code"), rs.getString("source"), rs.getLong("version"),
                rs.getString("target"), rs.getString("procedure_code"), rs.getString("agency_code"), rs.getInt("attempts"),
                rs.getObject("last_http_status", Integer.class), vn.tthc.hub.dossier.Pii.maskText(rs.getString("last_error")),
                instant(rs, "updated_at"), rs.getInt("superseded") == 1);
    }

    // ---- reconciliation ----------------------------------------------------------------------

    /**
     * Re-opens the latest delivery of (source, dossier, target) when it is DELIVERED, so that the normal relay and worker
     * send that version again from its first stage (a target that lost or changed it is repaired through the usual path,
     * and the adapter's look-up avoids a duplicate insert). A delivery still open, DEAD or already re-opened is left
     * alone, so a heal is never applied twice. Answers the id re-opened, if any. The latest delivery to a target keeps
     * its body (retention never prunes it); the UPDATE says so again, so a pruned body is never re-sent.
     */
    public Optional<Long> reopenLatestDelivered(String source, String code, String target, Instant now) {
        List<Long> latest = jdbc.query("""
                SELECT id, state FROM delivery WHERE source = :source AND dossier_code = :code AND target = :target
                ORDER BY version DESC FETCH FIRST 1 ROWS ONLY""",
                Map.of("source", source, "code", code, "target", target),
                (rs, n) -> DeliveryState.DELIVERED.name().equals(rs.getString("state")) ? rs.getLong("id") : null);
        if (latest.isEmpty() || latest.get(0) == null) {
            return Optional.empty();
        }
        int changed = jdbc.update("""
                UPDATE delivery SET state = 'PENDING', stage = 0, published = FALSE, next_attempt_at = :now, updated_at = :now,
                  last_error = :why WHERE id = :id AND state = 'DELIVERED'
                  AND NOT EXISTS (SELECT 1 FROM dossier_version v WHERE v.source = delivery.source
                    AND v.dossier_code = delivery.dossier_code AND v.version = delivery.version AND v.body IS NULL)""",
                new MapSqlParameterSource("id", latest.get(0)).addValue("now", ts(now))
                        .addValue("why", "re-opened by reconciliation: the target does not hold this version"));
        return changed == 1 ? Optional.of(latest.get(0)) : Optional.empty();
    }

    /** A delivery due for publishing. */
    public record DueDelivery(long id, String dossierCode, String target) {
    }

    /**
     * What a worker needs to attempt one delivery. {@code retryBase}: the attempts made before the delivery was last
     * replayed; the retry policy counts the attempts since then.
     */
    public record DeliveryWork(long id, String source, String dossierCode, long version, String target, DeliveryState state, int attempts,
                               int stage, String body, int stepsFrom, int retryBase) {
        public DeliveryWork(long id, String source, String dossierCode, long version, String target, DeliveryState state, int attempts,
                            int stage, String body, int stepsFrom) {
            this(id, source, dossierCode, version, target, state, attempts, stage, body, stepsFrom, 0);
        }

        /** Attempts that count toward the retry budget: those since the last replay. */
        public int attemptsSinceReplay() {
            return Math.max(0, attempts - retryBase);
        }
    }
}
