package vn.tthc.hub.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.sync.QuarantineResubmitter;

/**
 * The SELECTs behind the quarantine's API and pages: a filtered, paged search (newest first) and one record in full.
 * Everything a list shows is masked of identity and phone numbers; the payload is read only for the detail.
 */
@Repository
public class QuarantineQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = """
            id, received_at, source, channel, dossier_code, http_status, reason, errors, payload_hash, payload_size, content_type,
            repeats, last_seen_at, state, resolved_at, resolved_by""";

    private final NamedParameterJdbcTemplate jdbc;

    public QuarantineQueries(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of the records matching the filter, the newest first, and how many match in all. */
    public Paged<QuarantineItem> search(QuarantineFilter f, int page, int size) {
        MapSqlParameterSource p = new MapSqlParameterSource();
        String where = where(f, p);
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM quarantine" + where, p, Long.class);
        p.addValue("offset", (long) (page - 1) * size).addValue("limit", size);
        List<QuarantineItem> items = jdbc.query("SELECT " + COLUMNS + " FROM quarantine" + where
                + " ORDER BY id DESC OFFSET :offset ROWS FETCH NEXT :limit ROWS ONLY", p, (rs, n) -> item(rs));
        return Paged.of(items, page, size, total);
    }

    /** Every record of one dossier code (exactly, as stored: masked), newest first: for the dossier's own page. */
    public List<QuarantineItem> ofDossier(String code) {
        return jdbc.query("SELECT " + COLUMNS + " FROM quarantine WHERE dossier_code = :code ORDER BY id DESC FETCH FIRST 100 ROWS ONLY",
                new MapSqlParameterSource("code", Pii.maskText(code)), (rs, n) -> item(rs));
    }

    /** How many records are open (refused and neither re-submitted nor dismissed): what needs a person. */
    public long countOpen() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM quarantine WHERE state = 'OPEN'", new MapSqlParameterSource(), Long.class);
    }

    /** The sources and channels the quarantine holds, for the filters' choices. */
    public List<String> distinct(String column) {
        if (!column.equals("source") && !column.equals("channel")) {
            throw new IllegalArgumentException(column);
        }
        return jdbc.queryForList("SELECT DISTINCT " + column + " FROM quarantine ORDER BY " + column, new MapSqlParameterSource(),
                String.class);
    }

    /** One record; its payload masked unless {@code full}. */
    public Optional<QuarantineDetail> detail(long id, boolean full) {
        return jdbc.query("SELECT " + COLUMNS + """
                , payload, resubmits, last_resubmit_at, last_resubmit_by, resubmit_outcome, resubmit_dossier_code, resubmit_version,
                  resolution_note FROM quarantine WHERE id = :id""", new MapSqlParameterSource("id", id), (rs, n) -> {
            String payload = rs.getString("payload");
            return new QuarantineDetail(item(rs), full ? payload : Pii.maskText(payload), !full,
                    QuarantineResubmitter.kept(payload, rs.getInt("payload_size")), rs.getInt("resubmits"),
                    instant(rs, "last_resubmit_at"), rs.getString("last_resubmit_by"), rs.getString("resubmit_outcome"),
                    rs.getString("resubmit_dossier_code"), rs.getObject("resubmit_version", Long.class),
                    Pii.maskText(rs.getString("resolution_note")));
        }).stream().findFirst();
    }

    private static String where(QuarantineFilter f, MapSqlParameterSource p) {
        // filters are added only when given: PostgreSQL cannot type a bare NULL parameter
        StringBuilder w = new StringBuilder(" WHERE 1 = 1");
        if (f.source() != null) {
            w.append(" AND source = :source");
            p.addValue("source", f.source());
        }
        if (f.channel() != null) {
            w.append(" AND channel = :channel");
            p.addValue("channel", f.channel());
        }
        if (f.code() != null) {
            // codes are stored masked like everything a list shows: searched the same way
            w.append(" AND dossier_code LIKE :code ESCAPE '\\'");
            p.addValue("code", "%" + like(Pii.maskText(f.code())) + "%");
        }
        // the errors column is the JSON array of {field, rule, message}: matched on the JSON text of the field and rule
        if (f.field() != null) {
            w.append(" AND errors LIKE :field ESCAPE '\\'");
            p.addValue("field", "%\"field\":" + like(jsonOpen(Pii.maskText(f.field()))) + "%");
        }
        if (f.rule() != null) {
            w.append(" AND errors LIKE :rule ESCAPE '\\'");
            p.addValue("rule", "%\"rule\":" + like(jsonString(f.rule())) + "%");
        }
        if (f.from() != null) {
            w.append(" AND received_at >= :from");
            p.addValue("from", f.from().atOffset(ZoneOffset.UTC));
        }
        if (f.to() != null) {
            w.append(" AND received_at < :to");
            p.addValue("to", f.to().atOffset(ZoneOffset.UTC));
        }
        if (f.state() != null) {
            w.append(" AND state = :state");
            p.addValue("state", f.state());
        }
        return w.toString();
    }

    private static QuarantineItem item(ResultSet rs) throws SQLException {
        return new QuarantineItem(rs.getLong("id"), instant(rs, "received_at"), rs.getString("source"), rs.getString("channel"),
                Pii.maskText(rs.getString("dossier_code")), rs.getInt("http_status"), Pii.maskText(rs.getString("reason")),
                rs.getString("payload_hash"), rs.getInt("payload_size"), rs.getString("content_type"), rs.getInt("repeats"),
                instant(rs, "last_seen_at"), rs.getString("state"), errors(rs.getString("errors")), instant(rs, "resolved_at"),
                rs.getString("resolved_by"));
    }

    /** The stored field errors (written masked by intake; masked again, should an older row not be). */
    static List<QuarantineError> errors(String json) {
        List<QuarantineError> out = new ArrayList<>();
        try {
            JsonNode tree = json == null ? null : JSON.readTree(json);
            if (tree != null && tree.isArray()) {
                for (JsonNode e : tree) {
                    out.add(new QuarantineError(Pii.maskText(text(e, "field")), text(e, "rule"), Pii.maskText(text(e, "message"))));
                }
            }
        } catch (JsonProcessingException e) {
            out.add(new QuarantineError("errors", "unreadable", "the stored errors are not readable JSON"));
        }
        return out;
    }

    private static String text(JsonNode e, String name) {
        JsonNode v = e.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A string as JSON writes it, with its quotes. */
    private static String jsonString(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A string as JSON writes it, without its closing quote (a prefix of the value). */
    private static String jsonOpen(String s) {
        String q = jsonString(s);
        return q.substring(0, q.length() - 1);
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
