package vn.tthc.hub.retention;

import static vn.tthc.hub.sync.SqlValues.cut;
import static vn.tthc.hub.sync.SqlValues.instant;
import static vn.tthc.hub.sync.SqlValues.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL of the retention pruner: the next block of versions that may hold a prunable body (keyset over the primary key,
 * never the head of a dossier, never one already pruned), the deliveries that decide it, the pruning itself (guarded
 * again in its UPDATE), and the runs. Portable between H2 (MODE=PostgreSQL) and PostgreSQL.
 */
@Repository
public class RetentionStore {
    private final NamedParameterJdbcTemplate jdbc;

    public RetentionStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A key of dossier_version, the keyset of the blocks. */
    public record Key(String source, String code, long version) {
        public static final Key START = new Key("", "", 0);
    }

    /**
     * One version examined: {@code open} when one of its deliveries is PENDING, FAILED or DEAD (DEAD can be replayed);
     * {@code latestToTarget} when it is the latest version delivered to some target (what the reconciliation compares
     * that target with); {@code body} only when asked (archive mode).
     */
    public record Candidate(Key key, String contentHash, Instant receivedAt, long bodyBytes, boolean open, boolean latestToTarget,
                            String body) {
    }

    /** One delivery of a candidate: its target and when it was last settled (delivered_at, else updated_at). */
    public record Settled(String target, Instant at) {
    }

    // the version's own deliveries: open ones, and whether it is the latest to any target
    private static final String FLAGS = """
              CASE WHEN EXISTS (SELECT 1 FROM delivery o WHERE o.source = v.source AND o.dossier_code = v.dossier_code
                AND o.version = v.version AND o.state NOT IN ('DELIVERED', 'DISCARDED')) THEN 1 ELSE 0 END AS open_flag,
              CASE WHEN EXISTS (SELECT 1 FROM delivery l WHERE l.source = v.source AND l.dossier_code = v.dossier_code
                AND l.version = v.version AND NOT EXISTS (SELECT 1 FROM delivery n WHERE n.source = l.source
                AND n.dossier_code = l.dossier_code AND n.target = l.target AND n.version > l.version)) THEN 1 ELSE 0 END AS latest_flag""";

    /**
     * The next block: up to {@code limit} versions after {@code after} in key order that are not their dossier's head,
     * not pruned, and received before {@code receivedBefore} (the earliest any partner's days could allow).
     */
    public List<Candidate> block(Key after, Instant receivedBefore, int limit, boolean withBody) {
        return jdbc.query("""
                SELECT v.source, v.dossier_code, v.version, v.content_hash, v.received_at, OCTET_LENGTH(v.body) AS body_bytes,
                """ + (withBody ? "v.body," : "CAST(NULL AS VARCHAR(1)) AS body,") + FLAGS + """

                FROM dossier_version v JOIN dossier d ON d.source = v.source AND d.code = v.dossier_code
                WHERE (v.source, v.dossier_code, v.version) > (:s, :c, :v)
                  AND v.version < d.version AND v.body_pruned_at IS NULL AND v.received_at < :before
                ORDER BY v.source, v.dossier_code, v.version FETCH FIRST :limit ROWS ONLY""",
                new MapSqlParameterSource("s", after.source()).addValue("c", after.code()).addValue("v", after.version())
                        .addValue("before", ts(receivedBefore)).addValue("limit", limit),
                (rs, n) -> candidate(rs));
    }

    private static Candidate candidate(ResultSet rs) throws SQLException {
        return new Candidate(new Key(rs.getString("source"), rs.getString("dossier_code"), rs.getLong("version")), rs.getString("content_hash"),
                instant(rs, "received_at"), rs.getLong("body_bytes"), rs.getInt("open_flag") == 1, rs.getInt("latest_flag") == 1,
                rs.getString("body"));
    }

