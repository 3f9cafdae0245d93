package vn.tthc.hub.alert;

import static vn.tthc.hub.sync.SqlValues.cut;
import static vn.tthc.hub.sync.SqlValues.instant;
import static vn.tthc.hub.sync.SqlValues.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of the alerts: reads the sync tables (attempts, deliveries, dossiers) and keeps the log of alert mails. */
@Repository
public class AlertStore {
    private final NamedParameterJdbcTemplate jdbc;

    public AlertStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every target with attempts since {@code from}: its last success, first failure after it, last error and backlog. */
    public List<PartnerStatus> partnerStatuses(Instant from) {
        MapSqlParameterSource p = new MapSqlParameterSource("from", ts(from));
        List<Object[]> lastOk = jdbc.query("""
                SELECT d.target, MAX(CASE WHEN a.outcome = 'DELIVERED' THEN a.started_at END) AS last_ok
                FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                WHERE a.started_at >= :from GROUP BY d.target""", p, (rs, n) -> new Object[] {rs.getString(1), instant(rs, "last_ok")});
        List<PartnerStatus> out = new ArrayList<>();
        for (Object[] row : lastOk) {
            String target = (String) row[0];
            Instant ok = (Instant) row[1];
            MapSqlParameterSource q = new MapSqlParameterSource("target", target).addValue("after", ts(ok == null ? from : ok));
            Instant firstFail = jdbc.query("""
                    SELECT MIN(a.started_at) AS t FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                    WHERE d.target = :target AND a.outcome <> 'DELIVERED' AND a.started_at """ + (ok == null ? ">=" : ">") + " :after",
                    q, (rs, n) -> instant(rs, "t")).stream().filter(java.util.Objects::nonNull).findFirst().orElse(null);
            String[] lastError = {null};
            Integer[] lastHttp = {null};
            if (firstFail != null) {
                jdbc.query("""
                        SELECT a.error, a.http_status FROM delivery_attempt a JOIN delivery d ON d.id = a.delivery_id
                        WHERE d.target = :target AND a.outcome <> 'DELIVERED' AND a.started_at >= :after
                        ORDER BY a.started_at DESC, a.id DESC FETCH FIRST 1 ROWS ONLY""",
                        q.addValue("after", ts(firstFail)), rs -> {
                            lastError[0] = rs.getString(1);
                            int h = rs.getInt(2);
                            lastHttp[0] = rs.wasNull() ? null : h;
                        });
            }
            int[] open = backlog(target);
            out.add(new PartnerStatus(target, ok, firstFail, lastError[0], lastHttp[0], open[0], open[1]));
        }
        return out;
    }

