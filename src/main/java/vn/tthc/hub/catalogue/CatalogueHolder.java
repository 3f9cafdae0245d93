package vn.tthc.hub.catalogue;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import vn.tthc.hub.catalogue.CatalogueFiles.Table;

/**
 * The catalogue and the routing table the hub uses now: one immutable snapshot, read by every user per call and
 * replaced as a whole after a good import. An import validates the whole file first (every error, with its line and
 * column) and changes nothing when any line is bad; a good one is written back to the catalogue folder (temp file and
 * move, the previous file kept as {@code <name>.<timestamp>.bak}) so that a restart loads it again.
 */
public final class CatalogueHolder {

    /** What the hub uses: both tables, loaded together, and when. */
    public record Snapshot(ProcedureCatalogue catalogue, ProcedureRouting routing, Instant loadedAt) {
    }

    /**
     * The outcome of an import: {@code imported} is true when the snapshot and the file were replaced (never on a
     * dry run or with problems); {@code rows} the rows of the file, {@code before} those of the table it replaces;
     * {@code warnings} do not block (e.g. a ministry not configured yet for a period that starts in the future).
     */
    public record ImportResult(Table table, String fileName, boolean dryRun, boolean imported, int rows, int before,
                               List<CatalogueProblem> problems, List<CatalogueProblem> warnings) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final DateTimeFormatter BACKUP_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Clock clock;
    private volatile Snapshot snapshot;
    /** Size and modification time of both files as last loaded or written, to notice a change made by someone else. */
    private String fingerprint;

    private CatalogueHolder(Path dir, Clock clock, Snapshot snapshot) {
        this.dir = dir;
        this.clock = clock;
        this.snapshot = snapshot;
        this.fingerprint = fingerprint(dir);
    }

    private static String fingerprint(Path dir) {
        StringBuilder b = new StringBuilder();
        for (Table t : Table.values()) {
            Path f = dir.resolve(t.fileName());
            try {
                b.append(Files.size(f)).append('@').append(Files.getLastModifiedTime(f).toMillis()).append(';');
            } catch (IOException e) {
                b.append("missing;");
            }
        }
        return b.toString();
    }

    /**
     * Re-reads both files when they changed on disk since this holder last loaded or wrote them (another instance's
     * import on a shared folder, or an operator's edit). A bad file is not taken: the snapshot in use stays.
     *
     * @return true when a new snapshot is in use
     * @throws CsvFormatException naming the file, line and rule of a changed file that is not valid
     */
    public synchronized boolean reloadIfChanged() {
        String now = fingerprint(dir);
        if (now.equals(fingerprint)) {
            return false;
        }
        fingerprint = now; // reported once per change, not at every check
        CatalogueHolder fresh = load(dir, clock);
        snapshot = fresh.snapshot;
        return true;
    }

    /**
     * Loads {@code procedures.csv} and {@code routing.csv} of {@code dir}.
     *
     * @throws CsvFormatException naming the file, the line and the broken rule (the hub does not start)
     */
    public static CatalogueHolder load(Path dir, Clock clock) {
        ProcedureCatalogue catalogue = ProcedureCatalogue.load(dir.resolve(Table.PROCEDURES.fileName()));
        ProcedureRouting routing = ProcedureRouting.load(dir.resolve(Table.ROUTING.fileName()), catalogue);
        return new CatalogueHolder(dir, clock, new Snapshot(catalogue, routing, clock.instant()));
    }

    /** The snapshot in use; read it once per operation when both tables must agree. */
    public Snapshot snapshot() {
        return snapshot;
    }

    public ProcedureCatalogue catalogue() {
        return snapshot.catalogue();
    }

    public ProcedureRouting routing() {
        return snapshot.routing();
    }

    /** The folder the tables are read from and written back to. */
    public Path dir() {
        return dir;
    }

    /** The current rows of a table as its file would hold them. */
    public List<List<String>> rows(Table table) {
        Snapshot s = snapshot;
        return CatalogueFiles.rows(table, s.catalogue(), s.routing());
    }

