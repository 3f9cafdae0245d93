package vn.tthc.hub.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing table: handlers by reception date at the period boundaries, the province fallback, and every validation rule with its line. */
class CatalogueRoutingTest {

    static final Path ROUTING = Path.of("mappings/catalogue/routing.csv");
    static final ProcedureCatalogue CATALOGUE = ProcedureCatalogue.load(CatalogueTest.PROCEDURES);
    static final String HEADER = "national_code,handler,effective_from,effective_to,note\n";
    /** Header on line 3, so the first row is line 4. */
    static final String PREAMBLE = "# Routing\n\n" + HEADER;

    @TempDir
    Path dir;

    // ---- the shipped table ----

    @Test
    void shippedTableLoadsAndRoutesByReceptionDate() {
        ProcedureRouting routing = ProcedureRouting.load(ROUTING, CATALOGUE);
        assertThat(routing.handlers()).containsExactly("ministry-G06", "ministry-G15", "ministry-G16", "ministry-G17", "province");
        // 2025-12-31T23:59:59+07:00 is still the province's, 2026-01-01T00:00+07:00 (17:00Z the day before) the ministry's
        assertThat(routing.handlerFor("1.011801", Instant.parse("2025-12-31T16:59:59Z"))).isEqualTo("province");
        assertThat(routing.handlerFor("1.011801", Instant.parse("2025-12-31T17:00:00Z"))).isEqualTo("ministry-G06");
        assertThat(routing.handlerFor("2.001501", LocalDate.of(2026, 1, 1))).isEqualTo("ministry-G15");
        assertThat(routing.handlerFor("1.009702", LocalDate.of(2026, 11, 23))).isEqualTo("ministry-G17");
        // second phase: to is exclusive
        assertThat(routing.handlerFor("2.002811", LocalDate.of(2026, 2, 28))).isEqualTo("province");
        assertThat(routing.handlerFor("2.002811", LocalDate.of(2026, 3, 1))).isEqualTo("ministry-G06");
        // before the first row: province
        assertThat(routing.handlerFor("1.011801", LocalDate.of(2020, 12, 31))).isEqualTo("province");
        // VHTTDL has not gone live: the procedure stays on the province until 2027-07-01
        assertThat(routing.handlerFor("1.004601", LocalDate.of(2026, 11, 23))).isEqualTo("province");
        assertThat(routing.handlerFor("1.004601", LocalDate.of(2027, 6, 30))).isEqualTo("province");
        assertThat(routing.handlerFor("1.004601", LocalDate.of(2027, 7, 1))).isEqualTo("ministry-G16");
        // no row: the province's own procedures, and codes the table does not know
        assertThat(routing.handlerFor("1.001229", LocalDate.of(2026, 6, 1))).isEqualTo("province");
        assertThat(routing.historyOf("1.001229")).isEmpty();
        assertThat(routing.handlerFor("9.999999", LocalDate.of(2026, 6, 1))).isEqualTo("province");
        assertThat(routing.historyOf(null)).isEmpty();

        assertThat(routing.historyOf("1.011801")).extracting(ProcedureRouting.Route::handler)
                .containsExactly("province", "ministry-G06");
        ProcedureRouting.Route current = routing.historyOf("1.011801").get(1);
        assertThat(current.from()).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(current.to()).isNull();
        assertThat(current.period()).isEqualTo("2026-01-01..open");
        assertThat(current.line()).isEqualTo(13);
        assertThat(current.note()).isEqualTo("Hệ thống TTHC tập trung Bộ KH&CN");
    }

