package vn.tthc.hub.catalogue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The routing table of {@code mappings/catalogue/routing.csv}: which system (province or a ministry's) handles a national procedure on a given date. */
public final class ProcedureRouting {

    /** The handler of a procedure (or a date) that no row covers: procedures not yet moved stay on the province system. */
    public static final String PROVINCE = "province";
    /** Dates of the table are Vietnamese calendar dates. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    static final List<String> HEADER = List.of("national_code", "handler", "effective_from", "effective_to", "note");
    private static final Pattern HANDLER = Pattern.compile("^(province|ministry-G\\d{2})$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}$");

    /**
     * One row: {@code handler} handles {@code nationalCode} from {@code from} (inclusive) to {@code to}
     * (exclusive; {@code null} = open-ended); {@code line} is the row's physical line in the file.
     */
    public record Route(String nationalCode, String handler, LocalDate from, LocalDate to, String note, int line) {

        /** Whether this period contains {@code date}. */
        public boolean covers(LocalDate date) {
            return !date.isBefore(from) && (to == null || date.isBefore(to));
        }

        boolean overlaps(Route other) {
            return (other.to == null || from.isBefore(other.to)) && (to == null || other.from.isBefore(to));
        }

        /** {@code 2026-01-01..open} or {@code 2021-01-01..2026-01-01}. */
        public String period() {
            return from + ".." + (to == null ? "open" : to.toString());
        }
    }

    private final Map<String, List<Route>> byCode;
    private final Set<String> handlers;

    private ProcedureRouting(Map<String, List<Route>> byCode, Set<String> handlers) {
        this.byCode = Map.copyOf(byCode);
        this.handlers = Collections.unmodifiableSortedSet(new TreeSet<>(handlers));
    }

    /**
     * Loads and validates the routing table against the catalogue.
     *
     * @throws CsvFormatException naming the file, the line and the broken rule
     */
    public static ProcedureRouting load(Path routingCsv, ProcedureCatalogue catalogue) {
        CsvFile file = CsvFile.read(routingCsv);
        List<CatalogueProblem> problems = new ArrayList<>();
        ProcedureRouting routing = parse(file, catalogue, problems);
        if (!problems.isEmpty()) {
            CatalogueProblem first = problems.get(0);
            throw file.error(first.line(), first.rule());
        }
        return routing;
    }

    /**
     * Validates every row against the catalogue, adding each broken rule to {@code problems}; the answer holds the
     * rows that passed and is meant to be used only when {@code problems} stayed empty.
     */
    public static ProcedureRouting parse(CsvFile file, ProcedureCatalogue catalogue, List<CatalogueProblem> problems) {
        if (!file.header().equals(HEADER)) {
            problems.add(CatalogueProblem.of("header", file.headerLine(), null,
                    "header must be '" + String.join(",", HEADER) + "', found '" + String.join(",", file.header()) + "'"));
            return new ProcedureRouting(Map.of(), Set.of());
        }
        Map<String, List<Route>> byCode = new LinkedHashMap<>();
        Set<String> handlers = new TreeSet<>();
        for (CsvFile.Row row : file.rows()) {
            int line = row.line();
            if (row.fields().size() != HEADER.size()) {
                problems.add(CatalogueProblem.of("columns", line, null, "expected " + HEADER.size() + " columns (" + String.join(",", HEADER)
                        + "), found " + row.fields().size() + " (quote values that contain commas)"));
                continue;
            }
            int before = problems.size();
            String code = row.get(0);
            if (!catalogue.isKnownNational(code)) {
                problems.add(CatalogueProblem.of("unknown-procedure", line, "national_code",
                        "national_code '" + code + "' is not in the procedure catalogue (procedures.csv)"));
            }
            String handler = row.get(1);
            if (!HANDLER.matcher(handler).matches()) {
                problems.add(CatalogueProblem.of("handler-format", line, "handler",
                        "handler '" + handler + "' must be 'province' or 'ministry-Gnn' (e.g. ministry-G06)"));
            }
            LocalDate from = date(problems, line, "effective_from", row.get(2));
            if (from == null && row.get(2).isEmpty()) {
                problems.add(CatalogueProblem.of("required", line, "effective_from", "effective_from must not be empty (yyyy-MM-dd)"));
            }
            LocalDate to = date(problems, line, "effective_to", row.get(3));
            if (from != null && to != null && !from.isBefore(to)) {
                problems.add(CatalogueProblem.of("period", line, "effective_to", "effective_from " + from + " must be before effective_to " + to
                        + " (from is inclusive, to exclusive)"));
            }
            if (problems.size() != before) {
                continue;
            }
            Route route = new Route(code, handler, from, to, row.get(4), line);
            List<Route> history = byCode.computeIfAbsent(code, c -> new ArrayList<>());
            Route clash = history.stream().filter(earlier -> earlier.overlaps(route)).findFirst().orElse(null);
            if (clash != null) {
                problems.add(CatalogueProblem.of("overlap", line, "effective_from", "periods of " + code + " overlap (" + clash.period()
                        + " and " + route.period() + ") with line " + clash.line()));
                continue;
            }
            history.add(route);
            handlers.add(handler);
        }
        Map<String, List<Route>> sorted = new LinkedHashMap<>();
        byCode.forEach((code, history) -> sorted.put(code,
                history.stream().sorted(Comparator.comparing(Route::from)).toList()));
        return new ProcedureRouting(sorted, handlers);
    }

    private static LocalDate date(List<CatalogueProblem> problems, int line, String column, String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (!DATE.matcher(text).matches()) {
            problems.add(CatalogueProblem.of("date-format", line, column, column + " '" + text + "' must be a date yyyy-MM-dd"));
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            problems.add(CatalogueProblem.of("date-invalid", line, column, column + " '" + text + "' is not a valid date"));
            return null;
        }
    }

    /**
     * The handler of a dossier of {@code nationalCode} received at {@code receivedAt} (its date in
     * Asia/Ho_Chi_Minh decides): the covering row's handler, else {@link #PROVINCE}.
     *
     * @throws NullPointerException when {@code receivedAt} is null: a dossier not yet received is
     *                              routed by its submission date, {@link #handlerFor(String, LocalDate)}
     */
    public String handlerFor(String nationalCode, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt is null: route by the submission date, handlerFor(code, LocalDate)");
        return handlerFor(nationalCode, LocalDate.ofInstant(receivedAt, ZONE));
    }

    /** The handler by the reception time, or by {@code submittedOn} when the dossier has not been received yet. */
    public String handlerFor(String nationalCode, Instant receivedAt, LocalDate submittedOn) {
        return receivedAt != null ? handlerFor(nationalCode, receivedAt) : handlerFor(nationalCode, submittedOn);
    }

    /** The handler of {@code nationalCode} on the Vietnamese calendar date {@code date}. */
    public String handlerFor(String nationalCode, LocalDate date) {
        Objects.requireNonNull(date, "date");
        for (Route r : historyOf(nationalCode)) {
            if (r.covers(date)) {
                return r.handler();
            }
        }
        return PROVINCE;
    }

    /** Whether a ministry system (not the province) handles the procedure on that date. */
    public boolean isMinistry(String nationalCode, LocalDate date) {
        return !PROVINCE.equals(handlerFor(nationalCode, date));
    }

    /** All handlers named in the file (sorted), for building delivery targets; {@link #PROVINCE} is the fallback whether named or not. */
    public Set<String> handlers() {
        return handlers;
    }

    /** Every row: procedures in the order they first appear in the file, each one's periods oldest first. */
    public List<Route> all() {
        return byCode.values().stream().flatMap(List::stream).toList();
    }

    /** The rows of a procedure, oldest period first; empty when the file has none (province throughout). */
    public List<Route> historyOf(String nationalCode) {
        List<Route> history = nationalCode == null ? null : byCode.get(nationalCode);
        return history == null ? List.of() : history;
    }
}
