package vn.tthc.hub.sim.province;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.tthc.hub.catalogue.ProcedureCatalogue;
import vn.tthc.hub.catalogue.ProcedureRouting;

/**
 * The province system's reference data read from the hub's mapping files: procedures
 * ({@code catalogue/procedures.csv}) with the system that handles each ({@code catalogue/routing.csv}),
 * status ids ({@code codes/province-status.csv}) and apply methods ({@code codes/province-channel.csv}).
 */
public final class ProvinceCatalogue {

    /** One procedure row: province-local code, national code, name and sector. */
    public record Procedure(String localCode, String nationalCode, String name, String sectorCode, String sectorName) {
    }

    /** One province status: its own id (a string in the records), the portal status 1–10 and its name. */
    public record StatusCode(String id, int portalStatus, String name) {
    }

    /** One apply method: the province id (0 online, 1 direct, 2 postal) and its name. */
    public record ApplyMethod(int id, String name) {
    }

    /** Which procedures the generator draws from: those the province handles, those a ministry system handles, or both. */
    public enum Selection {
        PROVINCE, MINISTRY, ALL;

        /** {@code "province"}, {@code "ministry"} or {@code "all"}. */
        public static Selection parse(String text) {
            for (Selection s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return s;
                }
            }
            throw new IllegalArgumentException("must be \"province\", \"ministry\" or \"all\"");
        }
    }

    private final List<Procedure> procedures;
    /** {@code null} when the mappings have no routing table: every procedure stays on the province. */
    private final ProcedureRouting routing;
    private final Map<Integer, StatusCode> byPortal;
    private final Map<String, StatusCode> byId;
    private final Map<Integer, ApplyMethod> applyMethods;

    public ProvinceCatalogue(List<Procedure> procedures, List<StatusCode> statuses, List<ApplyMethod> methods) {
        this(procedures, statuses, methods, null);
    }

    /** With the routing table that says which procedures moved to ministry systems ({@code null}: none did). */
    public ProvinceCatalogue(List<Procedure> procedures, List<StatusCode> statuses, List<ApplyMethod> methods,
                             ProcedureRouting routing) {
        this.routing = routing;
        if (procedures.isEmpty()) {
            throw new IllegalArgumentException("the procedure catalogue is empty");
        }
        this.procedures = List.copyOf(procedures);
        Map<Integer, StatusCode> p = new HashMap<>();
        Map<String, StatusCode> i = new HashMap<>();
        for (StatusCode s : statuses) {
            p.put(s.portalStatus(), s);
            i.put(s.id(), s);
        }
        for (int portal = 1; portal <= 10; portal++) {
            if (!p.containsKey(portal)) {
                throw new IllegalArgumentException("province-status.csv has no row for portal status " + portal);
            }
        }
        this.byPortal = Map.copyOf(p);
        this.byId = Map.copyOf(i);
        Map<Integer, ApplyMethod> m = new HashMap<>();
        for (ApplyMethod a : methods) {
            m.put(a.id(), a);
        }
        for (int id = 0; id <= 2; id++) {
            if (!m.containsKey(id)) {
                throw new IllegalArgumentException("province-channel.csv has no row for apply method " + id);
            }
        }
        this.applyMethods = Map.copyOf(m);
    }

    /** Reads the three tables under {@code mappingsDir}; a bad line is named in the exception. */
    public static ProvinceCatalogue load(Path mappingsDir) {
        List<Procedure> procedures = new ArrayList<>();
        for (Row r : read(mappingsDir.resolve("catalogue/procedures.csv"), 5)) {
            procedures.add(new Procedure(r.cells[0], r.cells[1], r.cells[2], r.cells[3], r.cells[4]));
        }
        List<StatusCode> statuses = new ArrayList<>();
        for (Row r : read(mappingsDir.resolve("codes/province-status.csv"), 3)) {
            statuses.add(new StatusCode(r.cells[0], r.integer(1), r.cells[2]));
        }
        List<ApplyMethod> methods = new ArrayList<>();
        for (Row r : read(mappingsDir.resolve("codes/province-channel.csv"), 3)) {
            methods.add(new ApplyMethod(r.integer(0), r.cells[2]));
        }
        // the routing table is validated like the hub does at start (CsvFormatException naming the line)
        Path routingCsv = mappingsDir.resolve("catalogue/routing.csv");
        ProcedureRouting routing = Files.exists(routingCsv)
                ? ProcedureRouting.load(routingCsv, ProcedureCatalogue.load(mappingsDir.resolve("catalogue/procedures.csv")))
                : null;
        return new ProvinceCatalogue(procedures, statuses, methods, routing);
    }

    /** All procedures of the catalogue, whoever handles them. */
    public List<Procedure> procedures() {
        return procedures;
    }

    /** {@code province} or {@code ministry-Gnn}: the system that handles the procedure on that date. */
    public String handlerOf(Procedure procedure, LocalDate date) {
        return routing == null ? ProcedureRouting.PROVINCE : routing.handlerFor(procedure.nationalCode(), date);
    }

    /** The procedures of the selection on that date, in file order. */
    public List<Procedure> procedures(Selection selection, LocalDate date) {
        if (selection == Selection.ALL) {
            return procedures;
        }
        boolean ministry = selection == Selection.MINISTRY;
        return procedures.stream()
                .filter(p -> ProcedureRouting.PROVINCE.equals(handlerOf(p, date)) != ministry)
                .toList();
    }

    /** The province status that stands for portal status {@code portal} (1–10). */
    public StatusCode status(int portal) {
        StatusCode s = byPortal.get(portal);
        if (s == null) {
            throw new IllegalArgumentException("no province status for portal status " + portal);
        }
        return s;
    }

    /** The province status with id {@code id}, or {@code null}. */
    public StatusCode statusById(String id) {
        return byId.get(id);
    }

    public ApplyMethod applyMethod(int id) {
        return applyMethods.get(id);
    }

    /** All province status ids. */
    public List<String> statusIds() {
        List<String> ids = new ArrayList<>(byId.keySet());
        Collections.sort(ids);
        return ids;
    }

    private record Row(Path file, int line, String[] cells) {
        int integer(int column) {
            try {
                return Integer.parseInt(cells[column].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(file + " line " + line + ": column " + (column + 1) + " is not a number");
            }
        }
    }

    /** Comment lines (#) and the header line are skipped; cells may be double-quoted. */
    private static List<Row> read(Path file, int columns) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Row> rows = new ArrayList<>();
        boolean header = true;
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            List<String> cells = split(line);
            if (cells.size() != columns) {
                throw new IllegalArgumentException(file + " line " + (n + 1) + ": expected " + columns
                        + " columns, found " + cells.size());
            }
            for (int c = 0; c < columns; c++) {
                if (cells.get(c).isBlank()) {
                    throw new IllegalArgumentException(file + " line " + (n + 1) + ": column " + (c + 1) + " is empty");
                }
            }
            rows.add(new Row(file, n + 1, cells.stream().map(String::trim).toArray(String[]::new)));
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(file + ": no rows");
        }
        return rows;
    }

    private static List<String> split(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
