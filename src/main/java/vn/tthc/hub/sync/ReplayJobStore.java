package vn.tthc.hub.sync;

import static vn.tthc.hub.sync.SqlValues.cut;
import static vn.tthc.hub.sync.SqlValues.instant;
import static vn.tthc.hub.sync.SqlValues.ts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The bulk replays table ({@code replay_job}): filter, dry-run counts, state, read position, counters and lease. */
@Repository
public class ReplayJobStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            id, filter_json, state, rate_per_second, total, would_skip, counts_json, max_id, cursor_id, replayed, skipped_superseded,
            failed, created_by, created_at, started_at, updated_at, finished_at, last_error""";

    private final NamedParameterJdbcTemplate jdbc;

    public ReplayJobStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(DeadLetterFilter filter, int rate, long total, long wouldSkip, Map<String, long[]> byTarget,
                       Map<String, long[]> byProcedure, long maxId, String user, Instant now) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("byTarget", byTarget);
        counts.put("byProcedure", byProcedure);
        jdbc.update("""
                INSERT INTO replay_job (filter_json, state, rate_per_second, total, would_skip, counts_json, max_id, created_by,
                  created_at, updated_at)
                VALUES (:filter, 'DRY_RUN', :rate, :total, :skip, :counts, :maxId, :user, :now, :now)""",
                new MapSqlParameterSource("filter", write(filterMap(filter))).addValue("rate", rate).addValue("total", total)
                        .addValue("skip", wouldSkip).addValue("counts", write(counts)).addValue("maxId", maxId)
                        .addValue("user", cut(user, 200)).addValue("now", ts(now)), keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    public Optional<ReplayJob> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM replay_job WHERE id = :id", Map.of("id", id), ReplayJobStore::row)
                .stream().findFirst();
    }

    public List<ReplayJob> list(long offset, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM replay_job ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY",
                new MapSqlParameterSource("offset", offset).addValue("limit", limit), ReplayJobStore::row);
    }

    public long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM replay_job", Map.of(), Long.class);
    }

    /** Ids of the running jobs, oldest first. */
    public List<Long> running() {
        return jdbc.queryForList("SELECT id FROM replay_job WHERE state = 'RUNNING' ORDER BY id", Map.of(), Long.class);
    }

    /** DRY_RUN to RUNNING with its rate; false when it was not a dry run. */
    public boolean start(long id, int rate, Instant now) {
        return jdbc.update("""
                UPDATE replay_job SET state = 'RUNNING', rate_per_second = :rate, started_at = :now, updated_at = :now
                WHERE id = :id AND state = 'DRY_RUN'""",
                new MapSqlParameterSource("id", id).addValue("rate", rate).addValue("now", ts(now))) == 1;
    }

    /** Moves a job to another state if it is in one of {@code from}; false when it was not. */
    public boolean transition(long id, List<String> from, String to, Instant now) {
        return jdbc.update("""
                UPDATE replay_job SET state = :to, updated_at = :now,
                  finished_at = CASE WHEN :to IN ('DONE', 'CANCELLED') THEN :now ELSE finished_at END
                WHERE id = :id AND state IN (:from)""",
                new MapSqlParameterSource("id", id).addValue("from", from).addValue("to", to).addValue("now", ts(now))) == 1;
    }

    /**
     * Takes the job's lease for one step: only a RUNNING job whose lease has run out changes, so of two instances
     * ticking at once one steps it and the other skips; the row stays locked until the step's transaction ends.
     */
    public boolean lease(long id, String owner, Instant now, Instant until) {
        return jdbc.update("""
                UPDATE replay_job SET lease_owner = :owner, lease_until = :until
                WHERE id = :id AND state = 'RUNNING' AND (lease_until IS NULL OR lease_until <= :now)""",
                new MapSqlParameterSource("id", id).addValue("owner", owner).addValue("now", ts(now)).addValue("until", ts(until))) == 1;
    }

    /** One step's progress, from the read position it started at (so a step taken twice cannot count twice). */
    public boolean progress(long id, long fromCursor, long toCursor, long replayed, long skipped, long failed, Instant now) {
        return jdbc.update("""
                UPDATE replay_job SET cursor_id = :to, replayed = replayed + :replayed, skipped_superseded = skipped_superseded + :skipped,
                  failed = failed + :failed, updated_at = :now, last_error = NULL
                WHERE id = :id AND cursor_id = :from AND state = 'RUNNING'""",
                new MapSqlParameterSource("id", id).addValue("from", fromCursor).addValue("to", toCursor).addValue("replayed", replayed)
                        .addValue("skipped", skipped).addValue("failed", failed).addValue("now", ts(now))) == 1;
    }

    public void error(long id, String error, Instant now) {
        jdbc.update("UPDATE replay_job SET last_error = :error, updated_at = :now WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("error", cut(error, 2000)).addValue("now", ts(now)));
    }

    static Map<String, String> filterMap(DeadLetterFilter f) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("target", f.target());
        m.put("procedure", f.procedure());
        m.put("agency", f.agency());
        m.put("error", f.error());
        m.put("since", f.since() == null ? null : f.since().toString());
        m.put("until", f.until() == null ? null : f.until().toString());
        return m;
    }

    private static String write(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReplayJob row(ResultSet rs, int n) throws SQLException {
        try {
            Map<String, String> f = JSON.readValue(rs.getString("filter_json"), new TypeReference<Map<String, String>>() { });
            DeadLetterFilter filter = new DeadLetterFilter(f.get("target"), f.get("procedure"), f.get("agency"), f.get("error"),
                    f.get("since") == null ? null : Instant.parse(f.get("since")), f.get("until") == null ? null : Instant.parse(f.get("until")));
            Map<String, Map<String, long[]>> counts = rs.getString("counts_json") == null ? Map.of()
                    : JSON.readValue(rs.getString("counts_json"), new TypeReference<Map<String, Map<String, long[]>>>() { });
            return new ReplayJob(rs.getLong("id"), filter, rs.getString("state"), rs.getInt("rate_per_second"), rs.getLong("total"),
                    rs.getLong("would_skip"), new LinkedHashMap<>(counts.getOrDefault("byTarget", Map.of())),
                    new LinkedHashMap<>(counts.getOrDefault("byProcedure", Map.of())), rs.getLong("max_id"), rs.getLong("cursor_id"),
                    rs.getLong("replayed"), rs.getLong("skipped_superseded"), rs.getLong("failed"), rs.getString("created_by"),
                    instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "updated_at"), instant(rs, "finished_at"),
                    rs.getString("last_error"));
        } catch (JsonProcessingException e) {
            throw new SQLException("replay_job " + rs.getLong("id") + " has unreadable JSON", e);
        }
    }
}
