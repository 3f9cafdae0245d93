package vn.tthc.hub.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * The one rule for text that enters the hub: every string of a record is checked for markup,
 * script and invisible control characters wherever it sits (the portal displays what the hub
 * sends it), and strings whose field has a stricter kind — code, e-mail, phone, URL — are checked
 * by that kind's own rule. Fields are classified by their path in the canonical model; a field
 * not named here is free text, so a field added to the model later is checked by default.
 */
public final class TextRules {
    /** What a string field holds, and so which rule checks it beyond markup. */
    public enum Kind {
        /** Free text: safety and length. */
        TEXT,
        /** An identifier or document number: letters, digits and . _ - / only. */
        CODE,
        EMAIL,
        PHONE,
        URL,
        /** A code with a stricter format rule of its own in {@link DossierValidator} (dossier, agency, procedure, identity). */
        OWN_FORMAT
    }

    /** Markup: a tag, comment, declaration or processing instruction; script URLs; entity-escaped angle brackets. */
    private static final Pattern MARKUP = Pattern.compile(
            "<[\\p{L}!/?]"
                    + "|(?:java|vb|live)script\\s*:"
                    + "|data\\s*:\\s*text/html"
                    + "|&(?:lt|gt|#0*60|#0*62|#x0*3c|#x0*3e);?",
            Pattern.CASE_INSENSITIVE);
    /**
     * Control and invisible formatting characters that change what a reader sees: C0/C1 controls other than
     * tab and line breaks, bidirectional overrides and isolates (text reversal attacks), zero-width joiners
     * and the BOM.
     */
    private static final Pattern CONTROL = Pattern.compile(
            "[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x9F\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u2069\\uFEFF]");
    /** Letters of any script (document numbers are like "123/QĐ-UBND"), digits and . _ - /; no space, quote or bracket. */
    private static final Pattern CODE = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}._\\-/]{0,99}");
    private static final Pattern EMAIL = Pattern.compile(
            "(?=.{3,254}$)(?=[^@]{1,64}@)[A-Za-z0-9_%+\\-]+(?:\\.[A-Za-z0-9_%+\\-]+)*"
                    + "@(?:[A-Za-z0-9](?:[A-Za-z0-9\\-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    private static final Pattern PHONE_SEPARATORS = Pattern.compile("[ .\\-]");
    private static final Pattern PHONE = Pattern.compile("(\\+84|0)\\d{9,10}");
    private static final Pattern PHONE_CHARS = Pattern.compile("\\+?[0-9][0-9 .\\-]*");
    /** Characters a URL may hold for the portal and the console to show it as a plain link (RFC 3986 less quotes). */
    private static final Pattern URL_CHARS = Pattern.compile("[\\p{L}\\p{M}\\p{N}\\-._~:/?#\\[\\]@!$&()*+,;=%]+");
    /** Keys quoted back in a field path as they are; any other key is shown as "?" (it may hold markup or anything). */
    private static final Pattern SAFE_KEY = Pattern.compile("[\\p{L}\\p{N}_\\-$@]{1,64}");
    public static final int MAX_TEXT = 2000;
    public static final int MAX_URL = 2000;

    /** Canonical field paths (list indices written as {@code []}) that are not free text. */
    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("code", Kind.OWN_FORMAT), Map.entry("localCode", Kind.CODE), Map.entry("source", Kind.CODE),
            Map.entry("agencyCode", Kind.OWN_FORMAT), Map.entry("procedureCode", Kind.OWN_FORMAT), Map.entry("sectorCode", Kind.CODE),
            Map.entry("receiptNumber", Kind.CODE),
            Map.entry("applicant.idNumber", Kind.OWN_FORMAT), Map.entry("applicant.accountId", Kind.CODE),
            Map.entry("applicant.identifiers[].type", Kind.CODE), Map.entry("applicant.identifiers[].number", Kind.CODE),
            Map.entry("applicant.email", Kind.EMAIL),
            Map.entry("applicant.phone", Kind.PHONE), Map.entry("applicant.fax", Kind.PHONE),
            Map.entry("connectedDatabases[]", Kind.CODE),
            Map.entry("documents[].fileId", Kind.CODE), Map.entry("documents[].componentCode", Kind.CODE),
            Map.entry("documents[].replacedResultCode", Kind.CODE), Map.entry("documents[].url", Kind.URL),
            Map.entry("results[].id", Kind.CODE), Map.entry("results[].componentCode", Kind.CODE),
            Map.entry("results[].resultCode", Kind.CODE), Map.entry("results[].url", Kind.URL),
            Map.entry("fees[].code", Kind.CODE));
    /** Free-text fields that have a length rule of their own elsewhere. */
    private static final Set<String> OWN_LENGTH = Set.of("summary");

    private TextRules() {
    }

    /** The kind of a canonical field, e.g. {@code documents[].url} → URL; anything unlisted is free text. */
    public static Kind kindOf(String path) {
        return KINDS.getOrDefault(path.replaceAll("\\[\\d+]", "[]"), Kind.TEXT);
    }

    /** Whether the text holds markup, script or invisible control characters (the rule every string obeys). */
    public static boolean unsafe(String value) {
        return value != null && (MARKUP.matcher(value).find() || CONTROL.matcher(value).find());
    }

    /** The safety rule alone: markup or control characters, named by rule; empty when the text is safe. */
    public static List<FieldError> safety(String field, String value) {
        if (value == null) {
            return List.of();
        }
        if (MARKUP.matcher(value).find()) {
            return List.of(new FieldError(field, "markup", "text must not contain markup or script (<…>, javascript:, &lt;)"));
        }
        if (CONTROL.matcher(value).find()) {
            return List.of(new FieldError(field, "control",
                    "text must not contain control or invisible formatting characters (e.g. U+0000, U+202E)"));
        }
        return List.of();
    }

    /** Every rule for one canonical field: safety first, then the rule of the field's kind. */
    public static List<FieldError> check(String field, String value) {
        List<FieldError> safety = safety(field, value);
        if (!safety.isEmpty() || value == null || value.isEmpty()) {
            return safety;
        }
        FieldError e = switch (kindOf(field)) {
            case TEXT -> value.length() > MAX_TEXT && !OWN_LENGTH.contains(field)
                    ? new FieldError(field, "length", "text is longer than " + MAX_TEXT + " characters") : null;
            case CODE -> CODE.matcher(value).matches() ? null
                    : new FieldError(field, "format", "a code is 1–100 letters, digits and . _ - / (starting with a letter or digit; no spaces, quotes or brackets)");
            case EMAIL -> EMAIL.matcher(value).matches() ? null
                    : new FieldError(field, "format", "e-mail address must be name@domain.tld (letters, digits, . _ % + -)");
            case PHONE -> phone(value) ? null
                    : new FieldError(field, "format", "phone must be 0 or +84 followed by 9–10 digits (spaces, dots, hyphens allowed)");
            case URL -> url(field, value);
            case OWN_FORMAT -> null;
        };
        return e == null ? List.of() : List.of(e);
    }

    /** Walks every string of a JSON tree (canonical names as paths: {@code progress[2].department}) with {@link #check}. */
    public static List<FieldError> checkTree(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        strings(tree, "", (path, value) -> errors.addAll(check(path, value)));
        return errors;
    }

    /** Walks every string of any JSON tree with the safety rule only (a partner's record in its own field names). */
    public static List<FieldError> safetyTree(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        strings(tree, "", (path, value) -> errors.addAll(safety(path, value)));
        return errors;
    }

    /** Calls {@code visitor} with the path and value of every string in the tree, object keys included as values. */
    public static void strings(JsonNode node, String path, BiConsumer<String, String> visitor) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            visitor.accept(path.isEmpty() ? "body" : path, node.textValue());
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                strings(node.get(i), path + "[" + i + "]", visitor);
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String key = SAFE_KEY.matcher(e.getKey()).matches() ? e.getKey() : "?";
                String child = path.isEmpty() ? key : path + "." + key;
                if (unsafe(e.getKey())) {
                    // a hostile key is reported under its parent: the key itself may not be quoted back
                    visitor.accept(path.isEmpty() ? "body" : path, e.getKey());
                }
                strings(e.getValue(), child, visitor);
            }
        }
    }

    private static boolean phone(String value) {
        return PHONE_CHARS.matcher(value).matches() && PHONE.matcher(PHONE_SEPARATORS.matcher(value).replaceAll("")).matches();
    }

    /** An absolute http(s) URL with a host, no credentials, no quotes, spaces or brackets that could break out of a link. */
    private static FieldError url(String field, String value) {
        if (value.length() > MAX_URL) {
            return new FieldError(field, "length", "URL is longer than " + MAX_URL + " characters");
        }
        String rule = "must be an absolute http(s) URL with a host, without spaces, quotes or credentials";
        if (!URL_CHARS.matcher(value).matches()) {
            return new FieldError(field, "format", "URL " + rule);
        }
        try {
            URI u = new URI(value);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null || u.getHost().isEmpty()
                    || u.getRawUserInfo() != null) {
                return new FieldError(field, "format", "URL " + rule);
            }
        } catch (URISyntaxException e) {
            return new FieldError(field, "format", "URL " + rule);
        }
        return null;
    }
}
