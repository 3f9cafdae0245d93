package vn.tthc.hub.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import vn.tthc.hub.sync.DeliveryState;

/**
 * The dossier search's filters, checked: every parameter that is given must be well formed, or the search is refused
 * with {@link ApiProblem#badRequest} naming the parameter and its rule. Blank parameters are absent.
 *
 * @param codePrefix the start of the dossier code (matched with LIKE 'prefix%', so the code index serves it)
 * @param procedure  a procedure code, exactly
 * @param agency     an agency code, exactly
 * @param status     a dossier status TrangThaiHoSo 1–10
 * @param partner    a source or target name: dossiers with a version from it or a delivery to it
 * @param state      a delivery state: dossiers with a delivery in it (to or from {@code partner} when both are given)
 * @param from       first day (Asia/Ho_Chi_Minh) of the last update, inclusive
 * @param to         last day (Asia/Ho_Chi_Minh) of the last update, inclusive
 */
public record DossierFilter(String codePrefix, String procedure, String agency, Integer status, String partner, String state,
                            LocalDate from, LocalDate to) {
    public static final ZoneId VN = ConsoleTime.VN;
    public static final DossierFilter NONE = new DossierFilter(null, null, null, null, null, null, null, null);
    static final int MAX_CODE = 64;
    static final int MAX_PARTNER_CODE = 40;

    /**
     * Checks the raw parameters.
     *
     * @param partners every partner name the hub knows (sources and targets)
     * @throws ApiProblem bad_request naming the first bad parameter
     */
    public static DossierFilter parse(String code, String procedure, String agency, String status, String partner, String state,
                                      String from, String to, Collection<String> partners) {
        String c = text("code", code, MAX_CODE);
        String p = text("procedure", procedure, MAX_PARTNER_CODE);
        String a = text("agency", agency, MAX_PARTNER_CODE);
        Integer s = status(blank(status));
        String partnerName = blank(partner);
        if (partnerName != null && !partners.contains(partnerName)) {
            throw ApiProblem.badRequest("partner", "must be one of " + String.join(", ", new TreeSet<>(partners)));
        }
        String st = state(blank(state));
        LocalDate f = date("from", blank(from));
        LocalDate t = date("to", blank(to));
        if (f != null && t != null && t.isBefore(f)) {
            throw ApiProblem.badRequest("to", "must not be before from");
        }
        return new DossierFilter(c, p, a, s, partnerName, st, f, t);
    }

    /** The page asked for, checked: from 1. */
    public static int page(int page) {
        if (page < 1) {
            throw ApiProblem.badRequest("page", "must be at least 1");
        }
        return page;
    }

    /** The page size asked for, checked: 1..{@link Paged#MAX_SIZE}. */
    public static int size(int size) {
        if (size < 1 || size > Paged.MAX_SIZE) {
            throw ApiProblem.badRequest("size", "must be between 1 and " + Paged.MAX_SIZE);
        }
        return size;
    }

    /** The start of the {@code from} day, or null. */
    public Instant fromInstant() {
        return from == null ? null : from.atStartOfDay(VN).toInstant();
    }

    /** The start of the day after {@code to} (exclusive end), or null. */
    public Instant toExclusive() {
        return to == null ? null : to.plusDays(1).atStartOfDay(VN).toInstant();
    }

    /** The code prefix as a LIKE pattern with {@code \} as escape: the prefix's own % and _ match only themselves. */
    public String codeLike() {
        return codePrefix == null ? null : codePrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    private static String text(String field, String value, int max) {
        String v = blank(value);
        if (v == null) {
            return null;
        }
        if (v.length() > max) {
            throw ApiProblem.badRequest(field, "must be at most " + max + " characters");
        }
        if (v.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw ApiProblem.badRequest(field, "must not contain control characters");
        }
        return v;
    }

    private static Integer status(String value) {
        if (value == null) {
            return null;
        }
        try {
            int s = Integer.parseInt(value);
            if (s >= 1 && s <= 10) {
                return s;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw ApiProblem.badRequest("status", "must be a dossier status code from 1 to 10");
    }

    private static final Set<String> STATES = Set.of(DeliveryState.PENDING.name(), DeliveryState.FAILED.name(),
            DeliveryState.DELIVERED.name(), DeliveryState.DEAD.name());

    private static String state(String value) {
        if (value == null) {
            return null;
        }
        String s = value.toUpperCase(Locale.ROOT);
        if (!STATES.contains(s)) {
            throw ApiProblem.badRequest("state", "must be one of PENDING, FAILED, DELIVERED, DEAD");
        }
        return s;
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(field, "must be a date yyyy-MM-dd");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
