package vn.tthc.hub.sync;

import static vn.tthc.hub.sync.SqlValues.ts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of the dossier aggregate (each source's head of a dossier and every version it stored), run in its callers' transactions. */
@Repository
public class VersionStore {
    private final NamedParameterJdbcTemplate jdbc;

    public VersionStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The stored head of a dossier, row-locked for the rest of the transaction. */
    public Optional<DossierHead> lockDossier(String source, String code) {
        List<DossierHead> rows = jdbc.query(
                "SELECT code, version, content_hash, status, steps_count FROM dossier WHERE source = :source AND code = :code FOR UPDATE",
                Map.of("source", source, "code", code),
                (rs, n) -> new DossierHead(rs.getString("code"), rs.getLong("version"), rs.getString("content_hash"),
                        rs.getInt("status"), rs.getInt("steps_count")));
        return rows.stream().findFirst();
    }

    public Optional<String> versionHash(String source, String code, long version) {
        return jdbc.query("SELECT content_hash FROM dossier_version WHERE source = :source AND dossier_code = :code AND version = :version",
                Map.of("source", source, "code", code, "version", version), (rs, n) -> rs.getString(1)).stream().findFirst();
    }

    /**
     * The canonical body of one stored version (read one at a time, never a window's worth); empty for an unknown version
     * and for one whose body the retention pruner removed (never the head, nor the latest delivered to a target, nor one
     * with an open delivery: see retention/RetentionPruner).
     */
    public Optional<String> body(String source, String code, long version) {
        return jdbc.query("SELECT body FROM dossier_version WHERE source = :source AND dossier_code = :code AND version = :version",
                Map.of("source", source, "code", code, "version", version), (rs, n) -> Optional.ofNullable(rs.getString(1)))
                .stream().findFirst().flatMap(b -> b);
    }

    public void insertDossier(NewVersion v, Instant now) {
        jdbc.update("""
                INSERT INTO dossier (code, source, version, content_hash, status, procedure_code, agency_code, steps_count, created_at, updated_at)
                VALUES (:code, :source, :version, :hash, :status, :procedure, :agency, :steps, :now, :now)""",
                versionParams(v).addValue("now", ts(now)));
    }

    public void updateDossier(NewVersion v, Instant now) {
        jdbc.update("""
                UPDATE dossier SET version = :version, content_hash = :hash, status = :status, procedure_code = :procedure,
                  agency_code = :agency, steps_count = :steps, updated_at = :now WHERE source = :source AND code = :code""",
                versionParams(v).addValue("now", ts(now)));
    }

    public void insertVersion(NewVersion v, Instant now) {
        jdbc.update("""
                INSERT INTO dossier_version (source, dossier_code, version, content_hash, status, steps_from, body, received_via, received_at)
                VALUES (:source, :code, :version, :hash, :status, :stepsFrom, :body, :via, :now)""",
                versionParams(v).addValue("now", ts(now)));
    }

    private static MapSqlParameterSource versionParams(NewVersion v) {
        return new MapSqlParameterSource()
                .addValue("code", v.code()).addValue("source", v.source()).addValue("version", v.version())
                .addValue("hash", v.contentHash()).addValue("status", v.status())
                .addValue("procedure", v.procedureCode()).addValue("agency", v.agencyCode())
                .addValue("steps", v.stepsCount()).addValue("stepsFrom", v.stepsFrom())
                .addValue("body", v.body()).addValue("via", v.receivedVia());
    }

    /** The stored head of a dossier. */
    public record DossierHead(String code, long version, String contentHash, int status, int stepsCount) {
    }

    /** A version ready to be stored with its deliveries. */
    public record NewVersion(String code, String source, long version, String contentHash, int status, String procedureCode,
                             String agencyCode, int stepsCount, int stepsFrom, String body, String receivedVia) {
    }
}
