package vn.tthc.hub.mapping;

import com.dashjoin.jsonata.Jsonata;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import vn.tthc.hub.catalogue.ProcedureCatalogue;

/**
 * The functions every mapping expression gets ({@code $instant}, {@code $date14}, {@code $instant14}, {@code $str},
 * {@code $flag01}, {@code $tf}, {@code $code}, {@code $national}, {@code $trunc}).
 */
final class MappingFunctions {
    // The partner conventions (portal strings, Vietnam-time dates, code tables) live here once
    // instead of being re-implemented in JSONata in every file. Stateless apart from immutable
    // tables, so one instance serves all threads.

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final DateTimeFormatter DATE14 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(VIETNAM);
    /** ISO-8601 basic offsets (+0700) and hour-only offsets (+07) are legal ISO but not accepted by java.time's ISO parser. */
    private static final Pattern BASIC_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");
    private static final Pattern HOUR_OFFSET = Pattern.compile("T.*[+-]\\d{2}$");

    private final CodeTables codes;
    /** The catalogue in use at each call (the console may replace it while the hub runs). */
    private final Supplier<ProcedureCatalogue> catalogue;

    MappingFunctions(CodeTables codes, Supplier<ProcedureCatalogue> catalogue) {
        this.codes = codes;
        this.catalogue = catalogue;
    }

    /** Binds all functions into the expression's own environment. */
    void registerOn(Jsonata expression) {
        register(expression, "instant", 1, 1, a -> instant(a.get(0)));
        register(expression, "date14", 1, 1, a -> date14(a.get(0)));
        register(expression, "instant14", 1, 1, a -> instant14(a.get(0)));
        register(expression, "str", 1, 1, a -> str(a.get(0)));
        register(expression, "flag01", 1, 1, a -> bool("$flag01", a.get(0)) ? "1" : "0");
        register(expression, "tf", 1, 1, a -> bool("$tf", a.get(0)) ? "True" : "False");
        register(expression, "code", 2, 2, a -> code(a.get(0), a.get(1)));
        register(expression, "national", 1, 1, a -> national(a.get(0)));
        register(expression, "trunc", 2, 2, a -> trunc(a.get(0), a.get(1)));
    }

    private static void register(Jsonata expression, String name, int min, int max, Function<List<Object>, Object> body) {
        // no JSONata signature: its coercions and messages differ from ours, we check arguments here
        expression.registerFunction(name, new Jsonata.JFunction((input, args) -> {
            List<Object> a = new ArrayList<>(args.size());
            for (Object arg : args) {
                a.add(arg == Jsonata.NULL_VALUE ? null : arg); // JSON null and undefined mean "no value" alike
            }
            if (a.size() < min || a.size() > max) {
                throw new FunctionError("$" + name + " expects " + (min == max ? String.valueOf(min) : min + "-" + max)
                        + " argument(s), got " + a.size());
            }
            return body.apply(a);
        }, null));
    }

    /** ISO-8601 date-time with an offset → the same instant as UTC {@link Instant#toString()}; no value → undefined. */
    static String instant(Object value) {
        Instant i = parseInstant("$instant", value);
        return i == null ? null : i.toString();
    }

    /** ISO-8601 date-time with an offset → {@code yyyyMMddHHmmss} in Vietnam time; no value → "". */
    static String date14(Object value) {
        Instant i = parseInstant("$date14", value);
        return i == null ? "" : DATE14.format(i);
    }

