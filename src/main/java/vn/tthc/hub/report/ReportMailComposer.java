package vn.tthc.hub.report;

import vn.tthc.hub.mail.MailTexts;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The subject and body of a report mail in one language, from {@code reports/messages_<lang>.properties}:
 * the period, the grand totals and the link to the report; numbers and dates as GLOSSARY.md writes them,
 * every text masked so that no value can carry a CCCD or phone whole.
 */
public final class ReportMailComposer {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private final MailTexts texts;
    private final boolean vietnamese;
    private final String consoleUrl;

    public ReportMailComposer(String language, String consoleUrl) {
        this.vietnamese = !"en".equals(language);
        this.consoleUrl = consoleUrl.endsWith("/") ? consoleUrl : consoleUrl + "/";
        this.texts = new MailTexts("reports/messages_" + (vietnamese ? "vi" : "en") + ".properties");
    }

    /** A composed mail: subject and body, masked. */
    public record Text(String subject, String body) {
    }

    public Text compose(Statistics stats, String xlsxName, String csvName) {
        ReportPeriod p = stats.period();
        ReportRow t = stats.total();
        LocalDate first = LocalDate.ofInstant(p.start(), ReportPeriod.VN);
        LocalDate last = LocalDate.ofInstant(p.end(), ReportPeriod.VN).minusDays(1);
        Map<String, Object> v = new HashMap<>();
        v.put("week", first.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        v.put("year", p.kind().equals("weekly") ? first.get(IsoFields.WEEK_BASED_YEAR) : first.getYear());
        v.put("month", String.format("%02d", first.getMonthValue()));
        String name = render(p.kind() + ".name", v);
        v.put("name", name);
        v.put("from", DATE.format(first));
        v.put("to", DATE.format(last));
        v.put("received", number(t.received()));
        v.put("synced", number(t.syncedToPortal()));
        v.put("finished", number(t.finished()));
        v.put("onTime", number(t.onTime()));
        v.put("onTimePercent", percent(t.onTimePercent()));
        v.put("late", number(t.late()));
        v.put("failures", number(t.syncFailures()));
        v.put("differences", number(t.reconciliationDifferences()));
        v.put("healed", number(t.reconciliationHealed()));
        v.put("unreadable", stats.unreadableVersions() > 0 ? render("unreadable", Map.of("n", number(stats.unreadableVersions()))) : "");
        v.put("xlsx", xlsxName);
        v.put("csv", csvName);
        v.put("link", link(p));
        return new Text(render("subject", v), render("body", v));
    }

    /** Where the same report is downloaded (the console's base URL from the alert settings). */
    public String link(ReportPeriod p) {
        return consoleUrl + "api/v1/reports/" + p.kind() + "?period=" + p.label() + "&format=xlsx" + (vietnamese ? "" : "&lang=en");
    }

    /** 12.345 in Vietnamese, 12,345 in English. */
    String number(long n) {
        return format("#,##0").format(n);
    }

    /** 98,5 % in Vietnamese, 98.5% in English. */
    String percent(double p) {
        return format("0.#").format(p) + (vietnamese ? " %" : "%");
    }

    private DecimalFormat format(String pattern) {
        DecimalFormatSymbols s = DecimalFormatSymbols.getInstance(Locale.ROOT);
        s.setGroupingSeparator(vietnamese ? '.' : ',');
        s.setDecimalSeparator(vietnamese ? ',' : '.');
        return new DecimalFormat(pattern, s);
    }

    private String render(String key, Map<String, ?> values) {
        return texts.render(key, values);
    }
}
