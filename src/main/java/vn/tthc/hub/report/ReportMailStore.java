package vn.tthc.hub.report;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The log of report mails ({@code report_mail}): one row per mail, claimed before it is sent, its outcome after. */
@Repository
public class ReportMailStore {
    private final NamedParameterJdbcTemplate jdbc;

    public ReportMailStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a mail about to be sent. A scheduled mail takes the period's guard: when another instance (or an
     * earlier fire) already sends or sent it, nothing is recorded and the answer is empty.
     */
    public Optional<Long> claim(Instant at, ReportPeriod period, boolean scheduled, List<String> recipients, String subject,
                                List<String> attachments) {
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.update("""
                    INSERT INTO report_mail (created_at, kind, period, trigger_kind, status, scheduled_guard, recipients, subject, attachments)
                    VALUES (:at, :kind, :period, :trigger, 'SENDING', :guard, :recipients, :subject, :attachments)""",
                    new MapSqlParameterSource("at", ts(at)).addValue("kind", period.kind()).addValue("period", period.label())
                            .addValue("trigger", scheduled ? "scheduled" : "manual").addValue("guard", scheduled ? 1 : null)
                            .addValue("recipients", cut(String.join(", ", recipients), 2000)).addValue("subject", cut(subject, 1000))
                            .addValue("attachments", cut(String.join(", ", attachments), 1000)),
                    key, new String[] {"id"});
        } catch (DuplicateKeyException e) {
            return Optional.empty();
        }
        return Optional.of(key.getKey().longValue());
    }

    public void sent(long id, Instant at) {
        jdbc.update("UPDATE report_mail SET status = 'SENT', sent_at = :at WHERE id = :id", new MapSqlParameterSource("id", id)
                .addValue("at", ts(at)));
    }

    /** A failed mail gives its period's guard back, so that a later fire of the schedule may send it. */
    public void failed(long id, String error) {
        jdbc.update("UPDATE report_mail SET status = 'FAILED', scheduled_guard = NULL, error = :error WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("error", cut(error, 2000)));
    }

    /** The latest report mails, newest first. */
    public List<ReportMailRecord> recent(int limit) {
        return jdbc.query("""
                SELECT id, created_at, sent_at, kind, period, trigger_kind, status, recipients, subject, attachments, error
                FROM report_mail ORDER BY id DESC FETCH FIRST :limit ROWS ONLY""", Map.of("limit", limit),
                (rs, n) -> new ReportMailRecord(rs.getLong("id"), instant(rs.getObject("created_at", OffsetDateTime.class)),
                        instant(rs.getObject("sent_at", OffsetDateTime.class)), rs.getString("kind"), rs.getString("period"),
                        rs.getString("trigger_kind"), rs.getString("status"), split(rs.getString("recipients")), rs.getString("subject"),
                        split(rs.getString("attachments")), rs.getString("error")));
    }

    /** One page of the report mails, newest first. */
    public List<ReportMailRecord> page(long offset, int limit) {
        return jdbc.query("""
                SELECT id, created_at, sent_at, kind, period, trigger_kind, status, recipients, subject, attachments, error
                FROM report_mail ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY""",
                new MapSqlParameterSource("offset", offset).addValue("limit", limit),
                (rs, n) -> new ReportMailRecord(rs.getLong("id"), instant(rs.getObject("created_at", OffsetDateTime.class)),
                        instant(rs.getObject("sent_at", OffsetDateTime.class)), rs.getString("kind"), rs.getString("period"),
                        rs.getString("trigger_kind"), rs.getString("status"), split(rs.getString("recipients")), rs.getString("subject"),
                        split(rs.getString("attachments")), rs.getString("error")));
    }

    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM report_mail", Map.of(), Long.class);
        return n == null ? 0 : n;
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : List.of(s.split(",\\s*"));
    }

    private static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** One report mail as the API answers it. */
    public record ReportMailRecord(long id, Instant createdAt, Instant sentAt, String kind, String period, String trigger, String status,
                                   List<String> recipients, String subject, List<String> attachments, String error) {
    }
}
