package vn.tthc.hub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.dossier.Dossier;

/** The report's periods and the portal's on-time rule, counted per agency and procedure. */
class StatisticsTest {
    static final ReportPeriod WEEK = ReportPeriod.of("weekly", "2026-W48", LocalDate.of(2026, 12, 3));

    static Dossier dossier(String agency, String procedure, Instant received, Instant due, Instant finished, int supplements) {
        List<Dossier.ProgressStep> steps = new ArrayList<>();
        for (int i = 0; i < supplements; i++) {
            steps.add(new Dossier.ProgressStep(received, "A", null, null, "Yêu cầu bổ sung", 5, null, null));
        }
        return new Dossier(agency + "-261123-0001", null, 1L, "province", received, agency, null, procedure, null, null, null, null, null,
                null, received, received, due, null, finished, null, finished == null ? 4 : 9, null, 0, null, null, 2, null, null, null, null,
                null, null, null, null, steps);
    }

    @Test
    void periodsAreVietnamWeeksAndMonthsAndTheLastCompleteOneByDefault() {
        assertThat(WEEK.start()).isEqualTo(Instant.parse("2026-11-22T17:00:00Z")); // Monday 23/11 00:00 +07:00
        assertThat(WEEK.end()).isEqualTo(Instant.parse("2026-11-29T17:00:00Z"));
        assertThat(ReportPeriod.of("weekly", null, LocalDate.of(2026, 12, 3)).label()).isEqualTo("2026-W48");
        ReportPeriod nov = ReportPeriod.of("monthly", null, LocalDate.of(2026, 12, 3));
        assertThat(nov.label()).isEqualTo("2026-11");
        assertThat(nov.start()).isEqualTo(Instant.parse("2026-10-31T17:00:00Z"));
        assertThatThrownBy(() -> ReportPeriod.of("weekly", "2026-48", LocalDate.now())).hasMessageContaining("yyyy-Www");
        assertThatThrownBy(() -> ReportPeriod.of("monthly", "11/2026", LocalDate.now())).hasMessageContaining("yyyy-MM");
        assertThatThrownBy(() -> ReportPeriod.of("yearly", null, LocalDate.now())).hasMessageContaining("weekly or monthly");
    }

    @Test
    void onTimeByThePortalsRule() {
        Instant in = Instant.parse("2026-11-24T02:00:00Z");
        Instant due = Instant.parse("2026-11-27T10:00:00Z");
        assertThat(Statistics.onTime(dossier("A", "1.1", in, due, due, 0))).as("ended on the due time").isTrue();
        assertThat(Statistics.onTime(dossier("A", "1.1", in, due, due.minusSeconds(3600), 1))).as("one supplement request").isTrue();
        assertThat(Statistics.onTime(dossier("A", "1.1", in, due, due.minusSeconds(3600), 2))).as("two supplement requests").isFalse();
        assertThat(Statistics.onTime(dossier("A", "1.1", in, due, due.plusSeconds(1), 0))).as("a second late").isFalse();
        assertThat(Statistics.onTime(dossier("A", "1.1", in, null, due, 0))).as("no due date").isFalse();
    }

    @Test
    void dossiersAreCountedPerAgencyAndProcedureInThePeriodOnly() {
        Statistics s = new Statistics(WEEK);
        Instant in = Instant.parse("2026-11-24T02:00:00Z");
        Instant due = Instant.parse("2026-11-27T10:00:00Z");
        s.add(dossier("A", "1.1", in, due, due, 0), true);
        s.add(dossier("A", "1.1", in, due, due.plusSeconds(60), 0), false);
        s.add(dossier("A", "1.1", in, due, null, 0), true);
        s.add(dossier("A", "2.2", Instant.parse("2026-11-01T00:00:00Z"), due, due, 3), true); // received before, finished (late) in
        s.add(dossier("B", "1.1", Instant.parse("2026-12-01T00:00:00Z"), null, null, 0), true); // after the week: nothing
        s.addFailures("A", "1.1", 4);
        s.addReconciliation("A", "2.2", 3, 2);
        s.addReconciliation("C", null, 1, 0); // a difference alone makes a line; no procedure counts under "?"
        assertThat(s.rows()).containsExactly(new ReportRow("A", "1.1", 3, 2, 2, 1, 1, 4, 0, 0), new ReportRow("A", "2.2", 0, 0, 1, 0, 1, 0, 3, 2),
                new ReportRow("C", "?", 0, 0, 0, 0, 0, 0, 1, 0));
        assertThat(s.agencyTotals()).containsExactly(new ReportRow("A", "*", 3, 2, 3, 1, 2, 4, 3, 2), new ReportRow("C", "*", 0, 0, 0, 0, 0, 0, 1, 0));
        assertThat(s.agencyTotals().get(0).onTimePercent()).isEqualTo(33.3);
        assertThat(s.total()).isEqualTo(new ReportRow("*", "*", 3, 2, 3, 1, 2, 4, 4, 2));
    }

    @Test
    void csvHasABomAndVietnameseHeaders() {
        String csv = new String(ReportExport.csv(List.of(new ReportRow("A", "1.1", 3, 2, 2, 1, 1, 4, 5, 3)), "vi"),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF\"Mã cơ quan\",\"Mã thủ tục\",\"Tiếp nhận\"")
                .contains("\"Lỗi đồng bộ\",\"Sai lệch đối soát\",\"Sai lệch đã tự khắc phục\"\r\n")
                .contains("\"A\",\"1.1\",3,2,2,1,1,50.0,4,5,3\r\n");
        assertThat(new String(ReportExport.csv(List.of(), "en"), java.nio.charset.StandardCharsets.UTF_8))
                .contains("Agency code", "\"Reconciliation differences\",\"Differences healed\"");
    }
}
