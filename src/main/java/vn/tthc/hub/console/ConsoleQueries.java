package vn.tthc.hub.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SELECTs behind the management API: dossiers, deliveries, attempts and the quarantine read
 * straight from the sync tables into the API's own records, so that sync never carries the console's shapes.
 */
@Repository
public class ConsoleQueries {
    private final NamedParameterJdbcTemplate jdbc;

    public ConsoleQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** How each source sees the dossier (one entry per source), the earliest-created first. */
    public List<DossierView> dossierViews(String code) {
        return jdbc.query("""
                SELECT source, code, version, status, procedure_code, agency_code, created_at, updated_at FROM dossier
                WHERE code = :code ORDER BY created_at, source""",
                Map.of("code", code), (rs, n) -> new DossierView(rs.getString("source"), rs.getString("code"), rs.getLong("version"),
                        rs.getInt("status"), rs.getString("procedure_code"), rs.getString("agency_code"),
                        instant(rs, "created_at"), instant(rs, "updated_at")));
    }

    public List<DeliveryView> deliveriesOf(String code) {
        return jdbc.query("""
                SELECT id, source, target, version, state, attempts, stage, last_http_status, last_error, next_attempt_at, delivered_at
                FROM delivery WHERE dossier_code = :code ORDER BY target, source, version""", Map.of("code", code),
                (rs, n) -> delivery(rs));
    }

    public List<DeliveryListItem> listDeliveries(String target, String state, int limit) {
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
                + " next_attempt_at, delivered_at FROM delivery" + where + " ORDER BY id DESC FETCH FIRST :limit ROWS ONLY", p,
                (rs, n) -> new DeliveryListItem(delivery(rs), rs.getString("dossier_code")));
    }

    private static DeliveryView delivery(ResultSet rs) throws SQLException {
        return new DeliveryView(rs.getLong("id"), rs.getString("source"), rs.getString("target"), rs.getLong("version"),
                rs.getString("state"), rs.getInt("attempts"), rs.getInt("stage"), rs.getObject("last_http_status", Integer.class),
                rs.getString("last_error"), instant(rs, "next_attempt_at"), instant(rs, "delivered_at"));
    }

    public List<AttemptView> attemptsOf(long deliveryId) {
        return jdbc.query("""
                SELECT attempt, started_at, latency_ms, http_status, outcome, error FROM delivery_attempt
                WHERE delivery_id = :id ORDER BY id""", Map.of("id", deliveryId),
                (rs, n) -> new AttemptView(rs.getInt("attempt"), instant(rs, "started_at"), rs.getInt("latency_ms"),
                        rs.getObject("http_status", Integer.class), rs.getString("outcome"), rs.getString("error")));
    }

    /** Per source: counts of the deliveries its versions produced, by state. */
    public Map<String, StateCounts> countsBySource() {
        return counts("SELECT source, state, COUNT(*) AS n FROM delivery GROUP BY source, state ORDER BY source");
    }

    /** Per target: counts of deliveries by state. */
    public Map<String, StateCounts> countsByTarget() {
        return counts("SELECT target, state, COUNT(*) AS n FROM delivery GROUP BY target, state ORDER BY target");
    }

    /** Counts per partner (the first column) and state, in the order the query gives the partners. */
    private Map<String, StateCounts> counts(String sql) {
        Map<String, Map<String, Long>> byPartner = new LinkedHashMap<>();
        jdbc.query(sql, rs -> {
            byPartner.computeIfAbsent(rs.getString(1), t -> new LinkedHashMap<>()).put(rs.getString("state"), rs.getLong("n"));
        });
        Map<String, StateCounts> out = new LinkedHashMap<>();
        byPartner.forEach((partner, byState) -> out.put(partner, StateCounts.of(byState)));
        return out;
    }

    /**
     * How many quarantine records are open (refused, neither re-submitted nor dismissed): what needs a person. The
     * quarantine's own search and detail are {@link QuarantineQueries}.
     */
    public long countQuarantine() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE state = 'OPEN'", Map.of(), Long.class);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
