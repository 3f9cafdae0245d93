package vn.tthc.hub.audit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.tthc.hub.dossier.Pii;

/**
 * The audit trail ({@code audit_event}): a plain class any package may call to record an action
 * (sign-in today; replay, discard, re-submit, catalogue change and full-payload view later). Free
 * texts are masked of identity and phone numbers and cut to the column sizes; recording never
 * throws into the caller's action.
 */
public class AuditLog {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AuditLog.class);
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public AuditLog(DataSource dataSource, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** Records one action; {@code target}, {@code detail} and {@code remoteAddress} may be null. */
    public void record(String username, String action, String target, String detail, String remoteAddress) {
        try {
            jdbc.update("INSERT INTO audit_event (at, username, action, target, detail, remote_address) VALUES (?, ?, ?, ?, ?, ?)",
                    Timestamp.from(clock.instant()), cut(Pii.maskText(username == null ? "-" : username), 200), cut(action, 100),
                    cut(Pii.maskText(target), 500), cut(Pii.maskText(detail), 2000), cut(remoteAddress, 100));
        } catch (RuntimeException e) {
            // the audited action itself has happened (or been refused): losing its record must be visible, not fatal
            LOG.error("audit record of {} could not be written: {}", action, e.toString());
        }
    }

    /** The newest records first, at most {@code limit} (1..1000). */
    public List<AuditEvent> recent(int limit) {
        int n = Math.max(1, Math.min(limit, 1000));
        return jdbc.query("SELECT id, at, username, action, target, detail, remote_address FROM audit_event ORDER BY id DESC LIMIT ?",
                (rs, i) -> event(rs), n);
    }

    /**
     * One page of the records matching the filter, newest first, and how many match in all. {@code user} and
     * {@code action} match exactly, {@code target} as a part of the target or the detail (case-insensitive), the time
     * range is {@code [from, to)}; null parts match everything.
     */
    public Slice search(Filter f, long offset, int limit) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (f.username() != null) {
            where.append(" AND username = ?");
            args.add(cut(Pii.maskText(f.username()), 200));
        }
        if (f.action() != null) {
            where.append(" AND action = ?");
            args.add(f.action());
        }
        if (f.from() != null) {
            where.append(" AND at >= ?");
            args.add(Timestamp.from(f.from()));
        }
        if (f.to() != null) {
            where.append(" AND at < ?");
            args.add(Timestamp.from(f.to()));
        }
        if (f.target() != null) {
            // stored masked: searched masked too
            String like = "%" + Pii.maskText(f.target()).toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%";
            where.append(" AND (LOWER(target) LIKE ? ESCAPE '\\' OR LOWER(detail) LIKE ? ESCAPE '\\')");
            args.add(like);
            args.add(like);
        }
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_event" + where, Long.class, args.toArray());
        List<Object> paged = new ArrayList<>(args);
        paged.add(Math.max(0, offset));
        paged.add(Math.max(1, Math.min(limit, 1000)));
        List<AuditEvent> items = jdbc.query("SELECT id, at, username, action, target, detail, remote_address FROM audit_event" + where
                + " ORDER BY id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", (rs, i) -> event(rs), paged.toArray());
        return new Slice(items, total == null ? 0 : total);
    }

    /** Every action the trail holds (for a filter's choices). */
    public List<String> actions() {
        return jdbc.queryForList("SELECT DISTINCT action FROM audit_event ORDER BY action", String.class);
    }

    /** What the audit trail is searched by; every part optional. */
    public record Filter(String username, String action, Instant from, Instant to, String target) {
        public static final Filter NONE = new Filter(null, null, null, null, null);
    }

    /** One page of records and the number of all that match. */
    public record Slice(List<AuditEvent> items, long total) {
    }

    private static AuditEvent event(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("username"),
                rs.getString("action"), rs.getString("target"), rs.getString("detail"), rs.getString("remote_address"));
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
