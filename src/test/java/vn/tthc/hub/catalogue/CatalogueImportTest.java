package vn.tthc.hub.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tthc.hub.catalogue.CatalogueFiles.Table;

/** Import of the catalogue tables: the whole file is validated, every error named, nothing changed unless all is good. */
class CatalogueImportTest {
    static final Path ORIGINAL = Path.of("mappings/catalogue");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Predicate<String> CONFIGURED = Set.of("ministry-G06", "ministry-G15", "ministry-G17")::contains;
    static final String ROUTING_HEADER = "national_code,handler,effective_from,effective_to,note\n";

    @TempDir
    Path dir;
    CatalogueHolder holder;
    byte[] routingBefore;

    @BeforeEach
    void copy() throws Exception {
        for (String f : List.of("procedures.csv", "routing.csv")) {
            Files.copy(ORIGINAL.resolve(f), dir.resolve(f));
        }
        routingBefore = Files.readAllBytes(dir.resolve("routing.csv"));
        holder = CatalogueHolder.load(dir, Clock.fixed(Instant.parse("2026-11-23T03:00:00Z"), ZoneOffset.UTC));
    }

    CatalogueHolder.ImportResult routing(String body) {
        return holder.importFile(Table.ROUTING, "routing.csv", (ROUTING_HEADER + body).getBytes(StandardCharsets.UTF_8),
                false, CONFIGURED, TODAY);
    }

