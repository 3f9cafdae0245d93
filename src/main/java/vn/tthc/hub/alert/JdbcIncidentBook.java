package vn.tthc.hub.alert;

import static vn.tthc.hub.sync.SqlValues.instant;
import static vn.tthc.hub.sync.SqlValues.ts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The open incidents in the database (table {@code alert_incident}, one row per open key): the primary key makes exactly
 * one opener see an incident new and exactly one closer get it back, across restarts and hub instances.
 */
public class JdbcIncidentBook implements IncidentBook {
    private final NamedParameterJdbcTemplate jdbc;

    public JdbcIncidentBook(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Opened open(IncidentKey key, Instant since) {
        for (int attempt = 0; ; attempt++) {
            if (seenAgain(key, since)) {
                return new Opened(get(key).orElseThrow(), false);
            }
            Incident created = new Incident(IncidentBook.idOf(key, since), key, since);
            try {
                jdbc.update("""
                        INSERT INTO alert_incident (incident_key, incident_id, partner, procedure_code, error_class, since, last_seen, occurrences)
                        VALUES (:key, :id, :partner, :procedure, :errorClass, :since, :since, 1)""",
                        keyParams(key).addValue("id", created.id()).addValue("partner", key.partner())
                                .addValue("procedure", key.procedure()).addValue("errorClass", key.errorClass()).addValue("since", ts(since)));
                return new Opened(created, true);
            } catch (DuplicateKeyException e) {
                if (attempt > 0) {
                    throw e;
                }
                // another instance opened it between the two statements: it is theirs to mail
            }
        }
    }

    private boolean seenAgain(IncidentKey key, Instant at) {
        return jdbc.update("""
                UPDATE alert_incident SET occurrences = occurrences + 1,
                  last_seen = CASE WHEN last_seen < :at THEN :at ELSE last_seen END WHERE incident_key = :key""",
                keyParams(key).addValue("at", ts(at))) == 1;
    }

    @Override
    public Optional<Incident> get(IncidentKey key) {
        return jdbc.query("SELECT * FROM alert_incident WHERE incident_key = :key", keyParams(key), (rs, n) -> incident(rs)).stream()
                .findFirst();
    }

    @Override
    public Optional<Incident> recovered(IncidentKey key, Instant at) {
        jdbc.update("UPDATE alert_incident SET recovered_at = COALESCE(recovered_at, :at) WHERE incident_key = :key",
                keyParams(key).addValue("at", ts(at)));
        return get(key);
    }

    @Override
    public Optional<Incident> close(IncidentKey key) {
        Optional<Incident> i = get(key);
        if (i.isEmpty() || jdbc.update("DELETE FROM alert_incident WHERE incident_key = :key", keyParams(key)) != 1) {
            return Optional.empty();
        }
        return i;
    }

    @Override
    public void closeQuiet(String errorClassPrefix, Instant now, Duration quiet) {
        jdbc.update("DELETE FROM alert_incident WHERE error_class LIKE :prefix AND last_seen <= :before",
                new MapSqlParameterSource("prefix", errorClassPrefix.replace("%", "\\%").replace("_", "\\_") + "%")
                        .addValue("before", ts(now.minus(quiet))));
    }

    @Override
    public List<Incident> all() {
        return jdbc.query("SELECT * FROM alert_incident ORDER BY since, incident_key", Map.of(), (rs, n) -> incident(rs));
    }

    private static MapSqlParameterSource keyParams(IncidentKey key) {
        return new MapSqlParameterSource("key", key.toString());
    }

    private static Incident incident(ResultSet rs) throws SQLException {
        return new Incident(rs.getString("incident_id"), new IncidentKey(rs.getString("partner"), rs.getString("procedure_code"),
                rs.getString("error_class")), instant(rs, "since"), instant(rs, "last_seen"), rs.getInt("occurrences"),
                instant(rs, "recovered_at"));
    }
}