    /**
     * Validates an uploaded file (CSV, or .xlsx by name or content) as the new {@code table}, and unless
     * {@code dryRun} or a problem was found, writes it back and swaps the snapshot.
     *
     * @param handlerConfigured whether a ministry handler ({@code ministry-Gnn}) is a system the hub can reach
     * @param today             the Vietnamese calendar date: a handler not configured yet is only a warning for
     *                          periods that start after it
     * @throws IllegalStateException when a valid file cannot be written back (nothing was swapped)
     */
    public synchronized ImportResult importFile(Table table, String fileName, byte[] content, boolean dryRun,
                                                Predicate<String> handlerConfigured, LocalDate today) {
        Snapshot current = snapshot;
        int before = table == Table.PROCEDURES ? current.catalogue().all().size() : current.routing().all().size();
        List<CatalogueProblem> problems = new ArrayList<>();
        List<CatalogueProblem> warnings = new ArrayList<>();
        boolean xlsx = CatalogueFiles.isXlsx(fileName, content);
        CsvFile file;
        try {
            file = xlsx ? CatalogueFiles.readXlsx(name(fileName), content) : CsvFile.parse(name(fileName), content, problems);
        } catch (CsvFormatException e) {
            problems.add(CatalogueProblem.of("file", e.line(), null, e.rule()));
            return new ImportResult(table, fileName, dryRun, false, 0, before, problems, warnings);
        }
        ProcedureCatalogue catalogue = current.catalogue();
        ProcedureRouting routing = current.routing();
        if (table == Table.PROCEDURES) {
            catalogue = ProcedureCatalogue.parse(file, problems);
            if (problems.isEmpty()) {
                // the routing table in use must still name only catalogued procedures
                for (ProcedureRouting.Route r : routing.all()) {
                    if (!catalogue.isKnownNational(r.nationalCode())) {
                        problems.add(CatalogueProblem.of("still-routed", 0, "national_code", "national_code '" + r.nationalCode()
                                + "' is no longer in this file, but routing.csv line " + r.line()
                                + " routes it: import a routing table without it first"));
                    }
                }
            }
        } else {
            routing = ProcedureRouting.parse(file, catalogue, problems);
            for (ProcedureRouting.Route r : routing.all()) {
                if (!ProcedureRouting.PROVINCE.equals(r.handler()) && !handlerConfigured.test(r.handler())) {
                    if (r.from().isAfter(today)) {
                        warnings.add(CatalogueProblem.of("handler-later", r.line(), "handler", "handler '" + r.handler()
                                + "' is not configured yet (hub.ministries): configure it before " + r.from()));
                    } else {
                        problems.add(CatalogueProblem.of("handler-not-configured", r.line(), "handler", "handler '" + r.handler()
                                + "' is not configured (no such ministry system under hub.ministries)"));
                    }
                }
            }
        }
        problems.sort(Comparator.comparingInt(CatalogueProblem::line));
        int rows = file.rows().size();
        if (!problems.isEmpty() || dryRun) {
            return new ImportResult(table, fileName, dryRun, false, rows, before, problems, warnings);
        }
        byte[] csv = xlsx ? CatalogueFiles.csv(table.header(), CatalogueFiles.rows(table, catalogue, routing)) : content;
        writeBack(table.fileName(), csv);
        fingerprint = fingerprint(dir);
        snapshot = new Snapshot(catalogue, routing, clock.instant());
        return new ImportResult(table, fileName, false, true, rows, before, List.of(), warnings);
    }

    private static String name(String fileName) {
        return fileName == null || fileName.isBlank() ? "upload" : fileName;
    }

    /** Temp file in the same folder, then a move over the old one; the old one is kept as a .bak copy first. */
    private void writeBack(String fileName, byte[] content) {
        Path target = dir.resolve(fileName);
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + fileName + ".", ".tmp");
            Files.write(tmp, content);
            if (Files.exists(target)) {
                Files.copy(target, dir.resolve(fileName + "." + BACKUP_STAMP.format(clock.instant()) + ".bak"),
                        StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // the temp file stays behind; the catalogue in use is unchanged
            }
            throw new IllegalStateException("cannot write " + target + ": " + e, e);
        }
    }
}
