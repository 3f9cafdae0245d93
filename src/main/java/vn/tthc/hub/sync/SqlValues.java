package vn.tthc.hub.sync;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Conversions every store shares between Java values and their columns (sync, alerts, reconciliation, back-fill). */
public final class SqlValues {
    private SqlValues() {
    }

    /** Instants are bound as UTC OffsetDateTime, the JDBC type both H2 and PostgreSQL map to TIMESTAMP WITH TIME ZONE. */
    public static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    public static Instant instant(ResultSet rs, String col) throws SQLException {
        OffsetDateTime t = rs.getObject(col, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Texts longer than their column are cut, so that they never fail the write they belong to. */
    public static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
