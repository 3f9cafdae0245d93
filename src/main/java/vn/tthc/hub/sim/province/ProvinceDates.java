package vn.tthc.hub.sim.province;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** Date helpers of the province system: Asia/Ho_Chi_Minh, ISO-8601 with the +07:00 offset, working days. */
public final class ProvinceDates {

    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    /** Business dates (applied, accepted, process times): whole seconds. */
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
    /** {@code updatedDate}: always three fraction digits, as in the sample record. */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final LocalTime OFFICE_CLOSE = LocalTime.of(17, 0);

    private ProvinceDates() {
    }

    /** {@code 2026-11-23T08:01:10+07:00}. */
    public static String seconds(Instant t) {
        return t == null ? null : SECONDS.format(t.atZone(ZONE));
    }

    /** {@code 2026-11-23T09:15:02.123+07:00}. */
    public static String millis(Instant t) {
        return MILLIS.format(t.atZone(ZONE));
    }

    /** {@code yyMMdd} of the local day of {@code t}, as used in dossier codes. */
    public static String day(Instant t) {
        return DAY.format(t.atZone(ZONE));
    }

    /**
     * Parses an ISO-8601 date-time that carries an offset ({@code +07:00} or {@code Z}). A space in
     * place of the offset's {@code +} (an unencoded {@code +} in a query string) is tolerated.
     *
     * @throws DateTimeParseException when the text is not such a date-time
     */
    public static Instant parseOffset(String text) {
        String s = text.trim();
        if (s.length() > 19 && s.charAt(s.length() - 6) == ' ') {
            s = s.substring(0, s.length() - 6) + '+' + s.substring(s.length() - 5);
        }
        return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    }

    /** Truncates to whole seconds (business dates carry no fraction). */
    public static Instant wholeSeconds(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    /** 17:00 of the {@code days}-th working day (Monday–Friday) after the local day of {@code from}. */
    public static Instant addWorkingDays(Instant from, int days) {
        LocalDate d = from.atZone(ZONE).toLocalDate();
        int left = days;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return ZonedDateTime.of(d, OFFICE_CLOSE, ZONE).toInstant();
    }

    /** 17:00 of the same day when {@code t} is a working day before 17:00, else of the next working day. */
    public static Instant endOfWorkingDay(Instant t) {
        ZonedDateTime z = t.atZone(ZONE);
        LocalDate d = z.toLocalDate();
        if (!isWorkingDay(d) || !z.toLocalTime().isBefore(OFFICE_CLOSE)) {
            do {
                d = d.plusDays(1);
            } while (!isWorkingDay(d));
        }
        return ZonedDateTime.of(d, OFFICE_CLOSE, ZONE).toInstant();
    }

    /** 17:00 of the working day before the local day of {@code t}. */
    public static Instant previousWorkingDay(Instant t) {
        LocalDate d = t.atZone(ZONE).toLocalDate();
        do {
            d = d.minusDays(1);
        } while (!isWorkingDay(d));
        return ZonedDateTime.of(d, OFFICE_CLOSE, ZONE).toInstant();
    }

    private static boolean isWorkingDay(LocalDate d) {
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
