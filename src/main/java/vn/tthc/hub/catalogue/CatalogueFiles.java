package vn.tthc.hub.catalogue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The two file forms of a catalogue table: CSV (UTF-8, the form of {@code mappings/catalogue}) and Excel (.xlsx, the
 * first sheet, same columns, header in the first non-empty row). Exports write what the imports read back unchanged.
 */
public final class CatalogueFiles {

    /** The two tables an operator edits. */
    public enum Table {
        PROCEDURES("procedures", "procedures.csv", ProcedureCatalogue.HEADER),
        ROUTING("routing", "routing.csv", ProcedureRouting.HEADER);

        private final String id;
        private final String fileName;
        private final List<String> header;

        Table(String id, String fileName, List<String> header) {
            this.id = id;
            this.fileName = fileName;
            this.header = header;
        }

        /** {@code procedures} or {@code routing}, as in the API paths. */
        public String id() {
            return id;
        }

        /** The file under the catalogue folder. */
        public String fileName() {
            return fileName;
        }

        public List<String> header() {
            return header;
        }

        /** The table of an API path segment, or null. */
        public static Table of(String id) {
            for (Table t : values()) {
                if (t.id.equals(id)) {
                    return t;
                }
            }
            return null;
        }
    }

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private CatalogueFiles() {
    }

    public static String xlsxContentType() {
        return XLSX;
    }

    /** Whether an uploaded file is a spreadsheet: by its name (.xlsx) or by its ZIP signature. */
    public static boolean isXlsx(String fileName, byte[] content) {
        if (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
            return true;
        }
        return content.length > 3 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;
    }

    /** The current rows of a table as text, in the order of the file (routing: per procedure, oldest period first). */
    public static List<List<String>> rows(Table table, ProcedureCatalogue catalogue, ProcedureRouting routing) {
        List<List<String>> out = new ArrayList<>();
        if (table == Table.PROCEDURES) {
            for (Procedure p : catalogue.all()) {
                out.add(List.of(p.localCode(), p.nationalCode(), p.name(), p.sectorCode(), p.sectorName()));
            }
        } else {
            for (ProcedureRouting.Route r : routing.all()) {
                out.add(List.of(r.nationalCode(), r.handler(), r.from().toString(), r.to() == null ? "" : r.to().toString(),
                        r.note()));
            }
        }
        return out;
    }

    /** CSV: the header line, then one line per row, "\n" line ends, UTF-8 without BOM; quoted where the reader needs it. */
    public static byte[] csv(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        line(b, header);
        for (List<String> row : rows) {
            line(b, row);
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder b, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            String v = values.get(i) == null ? "" : values.get(i);
            // the reader trims unquoted values and takes a leading # as a comment: quote those as well
            boolean quote = v.contains(",") || v.contains("\"") || !v.equals(v.strip()) || (i == 0 && v.startsWith("#"));
            if (v.contains("\n") || v.contains("\r")) {
                throw new IllegalArgumentException("a catalogue value cannot span lines: " + v);
            }
            b.append(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
        }
        b.append('\n');
    }

    /** Excel: one sheet named after the table, the header row in bold, every cell text (codes keep their zeros). */
    public static byte[] xlsx(Table table, List<List<String>> rows) {
        try (Workbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(table.id());
            CellStyle text = wb.createCellStyle();
            text.setDataFormat(wb.createDataFormat().getFormat("@"));
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            Row head = sheet.createRow(0);
            for (int c = 0; c < table.header().size(); c++) {
                Cell cell = head.createCell(c, CellType.STRING);
                cell.setCellValue(table.header().get(c));
                cell.setCellStyle(bold);
                sheet.setDefaultColumnStyle(c, text);
                sheet.setColumnWidth(c, (c == 2 || (table == Table.ROUTING && c == 4) ? 60 : 20) * 256);
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                List<String> values = rows.get(r);
                for (int c = 0; c < values.size(); c++) {
                    Cell cell = row.createCell(c, CellType.STRING);
                    cell.setCellValue(values.get(c));
                    cell.setCellStyle(text);
                }
            }
            sheet.createFreezePane(0, 1);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the spreadsheet: " + e, e);
        }
    }

    /**
     * Reads the first sheet of a workbook as a {@link CsvFile}: empty rows and rows whose first cell starts with
     * {@code #} are skipped, the first other row is the header, line numbers are the sheet's row numbers.
     *
     * @throws CsvFormatException (line 0) when the bytes are not a readable .xlsx workbook or the sheet is empty
     */
    public static CsvFile readXlsx(String name, byte[] content) {
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        try (Workbook wb = new XSSFWorkbook(new ByteArrayInputStream(content))) {
            if (wb.getNumberOfSheets() == 0) {
                throw new CsvFormatException(name, 0, "has no sheet");
            }
            Sheet sheet = wb.getSheetAt(0);
            List<String> header = null;
            int headerLine = 0;
            List<CsvFile.Row> rows = new ArrayList<>();
            for (Row row : sheet) {
                List<String> values = new ArrayList<>();
                int last = row.getLastCellNum();
                for (int c = 0; c < last; c++) {
                    values.add(value(row.getCell(c), formatter));
                }
                while (!values.isEmpty() && values.get(values.size() - 1).isEmpty()) {
                    values.remove(values.size() - 1); // trailing empty cells: Excel keeps formatted, empty ones
                }
                if (values.isEmpty() || values.get(0).startsWith("#")) {
                    continue;
                }
                int line = row.getRowNum() + 1;
                if (header == null) {
                    header = values;
                    headerLine = line;
                } else {
                    rows.add(new CsvFile.Row(line, List.copyOf(values)));
                }
            }
            if (header == null) {
                throw new CsvFormatException(name, 0, "has no header row");
            }
            // rows may end early when their last cells are empty (effective_to, note): pad them to the header
            List<CsvFile.Row> padded = new ArrayList<>();
            for (CsvFile.Row r : rows) {
                List<String> f = new ArrayList<>(r.fields());
                while (f.size() < header.size()) {
                    f.add("");
                }
                padded.add(new CsvFile.Row(r.line(), List.copyOf(f)));
            }
            return CsvFile.of(name, headerLine, header, padded);
        } catch (IOException | RuntimeException e) {
            if (e instanceof CsvFormatException c) {
                throw c;
            }
            throw new CsvFormatException(name, 0, "is not a readable Excel workbook (.xlsx): " + e.getMessage(), e);
        }
    }

    private static String value(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        if (type == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
            // a date typed into Excel: the calendar date it shows, as the CSV's yyyy-MM-dd
            LocalDate d = cell.getLocalDateTimeCellValue().toLocalDate();
            return d.toString();
        }
        return formatter.formatCellValue(cell).strip();
    }
}
