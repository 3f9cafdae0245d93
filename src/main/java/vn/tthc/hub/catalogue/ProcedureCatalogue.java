package vn.tthc.hub.catalogue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The procedure catalogue of {@code mappings/catalogue/procedures.csv}, translating province-local procedure codes to national ones. */
public final class ProcedureCatalogue {

    static final List<String> HEADER = List.of("local_code", "national_code", "name", "sector_code", "sector_name");
    private static final Pattern NATIONAL = Pattern.compile("^\\d\\.\\d{6}$");
    /** Agency code (mã định danh) LLL.KK.NN.Xnn, e.g. 000.00.00.H56 or 000.00.00.G06 (PARTNERS.md, Codes). */
    private static final Pattern AGENCY = Pattern.compile("^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$");

    private final List<Procedure> all;
    private final Map<String, Procedure> byLocal;
    private final Map<String, Procedure> byNational;

    private ProcedureCatalogue(List<Procedure> all, Map<String, Procedure> byLocal, Map<String, Procedure> byNational) {
        this.all = List.copyOf(all);
        this.byLocal = Map.copyOf(byLocal);
        this.byNational = Map.copyOf(byNational);
    }

    /**
     * Loads and validates the catalogue.
     *
     * @throws CsvFormatException naming the file, the line and the broken rule
     */
    public static ProcedureCatalogue load(Path csv) {
        CsvFile file = CsvFile.read(csv);
        List<CatalogueProblem> problems = new ArrayList<>();
        ProcedureCatalogue catalogue = parse(file, problems);
        if (!problems.isEmpty()) {
            CatalogueProblem first = problems.get(0);
            throw file.error(first.line(), first.rule());
        }
        return catalogue;
    }

    /**
     * Validates every row, adding each broken rule to {@code problems} (several per file, several per row); the
     * answer holds the rows that passed and is meant to be used only when {@code problems} stayed empty.
     */
    public static ProcedureCatalogue parse(CsvFile file, List<CatalogueProblem> problems) {
        if (!file.header().equals(HEADER)) {
            problems.add(CatalogueProblem.of("header", file.headerLine(), null,
                    "header must be '" + String.join(",", HEADER) + "', found '" + String.join(",", file.header()) + "'"));
            return new ProcedureCatalogue(List.of(), Map.of(), Map.of());
        }
        List<Procedure> all = new ArrayList<>();
        Map<String, Procedure> byLocal = new HashMap<>();
        Map<String, Procedure> byNational = new HashMap<>();
        Map<String, Integer> lineOfLocal = new HashMap<>();
        Map<String, Integer> lineOfNational = new HashMap<>();
        for (CsvFile.Row row : file.rows()) {
            int line = row.line();
            if (row.fields().size() != HEADER.size()) {
                problems.add(CatalogueProblem.of("columns", line, null, "expected " + HEADER.size() + " columns (" + String.join(",", HEADER)
                        + "), found " + row.fields().size() + " (quote values that contain commas)"));
                continue;
            }
            int before = problems.size();
            Procedure p = new Procedure(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4));
            boolean nationalOk = NATIONAL.matcher(p.nationalCode()).matches();
            if (!nationalOk) {
                problems.add(CatalogueProblem.of("national-format", line, "national_code", "national_code '" + p.nationalCode() + "' must match d.dddddd"));
            }
            if (nationalOk && !p.localCode().equals(p.nationalCode()) && !isLocalVariant(p.localCode(), p.nationalCode())) {
                problems.add(CatalogueProblem.of("local-format", line, "local_code", "local_code '" + p.localCode() + "' must equal national_code '"
                        + p.nationalCode() + "' or be '" + p.nationalCode() + ".<agency code LLL.KK.NN.Xnn>', e.g. "
                        + p.nationalCode() + ".000.00.00.H56"));
            }
            if (p.name().isBlank()) {
                problems.add(CatalogueProblem.of("required", line, "name", "name must not be empty"));
            }
            // one row per procedure: a second row for the same code would make find() ambiguous
            Integer first = lineOfLocal.putIfAbsent(p.localCode(), line);
            if (first != null) {
                problems.add(CatalogueProblem.of("duplicate", line, "local_code", "local_code '" + p.localCode() + "' is a duplicate of line " + first));
            }
            first = lineOfNational.putIfAbsent(p.nationalCode(), line);
            if (first != null) {
                problems.add(CatalogueProblem.of("duplicate", line, "national_code",
                        "national_code '" + p.nationalCode() + "' is a duplicate of line " + first));
            }
            if (problems.size() == before) {
                all.add(p);
                byLocal.put(p.localCode(), p);
                byNational.put(p.nationalCode(), p);
            }
        }
        return new ProcedureCatalogue(all, byLocal, byNational);
    }

    private static boolean isLocalVariant(String local, String national) {
        return local.startsWith(national + ".") && AGENCY.matcher(local.substring(national.length() + 1)).matches();
    }

    /** The procedure with this local or national code. */
    public Optional<Procedure> find(String anyCode) {
        if (anyCode == null) {
            return Optional.empty();
        }
        Procedure p = byLocal.get(anyCode);
        return Optional.ofNullable(p != null ? p : byNational.get(anyCode));
    }

    /** The national code for a local or national code; empty when the catalogue does not know the code. */
    public Optional<String> toNational(String anyCode) {
        return find(anyCode).map(Procedure::nationalCode);
    }

    public boolean isKnownNational(String nationalCode) {
        return nationalCode != null && byNational.containsKey(nationalCode);
    }

    /** All procedures in file order. */
    public List<Procedure> all() {
        return all;
    }
}
