package vn.tthc.hub.sync;

import static vn.tthc.hub.sync.SqlValues.ts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of the watermark aggregate: how far each source's incremental pull has read. */
@Repository
public class WatermarkStore {
    private final NamedParameterJdbcTemplate jdbc;

    public WatermarkStore(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> watermark(String source) {
        return jdbc.query("SELECT position FROM watermark WHERE source = :source", Map.of("source", source),
                (rs, n) -> rs.getString(1)).stream().findFirst();
    }

    public void saveWatermark(String source, String position, Instant now) {
        MapSqlParameterSource p = new MapSqlParameterSource("source", source).addValue("position", position).addValue("now", ts(now));
        if (jdbc.update("UPDATE watermark SET position = :position, updated_at = :now WHERE source = :source", p) == 0) {
            jdbc.update("INSERT INTO watermark (source, position, updated_at) VALUES (:source, :position, :now)", p);
        }
    }
}
