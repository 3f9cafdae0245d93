package vn.tthc.hub.audit;

import java.sql.Timestamp;
import java.time.Clock;
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
                (rs, i) -> new AuditEvent(rs.getLong("id"), rs.getTimestamp("at").toInstant(), rs.getString("username"),
                        rs.getString("action"), rs.getString("target"), rs.getString("detail"), rs.getString("remote_address")), n);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
