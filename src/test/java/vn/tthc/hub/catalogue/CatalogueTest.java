package vn.tthc.hub.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.tthc.hub.mapping.CodeTables;

/**
 * The procedure catalogue and the code tables: the shipped files load, lookups work, and every
 * broken rule stops loading with the file, the physical line number and the rule.
 */
class CatalogueTest {

    static final Path PROCEDURES = Path.of("mappings/catalogue/procedures.csv");
    static final String HEADER = "local_code,national_code,name,sector_code,sector_name\n";
    static final String PREAMBLE = "# Procedure catalogue\n# edited by operators\n\n" + HEADER;

    @TempDir
    Path dir;

    // ---- procedure catalogue ----

    @Test
    void shippedCatalogueLoadsAndTranslatesCodes() {
        ProcedureCatalogue catalogue = ProcedureCatalogue.load(PROCEDURES);
        assertThat(catalogue.all()).hasSize(16);
        assertThat(catalogue.all().get(0).localCode()).as("file order").isEqualTo("2.000477.000.00.00.H56");
        assertThat(catalogue.toNational("2.000477.000.00.00.H56")).contains("2.000477");
        assertThat(catalogue.toNational("2.000477")).contains("2.000477");
        assertThat(catalogue.toNational("9.999999")).isEmpty();
        assertThat(catalogue.toNational(null)).isEmpty();
        assertThat(catalogue.find("1.001229")).hasValueSatisfying(p -> {
            assertThat(p.localCode()).isEqualTo("1.001229.000.00.00.H56");
            assertThat(p.name()).isEqualTo("Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)");
            assertThat(p.sectorCode()).isEqualTo("KHCN02");
            assertThat(p.sectorName()).isEqualTo("An toàn bức xạ và hạt nhân");
        });
        assertThat(catalogue.isKnownNational("1.004444")).isTrue();
        assertThat(catalogue.isKnownNational("1.004444.000.00.00.H56")).as("a local code is not national").isFalse();
    }

    @Test
    void quotedValuesCommasBomAndCrlfAreAccepted() throws IOException {
        Path csv = write("procedures.csv", "\uFEFF# comment\r\n" + HEADER.replace("\n", "\r\n")
                + "1.000001,1.000001,\"Cấp, cấp lại giấy phép \"\"A\"\"\",S1,Ngành 1\r\n"
                + "  2.000002.000.00.00.G06 , 2.000002 , Đăng ký ,S2,\r\n");
        ProcedureCatalogue catalogue = ProcedureCatalogue.load(csv);
        assertThat(catalogue.find("1.000001")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("Cấp, cấp lại giấy phép \"A\""));
        assertThat(catalogue.toNational("2.000002.000.00.00.G06")).contains("2.000002");
        assertThat(catalogue.find("2.000002")).hasValueSatisfying(p -> assertThat(p.sectorName()).isEmpty());
    }

