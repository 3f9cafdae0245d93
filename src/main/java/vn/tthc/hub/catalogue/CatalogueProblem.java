package vn.tthc.hub.catalogue;

/**
 * One broken rule of a catalogue file: the 1-based physical line (0 for the whole file), the column to blame
 * (null when no single column is), the rule in words (with the values at fault) and a stable rule code for pages
 * that explain it in their own language ({@code date-invalid}, {@code overlap}, {@code duplicate}, …).
 */
public record CatalogueProblem(int line, String field, String rule, String code) {

    public CatalogueProblem(int line, String field, String rule) {
        this(line, field, rule, null);
    }

    public static CatalogueProblem of(String code, int line, String field, String rule) {
        return new CatalogueProblem(line, field, rule, code);
    }

    /** {@code line 7, national_code: …} as an operator reads it. */
    @Override
    public String toString() {
        return (line > 0 ? "line " + line : "file") + (field == null ? "" : ", " + field) + ": " + rule;
    }
}