    /** Dossiers waiting for the target (open deliveries), and how many of those deliveries last failed. */
    public int[] backlog(String target) {
        return jdbc.query("""
                SELECT COUNT(DISTINCT dossier_code) AS dossiers, COALESCE(SUM(CASE WHEN state = 'FAILED' THEN 1 ELSE 0 END), 0) AS failed
                FROM delivery WHERE target = :target AND state IN ('PENDING', 'FAILED')""", Map.of("target", target),
                (rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).get(0);
    }

    /** Dossiers delivered to the target since a time (what went through once an incident ended). */
    public int deliveredSince(String target, Instant since) {
        Integer n = jdbc.queryForObject("""
                SELECT COUNT(DISTINCT dossier_code) FROM delivery WHERE target = :target AND state = 'DELIVERED' AND delivered_at >= :since""",
                new MapSqlParameterSource("target", target).addValue("since", ts(since)), Integer.class);
        return n == null ? 0 : n;
    }

    public Optional<String> procedureOf(String source, String code) {
        return jdbc.query("SELECT procedure_code FROM dossier WHERE source = :source AND code = :code",
                Map.of("source", source, "code", code), (rs, n) -> rs.getString(1)).stream().filter(java.util.Objects::nonNull).findFirst();
    }

    /** Per target: delivered in the window, failing now, dead in the window. */
    public List<AlertComposer.DayCounts> dayByPartner(Instant from, Instant to) {
        return jdbc.query("""
                SELECT target AS k,
                  SUM(CASE WHEN state = 'DELIVERED' AND delivered_at >= :from AND delivered_at < :to THEN 1 ELSE 0 END) AS delivered,
                  SUM(CASE WHEN state = 'FAILED' THEN 1 ELSE 0 END) AS failing,
                  SUM(CASE WHEN state = 'DEAD' AND updated_at >= :from AND updated_at < :to THEN 1 ELSE 0 END) AS dead
                FROM delivery WHERE updated_at >= :from OR state = 'FAILED' GROUP BY target ORDER BY target""",
                new MapSqlParameterSource("from", ts(from)).addValue("to", ts(to)), AlertStore::dayCounts);
    }

    /** Per agency (department) of the dossiers: the same counts. */
    public List<AlertComposer.DayCounts> dayByDepartment(Instant from, Instant to) {
        return jdbc.query("""
                SELECT COALESCE(x.agency_code, '?') AS k,
                  SUM(CASE WHEN d.state = 'DELIVERED' AND d.delivered_at >= :from AND d.delivered_at < :to THEN 1 ELSE 0 END) AS delivered,
                  SUM(CASE WHEN d.state = 'FAILED' THEN 1 ELSE 0 END) AS failing,
                  SUM(CASE WHEN d.state = 'DEAD' AND d.updated_at >= :from AND d.updated_at < :to THEN 1 ELSE 0 END) AS dead
                FROM delivery d LEFT JOIN dossier x ON x.source = d.source AND x.code = d.dossier_code
                WHERE d.updated_at >= :from OR d.state = 'FAILED' GROUP BY COALESCE(x.agency_code, '?') ORDER BY 1""",
                new MapSqlParameterSource("from", ts(from)).addValue("to", ts(to)), AlertStore::dayCounts);
    }

    public void logMail(Instant at, AlertMail m, String status, List<String> recipients, String error) {
        jdbc.update("""
                INSERT INTO alert_mail (sent_at, kind, status, partner, department, incident_id, incident_key, dossiers, recipients, subject, error)
                VALUES (:at, :kind, :status, :partner, :department, :incidentId, :incidentKey, :dossiers, :recipients, :subject, :error)""",
                new MapSqlParameterSource("at", ts(at)).addValue("kind", m.kind().label()).addValue("status", status)
                        .addValue("partner", m.partner()).addValue("department", m.department()).addValue("incidentId", m.incidentId())
                        .addValue("incidentKey", m.incidentKey()).addValue("dossiers", m.dossiers())
                        .addValue("recipients", cut(String.join(", ", recipients), 2000)).addValue("subject", cut(m.subject(), 1000))
                        .addValue("error", cut(error, 2000)));
    }

    /** The latest alert mails, newest first. */
    public List<AlertRecord> recent(int limit) {
        return jdbc.query("""
                SELECT id, sent_at, kind, status, partner, department, incident_id, incident_key, dossiers, recipients, subject, error
                FROM alert_mail ORDER BY id DESC FETCH FIRST :limit ROWS ONLY""", Map.of("limit", limit),
                (rs, n) -> new AlertRecord(rs.getLong("id"), instant(rs, "sent_at"), rs.getString("kind"), rs.getString("status"),
                        rs.getString("partner"), rs.getString("department"), rs.getString("incident_id"), rs.getString("incident_key"),
                        rs.getInt("dossiers"), List.of(rs.getString("recipients").split(",\\s*")), rs.getString("subject"),
                        rs.getString("error")));
    }

    /** One page of the alert mails, newest first, of one partner (null: every mail). */
    public List<AlertRecord> mails(String partner, long offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("offset", offset).addValue("limit", limit).addValue("partner", partner);
        return jdbc.query("""
                SELECT id, sent_at, kind, status, partner, department, incident_id, incident_key, dossiers, recipients, subject, error
                FROM alert_mail""" + (partner == null ? "" : " WHERE partner = :partner")
                + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY", p, AlertStore::alertRecord);
    }

    public long countMails(String partner) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM alert_mail" + (partner == null ? "" : " WHERE partner = :partner"),
                new MapSqlParameterSource("partner", partner), Long.class);
        return n == null ? 0 : n;
    }

