package vn.tthc.hub.catalogue;

/**
 * One broken rule of a catalogue file: the 1-based physical line (0 for the whole file), the column to blame
 * (null when no single column is), and the rule in words.
 */
public record CatalogueProblem(int line, String field, String rule) {

    /** {@code line 7, national_code: …} as an operator reads it. */
    @Override
    public String toString() {
        return (line > 0 ? "line " + line : "file") + (field == null ? "" : ", " + field) + ": " + rule;
    }
}
