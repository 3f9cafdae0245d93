package vn.tthc.hub.alert;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import vn.tthc.hub.dossier.Pii;

/**
 * The mail texts of one language, read from {@code alerts/messages_<lang>.properties} (UTF-8), with
 * {@code {name}} placeholders; every rendered text is masked, so no value can carry a CCCD or phone whole.
 */
public final class AlertTemplates {
    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private final Properties texts = new Properties();
    private final ZoneId zone;

    public AlertTemplates(String language, ZoneId zone) {
        this.zone = zone;
        String resource = "alerts/messages_" + language + ".properties";
        try (InputStream in = AlertTemplates.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no alert texts " + resource);
            }
            // read as UTF-8 explicitly: Properties.load(InputStream) would read ISO-8859-1 and break the diacritics
            texts.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The raw text of a key; a missing key is a bug in the templates, so it fails loudly. */
    public String raw(String key) {
        String t = texts.getProperty(key);
        if (t == null) {
            throw new IllegalArgumentException("no alert text " + key);
        }
        return t;
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    /** The text of a key with its placeholders filled and personal numbers masked. */
    public String render(String key, Map<String, ?> values) {
        Matcher m = PLACEHOLDER.matcher(raw(key));
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object v = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v == null ? m.group() : String.valueOf(v)));
        }
        m.appendTail(out);
        return Pii.maskText(out.toString());
    }

    /** The display name of a partner id ({@code ministry-G17} → the ministry's line). */
    public String partner(String id) {
        if (id == null) {
            return raw("partner.all");
        }
        if (has("partner." + id)) {
            return raw("partner." + id);
        }
        if (id.startsWith("ministry-")) {
            return render("partner.ministry", Map.of("code", id.substring("ministry-".length())));
        }
        return id;
    }

    /** What to do when a partner fails. */
    public String advice(String partner) {
        if (partner != null && has("advice." + partner)) {
            return raw("advice." + partner);
        }
        return partner != null && partner.startsWith("ministry-") ? raw("advice.ministry") : raw("advice.default");
    }

    public String time(Instant t) {
        return t == null ? "—" : DateTimeFormatter.ofPattern(raw("time.body")).withZone(zone).format(t);
    }

    public String subjectTime(Instant t) {
        return t == null ? "—" : DateTimeFormatter.ofPattern(raw("time.subject")).withZone(zone).format(t);
    }

    public String date(Instant t) {
        return DateTimeFormatter.ofPattern("dd/MM/yyyy").withZone(zone).format(t);
    }

    public String yesNo(boolean b) {
        return raw(b ? "yes" : "no");
    }
}
