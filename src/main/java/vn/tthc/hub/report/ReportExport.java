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
 * right) or as an Excel workbook (one sheet per procedure line, one of agency totals), headers in
 * Vietnamese by default or English.
 */
public final class ReportExport {
    private static final String[] VI = {"Mã cơ quan", "Mã thủ tục", "Tiếp nhận", "Đã đồng bộ lên Cổng DVCQG", "Đã giải quyết",
        "Đúng hạn", "Trễ hạn", "Tỷ lệ đúng hạn (%)", "Lỗi đồng bộ"};
    private static final String[] EN = {"Agency code", "Procedure code", "Received", "Synced to the portal", "Finished", "On time",
        "Late", "On time (%)", "Sync failures"};

    private ReportExport() {
    }

    static String[] headers(String language) {
        return "en".equalsIgnoreCase(language) ? EN : VI;
    }

    public static byte[] csv(List<ReportRow> rows, String language) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        sb.append(String.join(",", List.of(headers(language)).stream().map(ReportExport::quote).toList())).append("\r\n");
        for (ReportRow r : rows) {
            sb.append(quote(r.agencyCode())).append(',').append(quote(r.procedureCode())).append(',').append(r.received()).append(',')
                    .append(r.syncedToPortal()).append(',').append(r.finished()).append(',').append(r.onTime()).append(',')
                    .append(r.late()).append(',').append(r.onTimePercent()).append(',').append(r.syncFailures()).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] xlsx(ReportPeriod period, List<ReportRow> rows, List<ReportRow> totals, String language) {
        boolean en = "en".equalsIgnoreCase(language);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CellStyle bold = wb.createCellStyle();
            Font font = wb.createFont();
            font.setBold(true);
            bold.setFont(font);
            sheet(wb, en ? "By procedure" : "Theo thủ tục", period, rows, language, bold);
            sheet(wb, en ? "By agency" : "Theo cơ quan", period, totals, language, bold);
            wb.write(out);
            wb.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("the workbook could not be written", e);
        }
    }

    private static void sheet(SXSSFWorkbook wb, String name, ReportPeriod period, List<ReportRow> rows, String language, CellStyle bold) {
        Sheet sheet = wb.createSheet(name);
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(("en".equalsIgnoreCase(language) ? "Period " : "Kỳ báo cáo ") + period.label());
        Row head = sheet.createRow(1);
        String[] headers = headers(language);
        for (int i = 0; i < headers.length; i++) {
            Cell c = head.createCell(i);
            c.setCellValue(headers[i]);
            c.setCellStyle(bold);
        }
        int n = 2;
        for (ReportRow r : rows) {
            Row row = sheet.createRow(n++);
            row.createCell(0).setCellValue(r.agencyCode());
            row.createCell(1).setCellValue(r.procedureCode());
            row.createCell(2).setCellValue(r.received());
            row.createCell(3).setCellValue(r.syncedToPortal());
            row.createCell(4).setCellValue(r.finished());
            row.createCell(5).setCellValue(r.onTime());
            row.createCell(6).setCellValue(r.late());
            row.createCell(7).setCellValue(r.onTimePercent());
            row.createCell(8).setCellValue(r.syncFailures());
        }
    }

    private static String quote(String s) {
        return "\"" + (s == null ? "" : s.replace("\"", "\"\"")) + "\"";
    }
}
