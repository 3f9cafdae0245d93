package vn.tthc.hub.report;

import java.time.ZoneOffset;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;

/**
 * The report's reads: each dossier the hub changed since the period's start, streamed (one body in
 * memory at a time) as its most advanced view with whether it reached the portal, the failed
 * delivery attempts of the period per agency and procedure, and the differences found (and healed) by
 * the reconciliation runs started in the period, counted by the database.
 */
@Repository
public class ReportQueries {
    private final NamedParameterJdbcTemplate jdbc;

    public ReportQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Fills the statistics of a period. */
    public Statistics compute(ReportPeriod period) {
        Statistics stats = new Statistics(period);
        MapSqlParameterSource p = new MapSqlParameterSource("start", period.start().atOffset(ZoneOffset.UTC))
                .addValue("end", period.end().atOffset(ZoneOffset.UTC));
        // every view of a dossier (province, ministry, coordination) in code order: the most advanced one counts,
        // and the dossier is at the portal when any of its streams delivered there
        String[] current = {null};
        Dossier[] best = {null};
        int[] bestSteps = {-1};
        boolean[] atPortal = {false};
        jdbc.query("""
                SELECT d.code, d.steps_count, v.body,
                  CASE WHEN EXISTS (SELECT 1 FROM delivery x WHERE x.source = d.source AND x.dossier_code = d.code
                    AND x.target = 'dvcqg' AND x.state = 'DELIVERED') THEN 1 ELSE 0 END AS at_portal
                FROM dossier d JOIN dossier_version v ON v.source = d.source AND v.dossier_code = d.code AND v.version = d.version
                WHERE d.updated_at >= :start
                ORDER BY d.code, d.steps_count DESC""", p, rs -> {
            String code = rs.getString("code");
            if (!code.equals(current[0])) {
                if (best[0] != null) {
                    stats.add(best[0], atPortal[0]);
                }
                current[0] = code;
                best[0] = null;
                bestSteps[0] = -1;
                atPortal[0] = false;
            }
            if (rs.getInt("steps_count") > bestSteps[0]) {
                try {
                    best[0] = CanonicalJson.fromJson(rs.getString("body"));
                    bestSteps[0] = rs.getInt("steps_count");
                } catch (IllegalStateException e) {
                    // a stored version that no longer reads (its delivery fails visibly elsewhere): counted, not fatal
                    stats.unreadable();
                }
            }
            atPortal[0] |= rs.getInt("at_portal") == 1;
        });
        if (best[0] != null) {
            stats.add(best[0], atPortal[0]);
        }
        jdbc.query("""
                SELECT d.agency_code, d.procedure_code, COUNT(*) AS n
                FROM delivery_attempt a JOIN delivery x ON x.id = a.delivery_id
                JOIN dossier d ON d.source = x.source AND d.code = x.dossier_code
                WHERE a.started_at >= :start AND a.started_at < :end AND a.outcome <> 'DELIVERED'
                GROUP BY d.agency_code, d.procedure_code""", p,
                rs -> { stats.addFailures(rs.getString("agency_code"), rs.getString("procedure_code"), rs.getLong("n")); });
        // a run belongs to the period it started in (a run at 01:00 on Monday counts in the new week); a difference
        // without a procedure or agency (a dossier the hub never received may lack them) counts under "?"
        jdbc.query("""
                SELECT f.agency_code, f.procedure_code, COUNT(*) AS found,
                  COALESCE(SUM(CASE WHEN f.healed THEN 1 ELSE 0 END), 0) AS healed
                FROM reconciliation_difference f JOIN reconciliation_run r ON r.id = f.run_id
                WHERE r.started_at >= :start AND r.started_at < :end
                GROUP BY f.agency_code, f.procedure_code""", p,
                rs -> { stats.addReconciliation(rs.getString("agency_code"), rs.getString("procedure_code"), rs.getLong("found"),
                        rs.getLong("healed")); });
        return stats;
    }

}
