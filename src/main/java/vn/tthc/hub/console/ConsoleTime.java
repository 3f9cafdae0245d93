package vn.tthc.hub.console;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * How the console writes and reads times: {@code dd/MM/yyyy HH:mm} in Vietnam time (the team's convention), the
 * {@code date} and {@code datetime-local} fields of the filters and forms read in Vietnam time too. Templates call it as
 * {@code ${@consoleTime.time(t)}}; the filters take their days in {@link #VN}.
 */
@Component("consoleTime")
public class ConsoleTime {
    public static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SCREEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VN);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(VN);
    private static final DateTimeFormatter INPUT_DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(VN);
    private static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(VN);

    /** {@code 03/12/2026 08:15}, or empty for none. */
    public String time(Instant t) {
        return t == null ? "" : SCREEN.format(t);
    }

    public String day(Instant t) {
        return t == null ? "" : DAY.format(t);
    }

    /** A filter's day as its {@code date} input shows it ({@code 2026-12-03}). */
    public String inputDay(Instant t) {
        return t == null ? "" : INPUT_DAY.format(t);
    }

    /** The value of a {@code datetime-local} field showing {@code t}. */
    public String field(Instant t) {
        return t == null ? "" : FIELD.format(t);
    }

    /** A {@code datetime-local} value ({@code 2026-12-03T08:15}, seconds optional) in Vietnam time; null when blank. */
    public static Instant parseField(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.trim()).atZone(VN).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(value);
        }
    }

    /** A duration in whole minutes and seconds, for a run's length. */
    public String length(Instant from, Instant to) {
        if (from == null || to == null) {
            return "";
        }
        long s = Math.max(0, java.time.Duration.between(from, to).getSeconds());
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