    /** The deliveries of the versions of a source's dossiers in [firstCode, lastCode], by key: one range of the delivery index. */
    public Map<Key, List<Settled>> deliveries(String source, String firstCode, String lastCode) {
        Map<Key, List<Settled>> out = new HashMap<>();
        jdbc.query("""
                SELECT dossier_code, version, target, COALESCE(delivered_at, updated_at) AS settled_at FROM delivery
                WHERE source = :s AND dossier_code >= :first AND dossier_code <= :last""",
                new MapSqlParameterSource("s", source).addValue("first", firstCode).addValue("last", lastCode),
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> out
                        .computeIfAbsent(new Key(source, rs.getString("dossier_code"), rs.getLong("version")), k -> new ArrayList<>())
                        .add(new Settled(rs.getString("target"), instant(rs, "settled_at"))));
        return out;
    }

    /**
     * Prunes the bodies of these versions, in the caller's transaction. The guards are repeated in the UPDATE (still
     * not the head, not pruned, no open delivery), so a version that moved since the block was read is left alone.
     *
     * @return for each key, whether it was pruned
     */
    public boolean[] prune(List<Key> keys, Instant now, String archive) {
        SqlParameterSource[] batch = keys.stream().map(k -> new MapSqlParameterSource("s", k.source()).addValue("c", k.code())
                .addValue("v", k.version()).addValue("now", ts(now)).addValue("archive", cut(archive, 500))).toArray(SqlParameterSource[]::new);
        int[] counts = jdbc.batchUpdate("""
                UPDATE dossier_version SET body = NULL, body_pruned_at = :now, body_archive = :archive
                WHERE source = :s AND dossier_code = :c AND version = :v AND body_pruned_at IS NULL
                  AND version < (SELECT d.version FROM dossier d WHERE d.source = :s AND d.code = :c)
                  AND NOT EXISTS (SELECT 1 FROM delivery o WHERE o.source = :s AND o.dossier_code = :c AND o.version = :v
                    AND o.state NOT IN ('DELIVERED', 'DISCARDED'))""", batch);
        boolean[] done = new boolean[keys.size()];
        for (int i = 0; i < counts.length; i++) {
            // a JDBC driver may answer SUCCESS_NO_INFO (-2) for a batch row: taken as done only when it says 1
            done[i] = counts[i] == 1;
        }
        return done;
    }

    /** When a version's body was pruned and where it was archived, if it was. */
    public record Pruned(Instant at, String archive) {
    }

    public Optional<Pruned> pruned(String source, String code, long version) {
        return jdbc.query("""
                SELECT body_pruned_at, body_archive FROM dossier_version
                WHERE source = :s AND dossier_code = :c AND version = :v AND body_pruned_at IS NOT NULL""",
                new MapSqlParameterSource("s", source).addValue("c", code).addValue("v", version),
                (rs, n) -> new Pruned(instant(rs, "body_pruned_at"), rs.getString("body_archive"))).stream().findFirst();
    }

    // ---- runs ------------------------------------------------------------------------------------

    /** Who and what started a run. */
    public record Start(String trigger, String startedBy, String reason, String mode, boolean dryRun) {
    }

