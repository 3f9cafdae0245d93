package vn.tthc.hub.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * A reporting period in Vietnam time: an ISO week ({@code 2026-W48}, Monday to Monday) or a month
 * ({@code 2026-11}); without a label, the last complete one before today.
 */
public record ReportPeriod(String kind, String label, Instant start, Instant end) {
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    /**
     * @param kind  {@code weekly} or {@code monthly}
     * @param label the period, or null for the last complete one
     * @throws IllegalArgumentException naming what is wrong
     */
    public static ReportPeriod of(String kind, String label, LocalDate today) {
        switch (kind) {
            case "weekly" -> {
                LocalDate monday;
                if (label == null || label.isBlank()) {
                    monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
                } else {
                    if (!label.matches("\\d{4}-W\\d{2}")) {
                        throw new IllegalArgumentException("period of a weekly report is an ISO week yyyy-Www, e.g. 2026-W48");
                    }
                    int year = Integer.parseInt(label.substring(0, 4));
                    int week = Integer.parseInt(label.substring(6));
                    LocalDate any = LocalDate.of(year, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week);
                    if (week < 1 || week > any.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
                        throw new IllegalArgumentException("week " + week + " does not exist in " + year);
                    }
                    monday = any.with(DayOfWeek.MONDAY);
                }
                String l = monday.get(IsoFields.WEEK_BASED_YEAR) + "-W" + String.format("%02d", monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
                return new ReportPeriod(kind, l, monday.atStartOfDay(VN).toInstant(), monday.plusWeeks(1).atStartOfDay(VN).toInstant());
            }
            case "monthly" -> {
                YearMonth month;
                try {
                    month = label == null || label.isBlank() ? YearMonth.from(today).minusMonths(1) : YearMonth.parse(label);
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("period of a monthly report is yyyy-MM, e.g. 2026-11");
                }
                return new ReportPeriod(kind, month.toString(), month.atDay(1).atStartOfDay(VN).toInstant(),
                        month.plusMonths(1).atDay(1).atStartOfDay(VN).toInstant());
            }
            default -> throw new IllegalArgumentException("report kind is weekly or monthly");
        }
    }

    public boolean contains(Instant t) {
        return t != null && !t.isBefore(start) && t.isBefore(end);
    }
}
