package vn.tthc.hub.alert;

import vn.tthc.hub.mail.MailTexts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * The mail texts of one language, read from {@code alerts/messages_<lang>.properties} (UTF-8), with
 * {@code {name}} placeholders; every rendered text is masked, so no value can carry a CCCD or phone whole.
 */
public final class AlertTemplates {
    private final MailTexts texts;
    private final ZoneId zone;

    public AlertTemplates(String language, ZoneId zone) {
        this.zone = zone;
        this.texts = new MailTexts("alerts/messages_" + language + ".properties");
    }

    /** The raw text of a key; a missing key is a bug in the templates, so it fails loudly. */
    public String raw(String key) {
        return texts.raw(key);
    }

    public boolean has(String key) {
        return texts.has(key);
    }

    /** The text of a key with its placeholders filled and personal numbers masked. */
    public String render(String key, Map<String, ?> values) {
        return texts.render(key, values);
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
