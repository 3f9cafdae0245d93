package vn.tthc.hub.mapping;

/**
 * A mapping that could not produce its output, naming the mapping and, for a bad value, the output
 * field path, the expression that read it and the rule it broke (what a quarantine record shows).
 */
public class MappingException extends RuntimeException {
    private final String mapping;
    private final String field;
    private final String expression;
    private final int line;
    private final String rule;

    public MappingException(String mapping, String rule) {
        this(mapping, null, null, 0, rule, null);
    }

    public MappingException(String mapping, String rule, Throwable cause) {
        this(mapping, null, null, 0, rule, cause);
    }

    public MappingException(String mapping, String field, String expression, int line, String rule, Throwable cause) {
        super(message(mapping, field, expression, line, rule), cause);
        this.mapping = mapping;
        this.field = field;
        this.expression = expression;
        this.line = line;
        this.rule = rule;
    }

    private static String message(String mapping, String field, String expression, int line, String rule) {
        StringBuilder m = new StringBuilder("mapping ").append(mapping);
        if (field != null && !field.isEmpty()) {
            m.append(", field ").append(field);
        }
        if (expression != null && !expression.isEmpty()) {
            m.append(" = ").append(expression);
        }
        if (line > 0) {
            m.append(" (line ").append(line).append(')');
        }
        return m.append(": ").append(rule).toString();
    }

    /** The mapping name, e.g. {@code dvcqg/dossier}. */
    public String mapping() {
        return mapping;
    }

    /** The output field path, e.g. {@code TaiLieuNop[].IsDeleted}; null when unknown. */
    public String field() {
        return field;
    }

    /** The failing call as written in the mapping, e.g. {@code $tf(deleted)}; null when unknown. */
    public String expression() {
        return expression;
    }

    /** The line of the mapping file; 0 when unknown. */
    public int line() {
        return line;
    }

    /** The broken rule, e.g. {@code province-status: unknown code '99' (not in mappings/codes/province-status.csv)}. */
    public String rule() {
        return rule;
    }
}
