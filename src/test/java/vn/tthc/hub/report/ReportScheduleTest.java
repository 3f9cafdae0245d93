package vn.tthc.hub.report;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.text.ParseException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.quartz.CronExpression;

/**
 * The schedule of the report mails: the default crons fire on Monday 07:00 and on the 1st at 07:00 in
 * Vietnam time, and a report fired then is about the previous ISO week or month; the settings are
 * checked at start; the mail's summary is Vietnamese with the glossary's number format.
 */
class ReportScheduleTest {
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    /** When the cron of a kind fires next after {@code after}, as Quartz computes it in the settings' time zone. */
    static Instant nextFire(ReportProperties props, String kind, Instant after) throws ParseException {
        CronExpression cron = new CronExpression(props.cronOf(kind));
        cron.setTimeZone(TimeZone.getTimeZone(props.zone()));
        return cron.getNextValidTimeAfter(Date.from(after)).toInstant();
    }

    static Instant vn(String local) {
        return OffsetDateTime.parse(local + "+07:00").toInstant();
    }

    @Test
    void theWeeklyReportFiresOnMonday7InVietnamForThePreviousIsoWeek() throws Exception {
        ReportProperties defaults = new ReportProperties();
        Instant fire = nextFire(defaults, "weekly", vn("2026-11-26T12:00:00"));
        assertThat(fire).isEqualTo(vn("2026-11-30T07:00:00")); // Monday
        assertThat(ReportMailer.periodAt("weekly", fire, defaults.zone()).label()).isEqualTo("2026-W48"); // 23/11–29/11
        // across the year's end: ISO week 1 of 2026 starts on Monday 29/12/2025
        Instant january = nextFire(defaults, "weekly", vn("2026-01-01T00:00:00"));
        assertThat(january).isEqualTo(vn("2026-01-05T07:00:00"));
        assertThat(ReportMailer.periodAt("weekly", january, VN).label()).isEqualTo("2026-W01");
        assertThat(ReportMailer.periodAt("weekly", vn("2025-12-29T07:00:00"), VN).label()).isEqualTo("2025-W52");
        // a late fire (a misfire after a restart on Tuesday) still reports the same week
        assertThat(ReportMailer.periodAt("weekly", vn("2026-12-01T10:00:00"), VN).label()).isEqualTo("2026-W48");
    }

    @Test
    void theMonthlyReportFiresOnThe1stAt7ForThePreviousMonth() throws Exception {
        ReportProperties defaults = new ReportProperties();
        Instant fire = nextFire(defaults, "monthly", vn("2026-11-15T09:00:00"));
        assertThat(fire).isEqualTo(vn("2026-12-01T07:00:00"));
        assertThat(ReportMailer.periodAt("monthly", fire, defaults.zone()).label()).isEqualTo("2026-11");
        Instant newYear = nextFire(defaults, "monthly", vn("2026-12-20T09:00:00"));
        assertThat(newYear).isEqualTo(vn("2027-01-01T07:00:00"));
        assertThat(ReportMailer.periodAt("monthly", newYear, VN).label()).isEqualTo("2026-12");
    }

    @Test
    void thePeriodIsChosenOnTheDayOfTheConfiguredZone() throws Exception {
        ReportProperties early = new ReportProperties();
        early.setWeeklyCron("0 0 5 ? * MON"); // Monday 05:00 in Vietnam is still Sunday in UTC
        Instant fire = nextFire(early, "weekly", vn("2026-11-26T12:00:00"));
        assertThat(fire).isEqualTo(Instant.parse("2026-11-29T22:00:00Z"));
        assertThat(ReportMailer.periodAt("weekly", fire, VN).label()).isEqualTo("2026-W48");
        assertThat(ReportMailer.periodAt("weekly", fire, ZoneOffset.UTC).label()).isEqualTo("2026-W47");
        // the cron follows its zone too: the same cron in UTC fires seven hours later
        early.setTimeZone("UTC");
        assertThat(nextFire(early, "weekly", vn("2026-11-26T12:00:00"))).isEqualTo(Instant.parse("2026-11-30T05:00:00Z"));
    }

