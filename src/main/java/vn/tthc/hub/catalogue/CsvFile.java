package vn.tthc.hub.catalogue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the hub's operator-edited CSV files, keeping each row's physical line number so errors can name it. */
public final class CsvFile {
    // UTF-8 (a BOM from spreadsheet tools is tolerated), "#" comment lines and blank lines skipped,
    // one header line, RFC 4180 double quotes for values that contain commas (procedure names do).

    /** One data row with its 1-based physical line number. */
    public record Row(int line, List<String> fields) {
        public String get(int index) {
            return index < fields.size() ? fields.get(index) : "";
        }
    }

    private final String name;
    private final int headerLine;
    private final List<String> header;
    private final List<Row> rows;

    private CsvFile(String name, int headerLine, List<String> header, List<Row> rows) {
        this.name = name;
        this.headerLine = headerLine;
        this.header = header;
        this.rows = rows;
    }

    /** Reads and splits the file; fails with {@link CsvFormatException} on I/O, encoding or quoting errors. */
    public static CsvFile read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CsvFormatException(name, 0, "cannot be read: " + e, e);
        }
        return parse(name, bytes, null);
    }

    /**
     * Splits uploaded bytes. With {@code problems} null the first error throws {@link CsvFormatException}; otherwise
     * every line that cannot be split is recorded there (field null) and left out, so the caller sees all errors at once.
     */
    public static CsvFile parse(String name, byte[] bytes, List<CatalogueProblem> problems) {
        String text;
        try {
            // strict decoding: a file saved as Windows-1258 must fail loudly, not load as mojibake codes
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(name, 0, "is not valid UTF-8 (save it as UTF-8)", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        int headerLine = 0;
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            List<String> fields;
            try {
                fields = split(name, i + 1, line);
            } catch (CsvFormatException e) {
                if (problems == null || header == null) {
                    throw e;
                }
                problems.add(CatalogueProblem.of("quoting", e.line(), null, e.rule()));
                continue;
            }
            if (header == null) {
                header = fields;
                headerLine = i + 1;
            } else {
                rows.add(new Row(i + 1, List.copyOf(fields)));
            }
        }
        if (header == null) {
            throw new CsvFormatException(name, 0, "has no header line");
        }
        return new CsvFile(name, headerLine, List.copyOf(header), List.copyOf(rows));
    }

    /** A file read some other way (a spreadsheet's first sheet): its header and rows with their line numbers. */
    public static CsvFile of(String name, int headerLine, List<String> header, List<Row> rows) {
        return new CsvFile(name, headerLine, List.copyOf(header), List.copyOf(rows));
    }

    /** Splits one line; unquoted values are trimmed, quoted values are kept as written. */
    private static List<String> split(String file, int lineNo, String line) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = line.length();
        while (true) {
            while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                i++;
            }
            if (i < n && line.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = line.charAt(i);
                    if (c == '"') {
                        if (i + 1 < n && line.charAt(i + 1) == '"') {
                            value.append('"');
                            i += 2;
                            continue;
                        }
                        closed = true;
                        i++;
                        break;
                    }
                    value.append(c);
                    i++;
                }
                if (!closed) {
                    throw new CsvFormatException(file, lineNo, "unterminated double quote (values cannot span lines)");
                }
                while (i < n && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
                    i++;
                }
                if (i < n && line.charAt(i) != ',') {
                    throw new CsvFormatException(file, lineNo,
                            "unexpected text after a quoted value at column " + (i + 1) + " (write \"\" for a quote inside quotes)");
                }
                out.add(value.toString());
            } else {
                int start = i;
                while (i < n && line.charAt(i) != ',') {
                    i++;
                }
                out.add(line.substring(start, i).strip());
            }
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }

    public String name() {
        return name;
    }

    public int headerLine() {
        return headerLine;
    }

    public List<String> header() {
        return header;
    }

    public List<Row> rows() {
        return rows;
    }

    /** An error about this file at the given line, for the loaders' validation rules. */
    public CsvFormatException error(int line, String rule) {
        return new CsvFormatException(name, line, rule);
    }
}
