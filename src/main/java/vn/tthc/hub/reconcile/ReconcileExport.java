package vn.tthc.hub.reconcile;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.stereotype.Component;

/** Writes a run's differences as CSV (UTF-8 with BOM, for spreadsheet programs) or as an Excel workbook, streamed row by row. */
@Component
public class ReconcileExport {
    static final List<String> COLUMNS = List.of("id", "category", "source", "dossierCode", "target", "procedureCode", "agencyCode",
            "sourceVersion", "sourceStatus", "hubVersion", "hubStatus", "deliveryId", "deliveryState", "targetStatus", "detail", "healed",
            "healAction", "resyncedBy", "resyncedAt");

    private final ReconcileStore store;

    public ReconcileExport(ReconcileStore store) {
        this.store = store;
    }

    static List<Object> values(ReconcileStore.Difference d) {
        return java.util.Arrays.asList(d.id(), d.category().key(), d.source(), d.dossierCode(), d.target(), d.procedureCode(),
                d.agencyCode(), d.sourceVersion(), d.sourceStatus(), d.hubVersion(), d.hubStatus(), d.deliveryId(), d.deliveryState(),
                d.targetStatus(), d.detail(), d.healed(), d.healAction(), d.resyncedBy(),
                d.resyncedAt() == null ? null : d.resyncedAt().toString());
    }

    public void csv(long runId, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        w.write(String.join(",", COLUMNS));
        w.write("\r\n");
        try {
            store.differences(runId, null, d -> {
                try {
                    List<Object> v = values(d);
                    for (int i = 0; i < v.size(); i++) {
                        if (i > 0) {
                            w.write(',');
                        }
                        w.write(csvField(v.get(i)));
                    }
                    w.write("\r\n");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    /** RFC 4180 quoting; a cell starting like a formula is prefixed so a spreadsheet never evaluates it. */
    static String csvField(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !(o instanceof Number)) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    /** Sheets "Run" (window and counts by category, target, procedure, agency) and "Differences" (one row each). */
    public void xlsx(ReconcileStore.Run run, OutputStream out) throws IOException {
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200)) {
            Sheet summary = wb.createSheet("Run");
            int r = 0;
            r = pair(summary, r, "id", run.id());
            r = pair(summary, r, "state", run.state());
            r = pair(summary, r, "trigger", run.trigger());
            r = pair(summary, r, "startedBy", run.startedBy());
            r = pair(summary, r, "reason", run.reason());
            r = pair(summary, r, "heal", String.valueOf(run.heal()));
            r = pair(summary, r, "from", String.valueOf(run.from()));
            r = pair(summary, r, "to", String.valueOf(run.to()));
            r = pair(summary, r, "startedAt", String.valueOf(run.startedAt()));
            r = pair(summary, r, "finishedAt", String.valueOf(run.finishedAt()));
            r = pair(summary, r, "checked", run.checked());
            r = pair(summary, r, "healed", run.healed());
            r = pair(summary, r, "unchecked", run.unchecked());
            r++;
            Row head = summary.createRow(r++);
            head.createCell(0).setCellValue("dimension");
            head.createCell(1).setCellValue("key");
            head.createCell(2).setCellValue("category");
            head.createCell(3).setCellValue("n");
            for (Map.Entry<String, Map<String, Map<String, Long>>> dim : store.counts(run.id()).entrySet()) {
                for (Map.Entry<String, Map<String, Long>> key : dim.getValue().entrySet()) {
                    for (Map.Entry<String, Long> c : key.getValue().entrySet()) {
                        Row row = summary.createRow(r++);
                        row.createCell(0).setCellValue(dim.getKey());
                        row.createCell(1).setCellValue(key.getKey());
                        row.createCell(2).setCellValue(c.getKey());
                        row.createCell(3).setCellValue(c.getValue());
                    }
                }
            }
            Sheet diffs = wb.createSheet("Differences");
            Row h = diffs.createRow(0);
            for (int i = 0; i < COLUMNS.size(); i++) {
                h.createCell(i).setCellValue(COLUMNS.get(i));
            }
            int[] next = {1};
            store.differences(run.id(), null, d -> {
                Row row = diffs.createRow(next[0]++);
                List<Object> v = values(d);
                for (int i = 0; i < v.size(); i++) {
                    Object o = v.get(i);
                    if (o instanceof Number n) {
                        row.createCell(i).setCellValue(n.doubleValue());
                    } else if (o instanceof Boolean b) {
                        row.createCell(i).setCellValue(b);
                    } else if (o != null) {
                        row.createCell(i).setCellValue(o.toString());
                    }
                }
            });
            wb.write(out);
            wb.dispose();
        }
    }

    private static int pair(Sheet s, int r, String name, Object value) {
        Row row = s.createRow(r);
        row.createCell(0).setCellValue(name);
        if (value instanceof Number n) {
            row.createCell(1).setCellValue(n.doubleValue());
        } else {
            row.createCell(1).setCellValue(value == null ? "" : value.toString());
        }
        return r + 1;
    }
}