    @Test
    void badNationalCodeNamesFileLineAndRule() throws IOException {
        // lines: 1-2 comments, 3 blank, 4 header, 5-6 good rows, 7 the bad one
        Path csv = write("procedures.csv", PREAMBLE
                + "2.000477.000.00.00.H56,2.000477,Cấp Giấy chứng nhận,KHCN01,Hoạt động KH&CN\n"
                + "1.001229,1.001229,Cấp giấy phép,KHCN02,An toàn bức xạ\n"
                + "2.00047.000.00.00.H56,2.00047,Sai mã,KHCN01,Hoạt động KH&CN\n");
        CsvFormatException e = failure(csv);
        assertThat(e.getMessage()).endsWith("procedures.csv line 7: national_code '2.00047' must match d.dddddd");
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.file()).isEqualTo(csv.toString());
        assertThat(e.rule()).isEqualTo("national_code '2.00047' must match d.dddddd");
    }

    @Test
    void localCodeMustBeTheNationalCodeOrItsAgencyVariant() throws IOException {
        assertThat(failure(row("2.000478.000.00.00.H56,2.000477,Tên,S,N")).getMessage())
                .contains("procedures.csv line 5: local_code '2.000478.000.00.00.H56' must equal national_code '2.000477'");
        assertThat(failure(row("2.000477.000.00.H56,2.000477,Tên,S,N")).rule()).as("agency code too short")
                .startsWith("local_code '2.000477.000.00.H56'");
        assertThat(failure(row("2.000477.000.00.00.h56,2.000477,Tên,S,N")).line()).as("lower-case agency letter").isEqualTo(5);
        assertThat(failure(row("2.000477-000.00.00.H56,2.000477,Tên,S,N")).line()).isEqualTo(5);
    }

    @Test
    void otherRowRulesNameTheLine() throws IOException {
        assertThat(failure(row("1.000001,1.000001, ,S,N")).getMessage()).endsWith("line 5: name must not be empty");
        assertThat(failure(row("1.000001,1.000001,Tên,S")).getMessage())
                .contains("line 5: expected 5 columns (local_code,national_code,name,sector_code,sector_name), found 4");
        assertThat(failure(row("1.000001,1.000001,Cấp, cấp lại,S,N")).rule()).as("unquoted comma").contains("found 6");
        assertThat(failure(row("1.000001,1.000001,\"Tên,S,N")).rule()).contains("unterminated double quote");
    }

    @Test
    void duplicatesNameBothLines() throws IOException {
        assertThat(failure(write("procedures.csv", PREAMBLE
                + "1.000001.000.00.00.H56,1.000001,A,S,N\n"
                + "# a comment between rows still counts as a line\n"
                + "1.000001.000.00.00.H56,1.000001,B,S,N\n")).getMessage())
                .endsWith("line 7: local_code '1.000001.000.00.00.H56' is a duplicate of line 5");
        assertThat(failure(write("procedures.csv", PREAMBLE
                + "1.000001.000.00.00.H56,1.000001,A,S,N\n"
                + "1.000001,1.000001,B,S,N\n")).getMessage())
                .endsWith("line 6: national_code '1.000001' is a duplicate of line 5");
    }

    @Test
    void headerAndFileLevelErrors() throws IOException {
        assertThat(failure(write("procedures.csv", "# c\nnational_code,local_code,name,sector_code,sector_name\n")).getMessage())
                .contains("procedures.csv line 2: header must be 'local_code,national_code,name,sector_code,sector_name'");
        assertThat(failure(write("procedures.csv", "# only comments\n\n")).getMessage()).endsWith("procedures.csv: has no header line");
        Path latin = dir.resolve("latin.csv");
        // "Đăng" as a Windows-1258 editor saves it: 0xD0 0xE3 is not UTF-8
        byte[] row = "1.000001,1.000001,\u0000\u0000ng,S,N\n".getBytes(StandardCharsets.US_ASCII);
        row[18] = (byte) 0xD0;
        row[19] = (byte) 0xE3;
        Files.write(latin, concat(HEADER.getBytes(StandardCharsets.US_ASCII), row));
        assertThat(failure(latin).rule()).contains("not valid UTF-8");
        assertThat(failure(dir.resolve("missing.csv")).rule()).contains("cannot be read");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private Path row(String line) throws IOException {
        return write("procedures.csv", PREAMBLE + line + "\n");
    }

    private CsvFormatException failure(Path csv) {
        return catchThrowableOfType(CsvFormatException.class, () -> ProcedureCatalogue.load(csv));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    // ---- code tables ----

    @Test
    void shippedCodeTablesLoad() {
        CodeTables codes = CodeTables.load(Path.of("mappings/codes"));
        assertThat(codes.tableNames()).contains("province-status", "province-channel", "emc-status");
        assertThat(codes.lookup("province-status", "0")).contains("1");
        assertThat(codes.lookup("province-status", "9")).contains("10");
        assertThat(codes.lookup("province-channel", "2")).contains("3");
        assertThat(codes.lookup("emc-status", "10")).contains("3");
        assertThat(codes.lookup("province-status", "99")).isEmpty();
        assertThat(codes.lookup("no-such-table", "1")).isEmpty();
        assertThat(codes.lookup("province-status", null)).isEmpty();
    }

    @Test
    void codeTableErrorsNameFileAndLine() throws IOException {
        assertThat(tableFailure("# c\nkey,value\n1,2\n3\n").getMessage()).endsWith("t.csv line 4: expected at least 2 columns (key,value), found 1");
        assertThat(tableFailure("key,value\n1,2\n\n1,3\n").getMessage()).endsWith("t.csv line 4: duplicate key '1' (first on line 2)");
        assertThat(tableFailure("key,value\n,2\n").getMessage()).endsWith("t.csv line 2: key must not be empty");
        assertThat(tableFailure("key,value\n1, \n").getMessage()).endsWith("t.csv line 2: value for key '1' must not be empty");
        assertThat(tableFailure("# c\nkey\n1,2\n").getMessage()).contains("t.csv line 2: header must name at least 2 columns");
        assertThat(catchThrowableOfType(CsvFormatException.class, () -> CodeTables.load(dir.resolve("nowhere"))).getMessage())
                .contains("is not a directory");
    }

    @Test
    void extraColumnsDocumentTheRow() throws IOException {
        write("codes/t.csv", "id,value,name\n1,2,\"Đang xử lý, chờ ký\"\n");
        assertThat(CodeTables.load(dir.resolve("codes")).lookup("t", "1")).contains("2");
    }

    private CsvFormatException tableFailure(String content) throws IOException {
        write("codes/t.csv", content);
        write("codes/ok.csv", "key,value\na,b\n");
        return catchThrowableOfType(CsvFormatException.class, () -> CodeTables.load(dir.resolve("codes")));
    }
}
