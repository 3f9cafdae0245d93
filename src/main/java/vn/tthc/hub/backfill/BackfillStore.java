package vn.tthc.hub.backfill;

import static vn.tthc.hub.sync.SqlValues.cut;
import static vn.tthc.hub.sync.SqlValues.instant;
import static vn.tthc.hub.sync.SqlValues.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The back-fill jobs table: a job's range, state, read position (keyset) and counters. Named parameters only. */
@Repository
public class BackfillStore {
    private static final String COLUMNS = """
            id, source, target, range_from, range_to, state, cursor_updated, cursor_code, total, scanned, synced, refused,
            created_at, started_at, updated_at, finished_at, last_error""";

    private final NamedParameterJdbcTemplate jdbc;

    public BackfillStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(String source, String target, Instant from, Instant to, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO backfill_job (source, target, range_from, range_to, state, created_at, updated_at)
                VALUES (:source, :target, :from, :to, 'RUNNING', :now, :now)""",
                new MapSqlParameterSource("source", source).addValue("target", target).addValue("from", ts(from))
                        .addValue("to", ts(to)).addValue("now", ts(now)), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public Optional<BackfillJob> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM backfill_job WHERE id = :id", Map.of("id", id), BackfillStore::row)
                .stream().findFirst();
    }

    public List<BackfillJob> list(int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM backfill_job ORDER BY id DESC FETCH FIRST :limit ROWS ONLY",
                Map.of("limit", limit), BackfillStore::row);
    }

    /** Running jobs, oldest first: they share the rate budget in that order. */
    public List<BackfillJob> running() {
        return jdbc.query("SELECT " + COLUMNS + " FROM backfill_job WHERE state = 'RUNNING' ORDER BY id", Map.of(), BackfillStore::row);
    }

    /** Records one step's progress: the new read position and counters, the total once known. */
    public void progress(long id, Instant cursorUpdated, String cursorCode, Long total, long scanned, long synced, long refused,
                         Instant now) {
        jdbc.update("""
                UPDATE backfill_job SET cursor_updated = :cu, cursor_code = :cc, total = COALESCE(total, :total),
                  scanned = scanned + :scanned, synced = synced + :synced, refused = refused + :refused,
                  started_at = COALESCE(started_at, :now), updated_at = :now, last_error = NULL
                WHERE id = :id AND state = 'RUNNING'""",
                new MapSqlParameterSource("id", id).addValue("cu", ts(cursorUpdated)).addValue("cc", cursorCode)
                        .addValue("total", total).addValue("scanned", scanned).addValue("synced", synced)
                        .addValue("refused", refused).addValue("now", ts(now)));
    }

    /** Moves a job to another state if it is in one of {@code from}; false when it was not. */
    public boolean transition(long id, List<String> from, String to, Instant now) {
        return jdbc.update("""
                UPDATE backfill_job SET state = :to, updated_at = :now,
                  finished_at = CASE WHEN :to IN ('DONE', 'CANCELLED') THEN :now ELSE finished_at END
                WHERE id = :id AND state IN (:from)""",
                new MapSqlParameterSource("id", id).addValue("from", from).addValue("to", to).addValue("now", ts(now))) == 1;
    }

    /** Notes a failed step (the source unreachable, say): the job stays RUNNING and the next step tries again. */
    public void error(long id, String error, Instant now) {
        jdbc.update("UPDATE backfill_job SET last_error = :error, updated_at = :now WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("error", cut(error, 2000))
                        .addValue("now", ts(now)));
    }



    private static BackfillJob row(ResultSet rs, int n) throws SQLException {
        long total = rs.getLong("total");
        boolean noTotal = rs.wasNull(); // read at once: wasNull speaks of the last column read
        return new BackfillJob(rs.getLong("id"), rs.getString("source"), rs.getString("target"), instant(rs, "range_from"),
                instant(rs, "range_to"), rs.getString("state"), instant(rs, "cursor_updated"), rs.getString("cursor_code"),
                noTotal ? null : total, rs.getLong("scanned"), rs.getLong("synced"), rs.getLong("refused"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "updated_at"), instant(rs, "finished_at"),
                rs.getString("last_error"));
    }
}
