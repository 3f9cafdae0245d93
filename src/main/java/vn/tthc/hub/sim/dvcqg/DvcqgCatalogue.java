package vn.tthc.hub.sim.dvcqg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's procedure catalogue, read from the hub's {@code catalogue/procedures.csv}
 * (columns {@code local_code,national_code,name,sector_code,sector_name}; {@code #} lines are
 * comments): national procedures with their sector, and the agencies that perform them.
 *
 * <p>The CSV carries no agencies, processing channels, durations or results; the simulator fills
 * those with fixed, plausible values (<b>assumed</b>): every procedure is performed by the
 * province's Department of Science and Technology through the three channels.
 */
final class DvcqgCatalogue {

    static final String HEADER = "local_code,national_code,name,sector_code,sector_name";

    /** One national procedure. */
    record Procedure(String code, String name, String sectorCode, String sectorName) {
    }

    /** One agency (cơ quan). */
    record Agency(String code, String name) {
    }

    /** The agencies known to the simulated portal (assumed, from PARTNERS.md's examples). */
    static final List<Agency> AGENCIES = List.of(
            new Agency("000.00.00.H56", "Ủy ban nhân dân tỉnh"),
            new Agency("000.00.06.H56", "Sở Khoa học và Công nghệ"));
    static final Agency PERFORMING_AGENCY = AGENCIES.get(1);

    /**
     * National procedures the portal lists beyond those of the province's catalogue (the national database holds
     * every procedure of every province; <b>assumed</b> codes and names, in the d.dddddd shape like the file's).
     */
    static final List<Procedure> OTHER_NATIONAL = List.of(
            new Procedure("1.000105", "Cấp Giấy phép nhập khẩu chất phóng xạ", "KHCN02", "An toàn bức xạ và hạt nhân"),
            new Procedure("2.000120", "Đăng ký chuyển giao công nghệ", "KHCN04", "Chuyển giao công nghệ"),
            new Procedure("1.008901", "Cấp Giấy chứng nhận đăng ký hoạt động thử nghiệm", "KHCN05", "Tiêu chuẩn đo lường chất lượng"));

    private final Map<String, Procedure> procedures;

    private DvcqgCatalogue(Map<String, Procedure> procedures) {
        this.procedures = procedures;
    }

    /**
     * Reads {@code mappingsDir/catalogue/procedures.csv}; a missing file gives an empty catalogue.
     *
     * @throws IllegalStateException naming the line, when the file is malformed
     */
    static DvcqgCatalogue load(Path mappingsDir) {
        Path file = mappingsDir.resolve("catalogue").resolve("procedures.csv");
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new DvcqgCatalogue(Map.of());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(lines, file.toString());
    }

    /** Parses the CSV lines (header first, after comments). */
    static DvcqgCatalogue parse(List<String> lines, String source) {
        Map<String, Procedure> byCode = new LinkedHashMap<>();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!header) {
                if (!line.equals(HEADER)) {
                    throw new IllegalStateException(source + " line " + (i + 1) + ": header must be " + HEADER);
                }
                header = true;
                continue;
            }
            List<String> cols = splitCsv(line);
            if (cols.size() != 5) {
                throw new IllegalStateException(source + " line " + (i + 1) + ": expected 5 columns, found " + cols.size());
            }
            String national = cols.get(1);
            if (!DvcqgValidator.NATIONAL_PROCEDURE_CODE.matcher(national).matches()) {
                throw new IllegalStateException(source + " line " + (i + 1) + ": national_code must be d.dddddd");
            }
            // several local codes may map to one national procedure: the first row names it
            byCode.putIfAbsent(national, new Procedure(national, cols.get(2), cols.get(3), cols.get(4)));
        }
        return new DvcqgCatalogue(Map.copyOf(byCode));
    }

    /** This catalogue plus {@link #OTHER_NATIONAL}, as the portal lists them; an empty one stays empty (no file, no portal). */
    DvcqgCatalogue withOtherNational() {
        if (procedures.isEmpty()) {
            return this;
        }
        Map<String, Procedure> all = new LinkedHashMap<>(procedures);
        for (Procedure p : OTHER_NATIONAL) {
            all.putIfAbsent(p.code(), p);
        }
        return new DvcqgCatalogue(Map.copyOf(all));
    }

    Procedure find(String nationalCode) {
        return procedures.get(nationalCode);
    }

    Collection<Procedure> procedures() {
        return procedures.values().stream()
                .sorted((a, b) -> a.code().compareTo(b.code()))
                .toList();
    }

    /** Distinct sectors (code -> name), in code order. */
    Map<String, String> sectors() {
        Map<String, String> sectors = new java.util.TreeMap<>();
        for (Procedure p : procedures.values()) {
            sectors.putIfAbsent(p.sectorCode(), p.sectorName());
        }
        return sectors;
    }

    /** A minimal RFC 4180 split: commas, double-quoted fields, doubled quotes inside them. */
    static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString().strip());
        return out;
    }
}
