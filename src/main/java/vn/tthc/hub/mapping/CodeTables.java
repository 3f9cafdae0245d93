package vn.tthc.hub.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import vn.tthc.hub.catalogue.CsvFile;
import vn.tthc.hub.catalogue.CsvFormatException;

/** The code tables of {@code mappings/codes/*.csv} (partner code → hub code), loaded once and immutable. */
public final class CodeTables {
    // A malformed table stops loading with the file and line: a silently wrong status mapping would
    // corrupt every dossier it touches.

    private final Map<String, Map<String, String>> tables;

    private CodeTables(Map<String, Map<String, String>> tables) {
        this.tables = tables;
    }

    /**
     * Loads every {@code *.csv} of the directory; the table name is the file name without {@code .csv}.
     * The first column is the key, the second the value; further columns document the row.
     *
     * @throws CsvFormatException naming the file and line of a short row, an empty key or value, or a duplicate key
     */
    public static CodeTables load(Path codesDir) {
        if (!Files.isDirectory(codesDir)) {
            throw new CsvFormatException(codesDir.toString(), 0, "is not a directory of code tables");
        }
        Map<String, Map<String, String>> tables = new TreeMap<>();
        try (Stream<Path> files = Files.list(codesDir)) {
            for (Path csv : files.filter(p -> p.getFileName().toString().endsWith(".csv")).sorted().toList()) {
                String name = csv.getFileName().toString();
                tables.put(name.substring(0, name.length() - ".csv".length()), loadTable(csv));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + codesDir, e);
        }
        return new CodeTables(Map.copyOf(tables));
    }

    private static Map<String, String> loadTable(Path csv) {
        CsvFile file = CsvFile.read(csv);
        if (file.header().size() < 2) {
            throw file.error(file.headerLine(), "header must name at least 2 columns (key,value), found '"
                    + String.join(",", file.header()) + "'");
        }
        Map<String, String> table = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (CsvFile.Row row : file.rows()) {
            if (row.fields().size() < 2) {
                throw file.error(row.line(), "expected at least 2 columns (key,value), found " + row.fields().size());
            }
            String key = row.get(0);
            String value = row.get(1);
            if (key.isEmpty()) {
                throw file.error(row.line(), "key must not be empty");
            }
            if (value.isEmpty()) {
                throw file.error(row.line(), "value for key '" + key + "' must not be empty");
            }
            Integer first = firstLine.putIfAbsent(key, row.line());
            if (first != null) {
                throw file.error(row.line(), "duplicate key '" + key + "' (first on line " + first + ")");
            }
            table.put(key, value);
        }
        return java.util.Collections.unmodifiableMap(table);
    }

    /** The value for the key; empty when the table or the key is unknown. */
    public Optional<String> lookup(String table, String key) {
        Map<String, String> t = tables.get(table);
        return t == null || key == null ? Optional.empty() : Optional.ofNullable(t.get(key));
    }

    public boolean hasTable(String table) {
        return tables.containsKey(table);
    }

    public Set<String> tableNames() {
        return tables.keySet();
    }
}
