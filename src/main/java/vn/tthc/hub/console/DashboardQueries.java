package vn.tthc.hub.console;

import static vn.tthc.hub.sync.SqlValues.instant;
import static vn.tthc.hub.sync.SqlValues.ts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The dashboard's reads of the attempts: totals of the last hour and day per (target, source), and counts per time
 * bucket for the charts. Every read is bounded by a range on {@code delivery_attempt.started_at} (V4's index
 * {@code ix_attempt_started}) and grouped in the database, so the answer is at most a few hundred rows whatever the
 * traffic.
 */
@Repository
public class DashboardQueries {
    /** One bucket: attempts and how many of them delivered; the rest failed (transient or permanent). */
    public record Bucket(String target, String source, long bucket, long attempts, long delivered) {
    }

    /** The attempts of one (target, source) in the last day and the last hour, and the last success in the day. */
    public record Totals(String target, String source, long hourAttempts, long hourDelivered, long dayAttempts, long dayDelivered,
                         Instant lastSuccess) {
    }

    private final NamedParameterJdbcTemplate jdbc;

    public DashboardQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Totals of every (target, source) with attempts in {@code [dayFrom, now]}; {@code hourFrom} splits off the last hour. */
    public List<Totals> totals(Instant dayFrom, Instant hourFrom, Instant now) {
        return jdbc.query("""
                SELECT d.target, d.source,
                  SUM(CASE WHEN a.started_at >= :hour THEN 1 ELSE 0 END) AS h_n,
                  SUM(CASE WHEN a.started_at >= :hour AND a.outcome = 'DELIVERED' THEN 1 ELSE 0 END) AS h_ok,
                  COUNT(*) AS d_n,
                  SUM(CASE WHEN a.outcome = 'DELIVERED' THEN 1 ELSE 0 END) AS d_ok,
                  MAX(CASE WHEN a.outcome = 'DELIVERED' THEN a.started_at END) AS last_ok
                FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                WHERE a.started_at >= :day AND a.started_at <= :now
                GROUP BY d.target, d.source""",
                new MapSqlParameterSource("day", ts(dayFrom)).addValue("hour", ts(hourFrom)).addValue("now", ts(now)),
                (rs, n) -> new Totals(rs.getString("target"), rs.getString("source"), rs.getLong("h_n"), rs.getLong("h_ok"),
                        rs.getLong("d_n"), rs.getLong("d_ok"), instant(rs, "last_ok")));
    }

    /**
     * Attempts in {@code [from, to)} per bucket of {@code bucketSeconds} (bucket = epoch seconds / size, floored), of
     * the given targets, or of the deliveries the given source produced when {@code targets} is empty.
     */
    public List<Bucket> buckets(Instant from, Instant to, int bucketSeconds, Collection<String> targets, String source) {
        if (bucketSeconds <= 0) {
            throw new IllegalArgumentException("bucket size " + bucketSeconds);
        }
        // the bucket size is an int from the window's definition, never from a request: written into the SQL so that
        // PostgreSQL need not type a bare parameter inside FLOOR
        String bucket = "FLOOR(EXTRACT(EPOCH FROM a.started_at) / " + bucketSeconds + ")";
        MapSqlParameterSource p = new MapSqlParameterSource("from", ts(from)).addValue("to", ts(to));
        String filter;
        if (!targets.isEmpty()) {
            filter = "d.target IN (:targets)";
            p.addValue("targets", new ArrayList<>(targets));
        } else {
            filter = "d.source = :source";
            p.addValue("source", source);
        }
        return jdbc.query("SELECT d.target, d.source, " + bucket + " AS b, COUNT(*) AS n,"
                        + " SUM(CASE WHEN a.outcome = 'DELIVERED' THEN 1 ELSE 0 END) AS ok"
                        + " FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id"
                        + " WHERE a.started_at >= :from AND a.started_at < :to AND " + filter
                        + " GROUP BY d.target, d.source, " + bucket,
                p, (rs, n) -> new Bucket(rs.getString("target"), rs.getString("source"), rs.getLong("b"), rs.getLong("n"), rs.getLong("ok")));
    }
}
