package vn.tthc.hub.sync;

import static vn.tthc.hub.sync.SqlValues.cut;
import static vn.tthc.hub.sync.SqlValues.ts;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL of the quarantine aggregate (refused inputs kept with their reasons, a repeat of the same input
 * counted on its first record), run in its callers' transactions.
 */
@Repository
public class QuarantineStore {
    private final NamedParameterJdbcTemplate jdbc;

    public QuarantineStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Quarantines an input, or — when the same payload from the same source is already there —
     * counts the repeat on the existing record and returns its id.
     */
    public Quarantined quarantine(QuarantineRecord q) {
        List<Long> existing = jdbc.query("""
                SELECT id FROM quarantine WHERE payload_hash = :hash AND source = :source AND reason = :reason
                ORDER BY id FETCH FIRST 1 ROWS ONLY""",
                new MapSqlParameterSource("hash", q.payloadHash()).addValue("source", q.source()).addValue("reason", cut(q.reason(), 4000)),
                (rs, n) -> rs.getLong(1));
        if (!existing.isEmpty()) {
            jdbc.update("UPDATE quarantine SET repeats = repeats + 1, last_seen_at = :at WHERE id = :id",
                    new MapSqlParameterSource("id", existing.get(0)).addValue("at", ts(q.receivedAt())));
            return new Quarantined(existing.get(0), true);
        }
        return new Quarantined(insertQuarantine(q), false);
    }

    public long insertQuarantine(QuarantineRecord q) {
        MapSqlParameterSource p = new MapSqlParameterSource()
                .addValue("at", ts(q.receivedAt())).addValue("source", q.source()).addValue("channel", q.channel())
                .addValue("code", q.dossierCode()).addValue("status", q.httpStatus()).addValue("reason", cut(q.reason(), 4000))
                .addValue("errors", cut(q.errorsJson(), 100_000)).addValue("payload", q.payload())
                .addValue("hash", q.payloadHash()).addValue("size", q.payloadSize()).addValue("contentType", cut(q.contentType(), 200));
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.update("""
                INSERT INTO quarantine (received_at, source, channel, dossier_code, http_status, reason, errors, payload, payload_hash, payload_size, content_type)
                VALUES (:at, :source, :channel, :code, :status, :reason, :errors, :payload, :hash, :size, :contentType)""",
                p, keys, new String[] {"id"});
        return keys.getKey().longValue();
    }

    /** Where an input was quarantined, and whether it was already there (a repeat). */
    public record Quarantined(long id, boolean repeat) {
    }

    /** An input kept aside with the reason it was refused. */
    public record QuarantineRecord(Instant receivedAt, String source, String channel, String dossierCode, int httpStatus,
                                   String reason, String errorsJson, String payload, String payloadHash, int payloadSize,
                                   String contentType) {
    }
}
