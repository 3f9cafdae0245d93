package vn.tthc.hub.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What the quarantine is searched by (every part optional): source, channel, dossier code (a part of it), field
 * (a prefix of an error's field path, e.g. {@code progress} finds {@code progress[2].startAt}), rule (exact),
 * received from/to and state.
 */
public record QuarantineFilter(String source, String channel, String code, String field, String rule, Instant from, Instant to,
                               String state) {
    static final ZoneId VN = ConsoleTime.VN;
    public static final QuarantineFilter NONE = new QuarantineFilter(null, null, null, null, null, null, null, null);

    /**
     * Reads the request parameters; a bad date or state is refused naming the parameter.
     *
     * @param from a day ({@code 2026-12-03}, from its start in Vietnam) or an instant with offset
     * @param to   a day (to its end, inclusive) or an instant with offset (exclusive)
     */
    public static QuarantineFilter of(String source, String channel, String code, String field, String rule, String from, String to,
                                      String state) {
        return new QuarantineFilter(blank(source), blank(channel), blank(code), blank(field), blank(rule), time("from", from, false),
                time("to", to, true), state(state));
    }

    static String state(String s) {
        String v = blank(s);
        if (v == null || v.equalsIgnoreCase("all")) {
            return null;
        }
        String up = v.toUpperCase(Locale.ROOT);
        if (!up.equals("OPEN") && !up.equals("RESUBMITTED") && !up.equals("DISMISSED")) {
            throw ApiProblem.badRequest("state", "one of open, resubmitted, dismissed");
        }
        return up;
    }

    /** A day or an instant; {@code end}: a day is read as up to its end. */
    static Instant time(String name, String value, boolean end) {
        String v = blank(value);
        if (v == null) {
            return null;
        }
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (end ? day.plusDays(1) : day).atStartOfDay(VN).toInstant();
            }
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name, "a date yyyy-MM-dd or a time with offset (ISO-8601)");
        }
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The state as the pages' filter shows it ({@code open}…, or {@code all}). */
    public String stateParam() {
        return state == null ? "all" : state.toLowerCase(Locale.ROOT);
    }
}