    /** The partners alert mails were about, in order. */
    public List<String> mailPartners() {
        return jdbc.queryForList("SELECT DISTINCT partner FROM alert_mail WHERE partner IS NOT NULL ORDER BY partner", Map.of(), String.class);
    }

    /**
     * One incident of the alert log: its id and key, the partner, when it opened (its start while open, else its first
     * mail), when the partner answered again, how many dossiers it was about and its state now — OPEN, RECOVERING (the
     * partner answers again, its backlog drains) or CLOSED (the incidents book keeps open incidents only).
     */
    public record IncidentRecord(String incidentId, String incidentKey, String partner, String errorClass, Instant opened,
                                 Instant recovered, int dossiers, int mails, String state) {
    }

    private static final String INCIDENTS = """
            SELECT x.incident_id, x.partner, x.incident_key, x.first_mail, x.recovered_mail, x.dossiers, x.mails,
              i.since AS open_since, i.recovered_at AS open_recovered, CASE WHEN i.incident_id IS NULL THEN 0 ELSE 1 END AS is_open
            FROM (
              SELECT m.incident_id, MAX(m.partner) AS partner, MAX(m.incident_key) AS incident_key, MIN(m.sent_at) AS first_mail,
                MAX(CASE WHEN m.kind = 'recovered' THEN m.sent_at END) AS recovered_mail, MAX(m.dossiers) AS dossiers, COUNT(*) AS mails
              FROM alert_mail m WHERE m.incident_id IS NOT NULL GROUP BY m.incident_id
              UNION ALL
              SELECT o.incident_id, o.partner, o.incident_key, o.since, NULL, 0, 0 FROM alert_incident o
              WHERE NOT EXISTS (SELECT 1 FROM alert_mail m WHERE m.incident_id = o.incident_id)
            ) x LEFT JOIN alert_incident i ON i.incident_id = x.incident_id""";

    /** One page of incidents, newest first, of one partner (null: all). */
    public List<IncidentRecord> incidents(String partner, long offset, int limit) {
        MapSqlParameterSource p = new MapSqlParameterSource("offset", offset).addValue("limit", limit).addValue("partner", partner);
        return jdbc.query(INCIDENTS + (partner == null ? "" : " WHERE x.partner = :partner")
                + " ORDER BY COALESCE(i.since, x.first_mail) DESC, x.incident_id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY", p,
                (rs, n) -> {
                    boolean open = rs.getInt("is_open") == 1;
                    Instant recovered = open ? instant(rs, "open_recovered") : instant(rs, "recovered_mail");
                    String key = rs.getString("incident_key");
                    String errorClass = key == null ? null : key.substring(key.lastIndexOf('/') + 1);
                    return new IncidentRecord(rs.getString("incident_id"), key, rs.getString("partner"), errorClass,
                            open ? instant(rs, "open_since") : instant(rs, "first_mail"), recovered, rs.getInt("dossiers"), rs.getInt("mails"),
                            !open ? "CLOSED" : recovered == null ? "OPEN" : "RECOVERING");
                });
    }

    public long countIncidents(String partner) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM (" + INCIDENTS + (partner == null ? "" : " WHERE x.partner = :partner") + ") c",
                new MapSqlParameterSource("partner", partner), Long.class);
        return n == null ? 0 : n;
    }

    private static AlertRecord alertRecord(ResultSet rs, int n) throws SQLException {
        return new AlertRecord(rs.getLong("id"), instant(rs, "sent_at"), rs.getString("kind"), rs.getString("status"),
                rs.getString("partner"), rs.getString("department"), rs.getString("incident_id"), rs.getString("incident_key"),
                rs.getInt("dossiers"), List.of(rs.getString("recipients").split(",\\s*")), rs.getString("subject"), rs.getString("error"));
    }

    private static AlertComposer.DayCounts dayCounts(ResultSet rs, int n) throws SQLException {
        return new AlertComposer.DayCounts(rs.getString("k"), rs.getLong("delivered"), rs.getLong("failing"), rs.getLong("dead"));
    }




    /** One line of the alert log as the API answers it. */
    public record AlertRecord(long id, Instant time, String kind, String status, String partner, String department, String incidentId,
                              String incidentKey, int dossiers, List<String> recipients, String subject, String error) {
    }
}