    @Test
    void wrongSettingsAreRefusedAtStart() {
        Validator v = Validation.buildDefaultValidatorFactory().getValidator();
        ReportProperties ok = new ReportProperties();
        ok.setRecipients(List.of("tich-hop@localhost", "truong-phong@sokhcn.example.gov.vn"));
        assertThat(v.validate(ok)).isEmpty();
        ReportProperties wrong = new ReportProperties();
        wrong.setWeeklyCron("every monday");
        wrong.setTimeZone("Asia/Hanoi_City");
        wrong.setLanguage("fr");
        wrong.setRecipients(List.of("not an address"));
        assertThat(v.validate(wrong)).extracting(c -> c.getPropertyPath().toString())
                .containsExactlyInAnyOrder("cronValid", "timeZoneValid", "language", "recipients[0].<list element>");
    }

    @Test
    void theSummaryIsVietnameseWithTheGlossarysNumbersAndNoPersonalNumber() {
        ReportPeriod week = ReportPeriod.of("weekly", "2026-W48", java.time.LocalDate.of(2026, 12, 3));
        Statistics s = new Statistics(week);
        Instant in = Instant.parse("2026-11-24T02:00:00Z");
        Instant due = Instant.parse("2026-11-27T10:00:00Z");
        s.add(StatisticsTest.dossier("000.00.06.H56", "1.001229", in, due, due, 0), true);
        s.add(StatisticsTest.dossier("000.00.06.H56", "1.001229", in, due, due, 0), true);
        s.add(StatisticsTest.dossier("000.00.06.H56", "1.001229", in, due, due.plusSeconds(60), 0), false);
        s.addFailures("000.00.06.H56", "1.001229", 12345);
        s.addReconciliation("000.00.06.H56", "1.001229", 7, 5);
        ReportMailComposer.Text vi = new ReportMailComposer("vi", "http://hub.sokhcn.example/").compose(s, "a.xlsx", "a.csv");
        assertThat(vi.subject()).isEqualTo("[tthc-hub] Báo cáo tuần 48/2026 (23/11/2026 – 29/11/2026)");
        assertThat(vi.body()).contains("từ 23/11/2026 đến hết 29/11/2026", "- Tiếp nhận: 3 hồ sơ", "- Đã đồng bộ lên Cổng DVCQG: 2 hồ sơ",
                "đúng hạn 66,7 % (2 hồ sơ), trễ hạn 1 hồ sơ", "- Lỗi đồng bộ: 12.345 lần gửi", "- Đối soát: 7 sai lệch, 5 đã tự khắc phục",
                "Tải báo cáo: http://hub.sokhcn.example/api/v1/reports/weekly?period=2026-W48&format=xlsx")
                .doesNotContain("Không đọc được");
        ReportMailComposer.Text en = new ReportMailComposer("en", "http://hub.sokhcn.example").compose(s, "a.xlsx", "a.csv");
        assertThat(en.subject()).isEqualTo("[tthc-hub] Weekly report 48/2026 (23/11/2026 – 29/11/2026)");
        assertThat(en.body()).contains("on time 66.7% (2 dossiers)", "Sync failures: 12,345 attempts",
                "http://hub.sokhcn.example/api/v1/reports/weekly?period=2026-W48&format=xlsx&lang=en");
        ReportMailComposer.Text month = new ReportMailComposer("vi", "http://x/")
                .compose(new Statistics(ReportPeriod.of("monthly", "2026-02", java.time.LocalDate.of(2026, 3, 1))), "b.xlsx", "b.csv");
        assertThat(month.subject()).isEqualTo("[tthc-hub] Báo cáo tháng 02/2026 (01/02/2026 – 28/02/2026)");
        assertThat(month.body()).contains("đúng hạn 100 % (0 hồ sơ)");
        assertThat(Pattern.compile("(?<!\\d)\\d{9,12}(?!\\d)").matcher(vi.subject() + vi.body() + en.body()).find()).isFalse();
    }
}
