package vn.tthc.hub.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * Writes a report as CSV (UTF-8 with a byte-order mark, so Excel shows the Vietnamese headers
 * right; one line per agency and procedure) or as an Excel workbook (one sheet per procedure line,
 * one of agency totals, each ending with the grand total), headers in Vietnamese by default or English.
 */
public final class ReportExport {
    private static final String[] VI = {"Mã cơ quan", "Mã thủ tục", "Tiếp nhận", "Đã đồng bộ lên Cổng DVCQG", "Đã giải quyết",
        "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn (%)", "Lỗi đồng bộ", "Sai lệch đối soát", "Sai lệch đã tự khắc phục"};
    private static final String[] EN = {"Agency code", "Procedure code", "Received", "Synced to the portal", "Finished", "On time",
        "Late", "On time (%)", "Sync failures", "Reconciliation differences", "Differences healed"};
    static final String TOTAL_VI = "Tổng cộng";
    static final String TOTAL_EN = "Total";

    private ReportExport() {
    }

    static String[] headers(String language) {
        return "en".equalsIgnoreCase(language) ? EN : VI;
    }

    /** The file name of a report, without extension ({@code bao-cao-weekly-2026-W48}): ASCII, the same for download and mail. */
    public static String fileName(ReportPeriod period) {
        return "bao-cao-" + period.kind() + "-" + period.label();
    }

    public static byte[] csv(List<ReportRow> rows, String language) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        sb.append(String.join(",", List.of(headers(language)).stream().map(ReportExport::quote).toList())).append("\r\n");
        for (ReportRow r : rows) {
            sb.append(quote(r.agencyCode())).append(',').append(quote(r.procedureCode())).append(',').append(r.received()).append(',')
                    .append(r.syncedToPortal()).append(',').append(r.finished()).append(',').append(r.onTime()).append(',')
                    .append(r.late()).append(',').append(r.onTimePercent()).append(',').append(r.syncFailures()).append(',')
                    .append(r.reconciliationDifferences()).append(',').append(r.reconciliationHealed()).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The workbook of a computed report. */
    public static byte[] xlsx(Statistics stats, String language) {
        return xlsx(stats.period(), stats.rows(), stats.agencyTotals(), stats.total(), language);
    }

    public static byte[] xlsx(ReportPeriod period, List<ReportRow> rows, List<ReportRow> totals, ReportRow total, String language) {
        boolean en = "en".equalsIgnoreCase(language);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            sheet(wb, en ? "By procedure" : "Theo thủ tục", period, rows, total, language, bold);
            sheet(wb, en ? "By agency" : "Theo cơ quan", period, totals, total, language, bold);
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("the workbook could not be written", e);
        }
    }

    private static void sheet(SXSSFWorkbook wb, String name, ReportPeriod period, List<ReportRow> rows, ReportRow total, String language,
                              CellStyle bold) {
        boolean en = "en".equalsIgnoreCase(language);
        Sheet sheet = wb.createSheet(name);
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue((en ? "Period " : "Kỳ báo cáo ") + period.label());
        Row head = sheet.createRow(1);
        String[] headers = headers(language);
        for (int i = 0; i < headers.length; i++) {
            Cell c = head.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(bold);
        }
        int n = 2;
        for (ReportRow r : rows) {
            line(sheet.createRow(n++), r.agencyCode(), r.procedureCode(), r, null);
        }
        // the grand total closes every sheet, as in the department's tables
        line(sheet.createRow(n), en ? TOTAL_EN : TOTAL_VI, "", total, bold);
    }

    private static void line(Row row, String agency, String procedure, ReportRow r, CellStyle style) {
        row.createCell(0).setCellValue(agency);
        row.createCell(1).setCellValue(procedure);
        double[] values = {r.received(), r.syncedToPortal(), r.finished(), r.onTime(), r.late(), r.onTimePercent(), r.syncFailures(),
            r.reconciliationDifferences(), r.reconciliationHealed()};
        for (int i = 0; i < values.length; i++) {
            row.createCell(2 + i).setCellValue(values[i]);
        }
        if (style != null) {
            row.forEach(c -> c.setCellStyle(style));
        }
    }

    private static String quote(String s) {
        return "\"" + (s == null ? "" : s.replace("\"", "\"\"")) + "\"";
    }
}
