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
     * Quarantines an input, or — when the same payload from the same source is already there, refused for the same
     * reason — counts the repeat on the existing record and returns its id. A record that was re-submitted and accepted
     * is not counted on: the same input refused again later is a new refusal (its cause came back), kept as a new
     * record. A dismissed one is: a pull re-reading a dismissed input must not bring it back as a new open record.
     */
    public Quarantined quarantine(QuarantineRecord q) {
        List<Long> existing = jdbc.query("""
                SELECT id FROM quarantine WHERE payload_hash = :hash AND source = :source AND reason = :reason
                  AND state <> 'RESUBMITTED'
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

    /**
     * A re-submitted record refused again: the same record takes the new refusal (status, reason, errors, the code it
     * names) and counts the attempt — no second record for the same input. Its state is left as it is.
     */
    public Quarantined refusedAgain(long id, QuarantineRecord q) {
        MapSqlParameterSource p = new MapSqlParameterSource("id", id)
                .addValue("at", ts(q.receivedAt())).addValue("code", q.dossierCode()).addValue("status", q.httpStatus())
                .addValue("reason", cut(q.reason(), 4000)).addValue("errors", cut(q.errorsJson(), 100_000));
        int n = jdbc.update("""
                UPDATE quarantine SET http_status = :status, reason = :reason, errors = :errors,
                  dossier_code = COALESCE(:code, dossier_code), last_seen_at = :at
                WHERE id = :id""", p);
        if (n == 0) {
            throw new IllegalStateException("quarantine record #" + id + " does not exist");
        }
        return new Quarantined(id, true);
    }

    /** One record as a re-submit needs it: where it came from, what was kept of it and its state. */
    public java.util.Optional<Held> held(long id) {
        return jdbc.query("""
                SELECT id, source, channel, payload, payload_size, content_type, state FROM quarantine WHERE id = :id""",
                new MapSqlParameterSource("id", id),
                (rs, n) -> new Held(rs.getLong("id"), rs.getString("source"), rs.getString("channel"), rs.getString("payload"),
                        rs.getInt("payload_size"), rs.getString("content_type"), State.valueOf(rs.getString("state"))))
                .stream().findFirst();
    }

    /** Counts a re-submit attempt (whatever its outcome): who and when. */
    public void resubmitAttempted(long id, String by, Instant at) {
        jdbc.update("UPDATE quarantine SET resubmits = resubmits + 1, last_resubmit_at = :at, last_resubmit_by = :by WHERE id = :id",
                new MapSqlParameterSource("id", id).addValue("at", ts(at)).addValue("by", cut(by, 200)));
    }

    /**
     * Closes an open record as re-submitted and accepted, with what intake made of it; false when it was no longer open
     * (closed meanwhile by someone else).
     */
    public boolean markResubmitted(long id, String by, Instant at, String outcome, String dossierCode, Long version) {
        return jdbc.update("""
                UPDATE quarantine SET state = 'RESUBMITTED', resolved_at = :at, resolved_by = :by, resubmit_outcome = :outcome,
                  resubmit_dossier_code = :code, resubmit_version = :version
                WHERE id = :id AND state = 'OPEN'""",
                new MapSqlParameterSource("id", id).addValue("at", ts(at)).addValue("by", cut(by, 200))
                        .addValue("outcome", outcome).addValue("code", cut(dossierCode, 64), java.sql.Types.VARCHAR)
                        .addValue("version", version, java.sql.Types.BIGINT)) == 1;
    }

    /** Closes an open record as dismissed with its reason; false when it was no longer open. */
    public boolean dismiss(long id, String by, Instant at, String reason) {
        return jdbc.update("""
                UPDATE quarantine SET state = 'DISMISSED', resolved_at = :at, resolved_by = :by, resolution_note = :note
                WHERE id = :id AND state = 'OPEN'""",
                new MapSqlParameterSource("id", id).addValue("at", ts(at)).addValue("by", cut(by, 200))
                        .addValue("note", cut(reason, 2000))) == 1;
    }

    /** Where a record stands: OPEN until it is re-submitted (and accepted) or dismissed. */
    public enum State { OPEN, RESUBMITTED, DISMISSED }

    /** What a re-submit reads of a record (the payload as kept: whole, or a prefix of an oversize body). */
    public record Held(long id, String source, String channel, String payload, int payloadSize, String contentType, State state) {
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
