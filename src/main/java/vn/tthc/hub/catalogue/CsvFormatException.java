package vn.tthc.hub.catalogue;

/** A configuration CSV file (catalogue, code table) the hub refuses to load, naming the file, the line and the rule. */
public class CsvFormatException extends RuntimeException {
    private final String file;
    private final int line;
    private final String rule;

    public CsvFormatException(String file, int line, String rule) {
        this(file, line, rule, null);
    }

    public CsvFormatException(String file, int line, String rule, Throwable cause) {
        super(line > 0 ? file + " line " + line + ": " + rule : file + ": " + rule, cause);
        this.file = file;
        this.line = line;
        this.rule = rule;
    }

    /** The file as it was given to the loader. */
    public String file() {
        return file;
    }

    /** The 1-based physical line number (comments and header included); 0 when the whole file is at fault. */
    public int line() {
        return line;
    }

    /** The broken rule, without the file and line prefix. */
    public String rule() {
        return rule;
    }
}