    @Test
    void everyBadLineIsNamedWithItsColumnAndNothingChanges() throws Exception {
        CatalogueHolder.Snapshot before = holder.snapshot();
        CatalogueHolder.ImportResult r = routing("""
                1.011801,ministry-G06,2026-01-01,,ok
                9.999999,ministry-G06,2026-01-01,,unknown code
                1.011802,ministry-X,2026-01-01,,bad handler
                2.001501,ministry-G15,2026-13-01,,bad date
                1.001502,ministry-G15,01/01/2026,,not iso
                1.009701,ministry-G17,2026-02-01,2026-01-01,backwards
                1.011801,province,2025-06-01,2026-06-01,overlaps line 2
                1.009702,ministry-G99,2026-01-01,,not configured
                1.009702,ministry-G17
                """);
        assertThat(r.ok()).isFalse();
        assertThat(r.imported()).isFalse();
        assertThat(r.problems()).extracting(CatalogueProblem::line, CatalogueProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "national_code"),
                org.assertj.core.groups.Tuple.tuple(4, "handler"),
                org.assertj.core.groups.Tuple.tuple(5, "effective_from"),
                org.assertj.core.groups.Tuple.tuple(6, "effective_from"),
                org.assertj.core.groups.Tuple.tuple(7, "effective_to"),
                org.assertj.core.groups.Tuple.tuple(8, "effective_from"),
                org.assertj.core.groups.Tuple.tuple(9, "handler"),
                org.assertj.core.groups.Tuple.tuple(10, null));
        assertThat(r.problems().get(0).rule()).contains("'9.999999' is not in the procedure catalogue");
        assertThat(r.problems().get(2).rule()).isEqualTo("effective_from '2026-13-01' is not a valid date");
        assertThat(r.problems().get(3).rule()).isEqualTo("effective_from '01/01/2026' must be a date yyyy-MM-dd");
        assertThat(r.problems().get(5).rule()).contains("overlap", "with line 2");
        assertThat(r.problems().get(6).rule()).contains("'ministry-G99' is not configured");
        assertThat(r.problems().get(7).rule()).contains("expected 5 columns");
        assertThat(r.problems().get(0).toString()).startsWith("line 3, national_code: ");
        assertThat(r.problems()).extracting(CatalogueProblem::code).containsExactly("unknown-procedure", "handler-format",
                "date-invalid", "date-format", "period", "overlap", "handler-not-configured", "columns");
        // nothing changed: the same snapshot, the same file, no backup
        assertThat(holder.snapshot()).isSameAs(before);
        assertThat(Files.readAllBytes(dir.resolve("routing.csv"))).isEqualTo(routingBefore);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("procedures.csv", "routing.csv");
        }
    }

    @Test
    void procedureRulesDuplicatesAndRemovedRoutedCodes() {
        String header = "local_code,national_code,name,sector_code,sector_name\n";
        CatalogueHolder.ImportResult r = holder.importFile(Table.PROCEDURES, "p.csv", (header + """
                2.000477.000.00.00.H56,2.000477,Tên,S,N
                2.000477.000.00.00.H56,2.000478,Trùng mã tỉnh,S,N
                3.000001,3.00001,Mã sai,S,N
                2.000479.000.00.00.H56,2.000480,Mã tỉnh không khớp,S,N
                2.000481,2.000481,,S,N
                2.000477,2.000477,Trùng mã quốc gia,S,N
                1.000001,1.000001,"Tên, chưa đóng
                """).getBytes(StandardCharsets.UTF_8), false, CONFIGURED, TODAY);
        assertThat(r.problems()).extracting(CatalogueProblem::line, CatalogueProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "local_code"), // not the variant of its national code
                org.assertj.core.groups.Tuple.tuple(3, "local_code"), // and a duplicate: several errors of one row
                org.assertj.core.groups.Tuple.tuple(4, "national_code"),
                org.assertj.core.groups.Tuple.tuple(5, "local_code"),
                org.assertj.core.groups.Tuple.tuple(6, "name"),
                org.assertj.core.groups.Tuple.tuple(7, "national_code"),
                org.assertj.core.groups.Tuple.tuple(8, null));
        assertThat(r.problems().get(1).rule()).isEqualTo("local_code '2.000477.000.00.00.H56' is a duplicate of line 2");
        assertThat(r.problems().get(6).rule()).contains("unterminated double quote");
        assertThat(holder.catalogue().all()).hasSize(16);

        // a valid file that drops a procedure the routing table in use still routes: refused, naming it
        CatalogueHolder.ImportResult dropped = holder.importFile(Table.PROCEDURES, "p.csv",
                (header + "2.000477.000.00.00.H56,2.000477,Tên,S,N\n").getBytes(StandardCharsets.UTF_8), false, CONFIGURED, TODAY);
        assertThat(dropped.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.rule()).contains("routing.csv line"));
        assertThat(holder.catalogue().all()).hasSize(16);
        // a bad header: one error, on the header line
        assertThat(holder.importFile(Table.PROCEDURES, "p.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8), false, CONFIGURED, TODAY)
                .problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(1));
        // not UTF-8
        assertThat(holder.importFile(Table.PROCEDURES, "p.csv", new byte[] {(byte) 0xC3, (byte) 0x28}, false, CONFIGURED, TODAY)
                .problems()).singleElement().satisfies(p -> assertThat(p.rule()).contains("not valid UTF-8"));
    }

    @Test
    void aFutureMinistryNotConfiguredYetIsAWarningNotAnError() {
        CatalogueHolder.ImportResult r = holder.importFile(Table.ROUTING, "routing.csv", routingBefore, true, CONFIGURED, TODAY);
        assertThat(r.ok()).isTrue();
        assertThat(r.dryRun()).isTrue();
        assertThat(r.imported()).isFalse();
        assertThat(r.warnings()).singleElement().satisfies(w -> {
            assertThat(w.field()).isEqualTo("handler");
            assertThat(w.rule()).contains("ministry-G16", "2027-07-01");
        });
    }

    @Test
    void aGoodImportSwapsTheSnapshotAndWritesTheFileBackKeepingABackup() throws Exception {
        assertThat(holder.routing().handlerFor("2.000477", TODAY)).isEqualTo("province");
        String body = new String(routingBefore, StandardCharsets.UTF_8) + "2.000477,ministry-G06,2026-11-01,,moved\n";
        CatalogueHolder.ImportResult dry = holder.importFile(Table.ROUTING, "routing.csv", body.getBytes(StandardCharsets.UTF_8),
                true, CONFIGURED, TODAY);
        assertThat(dry.ok()).isTrue();
        assertThat(holder.routing().handlerFor("2.000477", TODAY)).as("dry run changes nothing").isEqualTo("province");

        CatalogueHolder.ImportResult r = holder.importFile(Table.ROUTING, "routing.csv", body.getBytes(StandardCharsets.UTF_8),
                false, CONFIGURED, TODAY);
        assertThat(r.imported()).isTrue();
        assertThat(r.rows()).isEqualTo(r.before() + 1);
        assertThat(holder.routing().handlerFor("2.000477", TODAY)).isEqualTo("ministry-G06");
        assertThat(Files.readString(dir.resolve("routing.csv"))).isEqualTo(body);
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> backups = files.filter(p -> p.getFileName().toString().matches("routing\\.csv\\.\\d{8}T\\d{9}Z\\.bak")).toList();
            assertThat(backups).singleElement().satisfies(b -> assertThat(Files.readAllBytes(b)).isEqualTo(routingBefore));
        }
        // a restart reads what was imported
        assertThat(CatalogueHolder.load(dir, Clock.systemUTC()).routing().handlerFor("2.000477", TODAY)).isEqualTo("ministry-G06");
    }

    @Test
    void csvExportRoundTripsByteForByte() {
        for (Table t : Table.values()) {
            byte[] csv = CatalogueFiles.csv(t.header(), holder.rows(t));
            CatalogueHolder.ImportResult r = holder.importFile(t, t.fileName(), csv, false, CONFIGURED, TODAY);
            assertThat(r.problems()).as(t.id()).isEmpty();
            assertThat(CatalogueFiles.csv(t.header(), holder.rows(t))).as(t.id()).isEqualTo(csv);
        }
        // quoting: the name with commas survives
        assertThat(holder.catalogue().find("2.002811").orElseThrow().name()).contains("thử nghiệm, giám định");
        assertThat(new String(CatalogueFiles.csv(Table.PROCEDURES.header(), holder.rows(Table.PROCEDURES)), StandardCharsets.UTF_8))
                .contains("\"Chỉ định tổ chức đánh giá sự phù hợp hoạt động thử nghiệm, giám định, kiểm định, chứng nhận\"");
    }

    @Test
    void xlsxExportImportsBackToTheSameRowsAndErrorsNameTheSheetRow() throws Exception {
        for (Table t : Table.values()) {
            List<List<String>> rows = holder.rows(t);
            byte[] xlsx = CatalogueFiles.xlsx(t, rows);
            CatalogueHolder.ImportResult r = holder.importFile(t, t.id() + ".xlsx", xlsx, false, CONFIGURED, TODAY);
            assertThat(r.problems()).as(t.id()).isEmpty();
            assertThat(r.imported()).isTrue();
            assertThat(holder.rows(t)).as(t.id()).isEqualTo(rows);
            // written back as the CSV the hub reads at start
            assertThat(Files.readAllBytes(dir.resolve(t.fileName()))).isEqualTo(CatalogueFiles.csv(t.header(), rows));
        }
        List<List<String>> bad = new java.util.ArrayList<>(holder.rows(Table.ROUTING));
        bad.set(2, List.of("1.011802", "ministry-G06", "2026-01-32", "", "bad date"));
        CatalogueHolder.ImportResult r = holder.importFile(Table.ROUTING, "routing.xlsx", CatalogueFiles.xlsx(Table.ROUTING, bad),
                false, CONFIGURED, TODAY);
        assertThat(r.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).as("sheet row 4: header in row 1").isEqualTo(4);
            assertThat(p.field()).isEqualTo("effective_from");
        });
        assertThat(holder.importFile(Table.ROUTING, "x.xlsx", "not a workbook".getBytes(StandardCharsets.UTF_8), false, CONFIGURED, TODAY)
                .problems()).singleElement().satisfies(p -> assertThat(p.rule()).contains("not a readable Excel workbook"));
    }

    @Test
    void aFileChangedOnDiskByAnotherInstanceIsTakenABadOneIsNot() throws Exception {
        assertThat(holder.reloadIfChanged()).as("unchanged").isFalse();
        Path routingCsv = dir.resolve("routing.csv");
        Files.writeString(routingCsv, new String(routingBefore, StandardCharsets.UTF_8) + "2.000477,ministry-G06,2026-01-01,,shared\n");
        Files.setLastModifiedTime(routingCsv, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(holder.reloadIfChanged()).isTrue();
        assertThat(holder.routing().handlerFor("2.000477", TODAY)).isEqualTo("ministry-G06");

        CatalogueHolder.Snapshot good = holder.snapshot();
        Files.writeString(routingCsv, ROUTING_HEADER + "2.000477,ministry-G06,2026-01-0x,,broken\n");
        Files.setLastModifiedTime(routingCsv, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10000));
        org.assertj.core.api.Assertions.assertThatThrownBy(holder::reloadIfChanged).isInstanceOf(CsvFormatException.class)
                .hasMessageContaining("line 2");
        assertThat(holder.snapshot()).as("a bad file is not taken").isSameAs(good);
        assertThat(holder.reloadIfChanged()).as("reported once").isFalse();

        // the holder's own write-back is not taken for someone else's change
        holder.importFile(Table.ROUTING, "routing.csv", routingBefore, false, CONFIGURED, TODAY);
        assertThat(holder.reloadIfChanged()).isFalse();
        assertThat(holder.routing().handlerFor("2.000477", TODAY)).isEqualTo("province");
    }
}