    /** Strict {@code yyyyMMddHHmmss}: uuuu and STRICT so 20261302… or 20260230… are refused, not rolled over. */
    private static final DateTimeFormatter DATE14_STRICT = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);
    private static final Pattern FOURTEEN_DIGITS = Pattern.compile("\\d{14}");

    /** {@code yyyyMMddHHmmss} in Vietnam time (the portal's date form) → UTC {@link Instant#toString()}; "" or no value → undefined. */
    static String instant14(Object value) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new FunctionError("$instant14: expected a yyyyMMddHHmmss string, got " + describe(value));
        }
        String text = s.strip();
        if (text.isEmpty()) {
            return null;
        }
        if (!FOURTEEN_DIGITS.matcher(text).matches()) {
            throw new FunctionError("$instant14: '" + s + "' is not yyyyMMddHHmmss (e.g. 20261123080110)");
        }
        try {
            return java.time.LocalDateTime.parse(text, DATE14_STRICT).atZone(VIETNAM).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new FunctionError("$instant14: '" + s + "' is not a valid date-time (" + e.getMessage() + ")");
        }
    }

    private static Instant parseInstant(String fn, Object value) {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new FunctionError(fn + ": expected an ISO-8601 date-time string, got " + describe(value));
        }
        String text = s.strip();
        var basic = BASIC_OFFSET.matcher(text);
        if (text.contains("T") && basic.find()) {
            text = basic.replaceFirst("$1:$2");
        } else if (HOUR_OFFSET.matcher(text).matches()) {
            text = text + ":00";
        }
        try {
            // ISO_OFFSET_DATE_TIME accepts both "+07:00" and "Z"; a date-time without offset is refused
            // because guessing its zone would shift KPI dates by hours
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw new FunctionError(fn + ": '" + s + "' is not an ISO-8601 date-time with an offset (e.g. 2026-11-23T08:01:10+07:00)");
        }
    }

    /** Portal string form: no value → "", integral numbers without ".0", booleans "true"/"false". */
    static String str(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new FunctionError("$str: " + d + " is not a JSON number");
            }
            BigDecimal bd = n instanceof BigDecimal b ? b : BigDecimal.valueOf(d);
            // toPlainString: the portal must never see 5.0E+5
            return bd.stripTrailingZeros().toPlainString();
        }
        throw new FunctionError("$str: expected a single value, got " + describe(value));
    }

    /** true/false; no value counts as false. Anything else is refused: "yes" or 1 is a source bug, not a flag. */
    static boolean bool(String fn, Object value) {
        if (value == null) {
            return false;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new FunctionError(fn + ": expected true or false, got " + describe(value));
    }

    /** Code table lookup; no key → undefined (the field stays absent and the validator reports it). */
    String code(Object table, Object key) {
        if (!(table instanceof String t) || !codes.hasTable(t)) {
            throw new FunctionError("$code: unknown code table " + describe(table) + " (no mappings/codes/" + table + ".csv)");
        }
        if (key == null || "".equals(key)) {
            return null;
        }
        if (key instanceof Map || key instanceof List) {
            throw new FunctionError("$code: " + t + ": expected a single code, got " + describe(key));
        }
        String k = str(key);
        return codes.lookup(t, k).orElseThrow(() ->
                new FunctionError(t + ": unknown code '" + k + "' (not in mappings/codes/" + t + ".csv)"));
    }

    /** Catalogue local → national code; unknown codes pass unchanged so the validator can report them. */
    Object national(Object code) {
        if (code instanceof String s) {
            return catalogue.get().toNational(s).orElse(s);
        }
        return code;
    }

    /** Truncates to at most n characters (code points, so a Vietnamese letter is never cut in half); no value → undefined. */
    static String trunc(Object value, Object max) {
        if (!(max instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() != Math.floor(n.doubleValue())) {
            throw new FunctionError("$trunc: length must be a non-negative integer, got " + describe(max));
        }
        if (value == null) {
            return null;
        }
        String s = str(value);
        int limit = n.intValue();
        if (s.codePointCount(0, s.length()) <= limit) {
            return s;
        }
        return s.substring(0, s.offsetByCodePoints(0, limit));
    }

    /** A value for an error message: quoted strings, and the JSON type for structures (never a whole record: personal data). */
    static String describe(Object value) {
        if (value == null) {
            return "no value";
        }
        if (value instanceof String s) {
            return "'" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "'";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List<?> l) {
            return "an array of " + l.size();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value + " (" + (value instanceof Number ? "number" : "boolean") + ")";
        }
        return "a function";
    }
}
