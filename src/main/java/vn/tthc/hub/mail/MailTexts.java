package vn.tthc.hub.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.tthc.hub.dossier.Pii;

/**
 * The texts of a kind of mail (a {@code messages_<lang>.properties} on the class path, UTF-8) with {@code {name}}
 * placeholders; every filled text has its personal numbers masked.
 */
public final class MailTexts {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private final Properties texts = new Properties();
    private final String resource;

    /** @throws IllegalArgumentException when the resource does not exist */
    public MailTexts(String resource) {
        this.resource = resource;
        try (InputStream in = MailTexts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no mail texts " + resource);
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
            throw new IllegalArgumentException("no text " + key + " in " + resource);
        }
        return t;
    }

    public boolean has(String key) {
        return texts.containsKey(key);
    }

    /** The text of a key with its placeholders filled (an unknown one is left as written) and personal numbers masked. */
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
}
