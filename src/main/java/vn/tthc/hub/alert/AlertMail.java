package vn.tthc.hub.alert;

import jakarta.mail.internet.MimeUtility;
import java.io.UnsupportedEncodingException;
import java.util.List;

/** One alert mail as built (texts already masked), before and after it is sent to its recipients. */
public record AlertMail(Kind kind, String partner, String department, String incidentId, String incidentKey, int dossiers,
                        String subject, String body, List<String> recipients) {

    /** What the mail is about. */
    public enum Kind { INCIDENT, RECOVERED, DIGEST;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public AlertMail to(List<String> to) {
        return new AlertMail(kind, partner, department, incidentId, incidentKey, dossiers, subject, body, List.copyOf(to));
    }

    /** The subject as an RFC 2047 encoded word (UTF-8, base64), so the diacritics survive every relay. */
    public String encodedSubject() {
        return encode(subject);
    }

    public static String encode(String subject) {
        try {
            // an ASCII subject stays as it is; folding is left to Jakarta Mail when it writes the header
            return MimeUtility.encodeText(subject, "UTF-8", "B");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