    /** A run's counts so far. */
    public record Counts(int blocks, long examined, long pruned, long archived, long skippedOpen, long skippedLatest, long skippedRecent,
                         long bytesFreed, String archiveFile) {
        public static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0, 0, null);
    }

    public record Run(long id, String state, String trigger, String startedBy, String reason, String mode, boolean dryRun, Instant startedAt,
                      Instant finishedAt, Counts counts, Key resumeAfter, String error) {
    }

    /** Inserts a RUNNING run; fails (DataIntegrityViolationException) while another run is RUNNING on any instance. */
    public long insertRunning(Start start, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO retention_run (state, running_guard, trigger_kind, started_by, reason, mode, dry_run, started_at)
                VALUES ('RUNNING', 1, :trigger, :by, :reason, :mode, :dry, :now)""",
                new MapSqlParameterSource("trigger", cut(start.trigger(), 16)).addValue("by", cut(start.startedBy(), 200))
                        .addValue("reason", cut(start.reason(), 500)).addValue("mode", start.mode()).addValue("dry", start.dryRun())
                        .addValue("now", ts(now)), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public Optional<Map.Entry<Long, Instant>> running() {
        return jdbc.query("SELECT id, started_at FROM retention_run WHERE running_guard = 1", Map.of(),
                (rs, n) -> Map.entry(rs.getLong("id"), instant(rs, "started_at"))).stream().findFirst();
    }

    /** The counts so far of a RUNNING run (one update per block). */
    public void progress(long id, Counts c) {
        jdbc.update("UPDATE retention_run SET " + COUNTS_SET + " WHERE id = :id AND state = 'RUNNING'", counts(id, c));
    }

    private static final String COUNTS_SET = """
            blocks = :blocks, examined = :examined, pruned = :pruned, archived = :archived, skipped_open = :open,
            skipped_latest = :latest, skipped_recent = :recent, bytes_freed = :bytes, archive_file = :file""";

    private static MapSqlParameterSource counts(long id, Counts c) {
        return new MapSqlParameterSource("id", id).addValue("blocks", c.blocks()).addValue("examined", c.examined())
                .addValue("pruned", c.pruned()).addValue("archived", c.archived()).addValue("open", c.skippedOpen())
                .addValue("latest", c.skippedLatest()).addValue("recent", c.skippedRecent()).addValue("bytes", c.bytesFreed())
                .addValue("file", cut(c.archiveFile(), 500));
    }

    /** Ends a run: DONE or FAILED, its counts, and the key the next run goes on after (null: it reached the end). */
    public void finish(long id, String state, Counts c, Key resumeAfter, String error, Instant now) {
        jdbc.update("UPDATE retention_run SET state = :state, running_guard = NULL, finished_at = :now, error = :error, "
                + "resume_source = :rs, resume_code = :rc, resume_version = :rv, " + COUNTS_SET + " WHERE id = :id",
                counts(id, c).addValue("state", state).addValue("now", ts(now)).addValue("error", cut(error, 2000))
                        .addValue("rs", resumeAfter == null ? null : resumeAfter.source())
                        .addValue("rc", resumeAfter == null ? null : resumeAfter.code())
                        .addValue("rv", resumeAfter == null ? null : resumeAfter.version()));
    }

    /** Where the next run starts: after the last finished (not dry) run's stop, or from the start when it reached the end. */
    public Key resumePoint() {
        return jdbc.query("""
                SELECT resume_source, resume_code, resume_version FROM retention_run
                WHERE state = 'DONE' AND dry_run = FALSE ORDER BY id DESC FETCH FIRST 1 ROWS ONLY""", Map.of(),
                (rs, n) -> rs.getString("resume_source") == null ? Key.START
                        : new Key(rs.getString("resume_source"), rs.getString("resume_code"), rs.getLong("resume_version")))
                .stream().findFirst().orElse(Key.START);
    }

    private static final String RUN_COLUMNS = """
            SELECT id, state, trigger_kind, started_by, reason, mode, dry_run, started_at, finished_at, blocks, examined, pruned,
              archived, skipped_open, skipped_latest, skipped_recent, bytes_freed, archive_file, resume_source, resume_code,
              resume_version, error FROM retention_run""";

    public Optional<Run> run(long id) {
        return jdbc.query(RUN_COLUMNS + " WHERE id = :id", Map.of("id", id), (rs, n) -> run(rs)).stream().findFirst();
    }

    /** Runs, newest first, one page. */
    public List<Run> runs(long offset, int limit) {
        return jdbc.query(RUN_COLUMNS + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY",
                new MapSqlParameterSource("offset", offset).addValue("limit", limit), (rs, n) -> run(rs));
    }

    public long countRuns() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM retention_run", Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    private static Run run(ResultSet rs) throws SQLException {
        Counts c = new Counts(rs.getInt("blocks"), rs.getLong("examined"), rs.getLong("pruned"), rs.getLong("archived"),
                rs.getLong("skipped_open"), rs.getLong("skipped_latest"), rs.getLong("skipped_recent"), rs.getLong("bytes_freed"),
                rs.getString("archive_file"));
        Key resume = rs.getString("resume_source") == null ? null
                : new Key(rs.getString("resume_source"), rs.getString("resume_code"), rs.getLong("resume_version"));
        return new Run(rs.getLong("id"), rs.getString("state"), rs.getString("trigger_kind"), rs.getString("started_by"), rs.getString("reason"),
                rs.getString("mode"), rs.getBoolean("dry_run"), instant(rs, "started_at"), instant(rs, "finished_at"), c, resume,
                rs.getString("error"));
    }
}
