package vn.tthc.hub.dossier;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data (CCCD 12 digits, CMND 9 digits, phone numbers) in free text, for logs,
 * mails, error records and list views (Decree 13/2023). Only the last 3 digits stay visible.
 */
public final class Pii {
    // Personal numbers are found by digit boundaries, not by words: a run of 9-12 digits with no digit on either
    // side is masked wherever it stands — after "-", "_", ":", "=", "/", inside quotes, in a URL, glued to a label
    // ("CCCD001234567890", "CCCD-079123456789") — while longer runs (yyyyMMddHHmmss dates, epoch milliseconds) and
    // the short segments of dossier and agency codes are left alone, and so are decimal fractions (the nanoseconds
    // of "15:22:12.123456789Z", "0.123456789"). Phones written in groups ("+84 912 345 678",
    // "0912-345-678", "0 912 345 678") and identity numbers in groups of three ("079 123 456 789") are masked too.
    private static final Pattern DIGIT_RUNS = Pattern.compile(
            "(?<![\\d+])(?<!\\d\\.)(?:\\+84)?\\d{9,12}(?!\\d)"
                    + "|(?<![\\d+])(?:\\+84|0)[ .\\-]?\\d{2,3}[ .\\-]\\d{3}[ .\\-]\\d{3,4}(?!\\d)"
                    + "|(?<!\\d)\\d{3}[ \\-]\\d{3}[ \\-]\\d{3}(?:[ \\-]\\d{3})?(?!\\d)");

    private Pii() {
    }

    /** Masks an identity or phone number wholly known to be personal data. */
    public static String maskNumber(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String digits = value.replaceAll("\\D", "");
        if (digits.length() <= 3) {
            return "***";
        }
        return "*".repeat(digits.length() - 3) + digits.substring(digits.length() - 3);
    }

    /** Masks a person's name to initials plus the given name (e.g. "N. T. Lan"). */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) {
            return name;
        }
        String[] parts = name.trim().split("\\s+");
        if (parts.length == 1) {
            return parts[0].charAt(0) + ".";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            sb.append(parts[i].charAt(0)).append(". ");
        }
        return sb.append(parts[parts.length - 1]).toString();
    }

    /** Masks every CCCD/CMND/phone-like run of digits in free text. */
    public static String maskText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = DIGIT_RUNS.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        do {
            m.appendReplacement(sb, Matcher.quoteReplacement(maskNumber(m.group())));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