    @Test
    void shippedTableCoversThreeLiveMinistriesAndKeepsTheProvinceProcedures() {
        ProcedureRouting routing = ProcedureRouting.load(ROUTING, CATALOGUE);
        LocalDate today = LocalDate.of(2026, 11, 23);
        var byHandler = CATALOGUE.all().stream().collect(Collectors.groupingBy(
                p -> routing.handlerFor(p.nationalCode(), today), Collectors.counting()));
        assertThat(byHandler.get("ministry-G06")).isGreaterThanOrEqualTo(2);
        assertThat(byHandler.get("ministry-G15")).isGreaterThanOrEqualTo(2);
        assertThat(byHandler.get("ministry-G17")).isGreaterThanOrEqualTo(2);
        assertThat(byHandler).doesNotContainKey("ministry-G16");
        // the province department's original 8 procedures stay on the province
        for (String code : Set.of("2.000477", "1.001229", "1.004444", "2.001234", "1.002345", "1.003456", "2.002567", "1.005678")) {
            assertThat(routing.handlerFor(code, today)).as(code).isEqualTo("province");
        }
    }

    @Test
    void receptionTimeDecidesAndSubmissionDateIsTheFallback() throws IOException {
        ProcedureRouting routing = load(PREAMBLE
                + "1.001229,province,2020-01-01,2026-01-01,\n"
                + "1.001229,ministry-G06,2026-01-01,,\n");
        assertThat(routing.handlerFor("1.001229", Instant.parse("2026-01-02T00:00:00Z"), LocalDate.of(2025, 12, 20)))
                .as("received after go-live").isEqualTo("ministry-G06");
        assertThat(routing.handlerFor("1.001229", null, LocalDate.of(2025, 12, 20)))
                .as("not received: submission date").isEqualTo("province");
        assertThatThrownBy(() -> routing.handlerFor("1.001229", (Instant) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("submission date");
        assertThat(routing.isMinistry("1.001229", LocalDate.of(2026, 1, 1))).isTrue();
        assertThat(routing.handlers()).containsExactly("ministry-G06", "province");
    }

    @Test
    void gapsBetweenPeriodsFallBackToTheProvince() throws IOException {
        ProcedureRouting routing = load(PREAMBLE
                + "1.001229,ministry-G06,2026-01-01,2026-02-01,pilot\n"
                + "1.001229,ministry-G06,2026-03-01,,\n");
        assertThat(routing.handlerFor("1.001229", LocalDate.of(2026, 1, 31))).isEqualTo("ministry-G06");
        assertThat(routing.handlerFor("1.001229", LocalDate.of(2026, 2, 1))).isEqualTo("province");
        assertThat(routing.handlerFor("1.001229", LocalDate.of(2026, 3, 1))).isEqualTo("ministry-G06");
        // adjacent periods (to == next from) do not overlap, in any file order
        ProcedureRouting reversed = load(PREAMBLE
                + "1.001229,ministry-G06,2026-01-01,,\n"
                + "1.001229,province,2020-01-01,2026-01-01,\n");
        assertThat(reversed.historyOf("1.001229")).extracting(ProcedureRouting.Route::handler)
                .as("oldest first").containsExactly("province", "ministry-G06");
    }

    // ---- validation ----

    @Test
    void unknownNationalCodeIsNamed() throws IOException {
        assertThat(failure(PREAMBLE + "1.001229,province,2020-01-01,,\n9.999999,ministry-G06,2026-01-01,,\n").getMessage())
                .endsWith("routing.csv line 5: national_code '9.999999' is not in the procedure catalogue (procedures.csv)");
        assertThat(failure(PREAMBLE + "1.001229.000.00.00.H56,province,2020-01-01,,\n").line())
                .as("a local code is not national").isEqualTo(4);
    }

    @Test
    void badHandlerIsNamed() throws IOException {
        for (String handler : new String[] {"ministry-G6", "ministry-g06", "Province", "ministry-G006", "G06", ""}) {
            CsvFormatException e = failure(PREAMBLE + "1.001229," + handler + ",2026-01-01,,\n");
            assertThat(e.line()).as(handler).isEqualTo(4);
            assertThat(e.rule()).as(handler).isEqualTo("handler '" + handler + "' must be 'province' or 'ministry-Gnn' (e.g. ministry-G06)");
        }
    }

    @Test
    void badDatesAreNamed() throws IOException {
        assertThat(failure(PREAMBLE + "1.001229,ministry-G06,01/01/2026,,\n").getMessage())
                .endsWith("routing.csv line 4: effective_from '01/01/2026' must be a date yyyy-MM-dd");
        assertThat(failure(PREAMBLE + "1.001229,ministry-G06,2026-02-30,,\n").getMessage())
                .endsWith("routing.csv line 4: effective_from '2026-02-30' is not a valid date");
        assertThat(failure(PREAMBLE + "1.001229,ministry-G06,2026-01-01,2026-13-01,\n").getMessage())
                .endsWith("routing.csv line 4: effective_to '2026-13-01' is not a valid date");
        assertThat(failure(PREAMBLE + "1.001229,ministry-G06,,,\n").getMessage())
                .endsWith("routing.csv line 4: effective_from must not be empty (yyyy-MM-dd)");
    }

    @Test
    void fromMustBeBeforeTo() throws IOException {
        assertThat(failure(PREAMBLE + "1.001229,province,2026-01-01,2026-01-01,\n").getMessage())
                .endsWith("routing.csv line 4: effective_from 2026-01-01 must be before effective_to 2026-01-01 (from is inclusive, to exclusive)");
        assertThat(failure(PREAMBLE + "1.001229,province,2026-01-02,2026-01-01,\n").line()).isEqualTo(4);
    }

    @Test
    void overlappingPeriodsAreNamed() throws IOException {
        String rows = "# history\n"
                + "1.001229,province,2020-01-01,2026-01-01,\n"      // line 5
                + "1.004444,ministry-G06,2026-03-01,,\n"            // line 6: another procedure, no conflict
                + "1.001229,ministry-G06,2026-01-01,,\n"            // line 7
                + "\n"
                + "1.001229,ministry-G17,2026-03-01,,\n";           // line 9
        assertThat(failure(PREAMBLE + rows).getMessage()).endsWith(
                "routing.csv line 9: periods of 1.001229 overlap (2026-01-01..open and 2026-03-01..open) with line 7");
        // a closed period inside another, and one straddling the start of another
        assertThat(failure(PREAMBLE + "1.001229,province,2020-01-01,2026-01-01,\n1.001229,ministry-G06,2025-06-01,2025-07-01,\n")
                .rule()).isEqualTo("periods of 1.001229 overlap (2020-01-01..2026-01-01 and 2025-06-01..2025-07-01) with line 4");
        assertThat(failure(PREAMBLE + "1.001229,ministry-G06,2026-01-01,,\n1.001229,province,2020-01-01,2026-01-02,\n").line())
                .isEqualTo(5);
    }

    @Test
    void headerAndColumnsAreChecked() throws IOException {
        assertThat(failure("# c\nnational_code,handler,from,to,note\n").getMessage())
                .contains("routing.csv line 2: header must be 'national_code,handler,effective_from,effective_to,note'");
        assertThat(failure(PREAMBLE + "1.001229,province,2020-01-01\n").getMessage())
                .contains("routing.csv line 4: expected 5 columns");
        assertThat(failure(PREAMBLE + "1.001229,province,2020-01-01,,\"note, with a comma\"\n")).isNull();
        assertThat(catchThrowableOfType(CsvFormatException.class,
                () -> ProcedureRouting.load(dir.resolve("missing.csv"), CATALOGUE)).rule()).contains("cannot be read");
    }

    @Test
    void headerOnlyTableRoutesEverythingToTheProvince() throws IOException {
        ProcedureRouting routing = load(HEADER);
        assertThat(routing.handlers()).isEmpty();
        assertThat(routing.handlerFor("1.011801", LocalDate.of(2026, 6, 1))).isEqualTo("province");
    }

    private ProcedureRouting load(String content) throws IOException {
        return ProcedureRouting.load(write(content), CATALOGUE);
    }

    private CsvFormatException failure(String content) throws IOException {
        Path csv = write(content);
        return catchThrowableOfType(CsvFormatException.class, () -> ProcedureRouting.load(csv, CATALOGUE));
    }

    private Path write(String content) throws IOException {
        Path file = dir.resolve("routing.csv");
        Files.writeString(file, content);
        return file;
    }
}
