package vn.tthc.hub.alert;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The alert log ({@code GET /api/v1/alerts}) and, on the embedded default, the mails the built-in SMTP server received. */
@RestController
public class AlertController {
    private final AlertStore store;
    private final ObjectProvider<GreenMail> embedded;

    public AlertController(AlertStore store, ObjectProvider<GreenMail> embedded) {
        this.store = store;
        this.embedded = embedded;
    }

    @GetMapping("/api/v1/alerts")
    public List<AlertStore.AlertRecord> alerts(@RequestParam(defaultValue = "100") int limit) {
        return store.recent(Math.max(1, Math.min(limit, 1000)));
    }

    /**
     * The mails as received (one per message, though GreenMail keeps a copy per recipient), subject decoded, the text
     * of a multipart mail with its attachments' names; 404 without GreenMail.
     */
    @GetMapping("/api/v1/alerts/mails")
    public ResponseEntity<Object> mails() throws MessagingException, IOException {
        GreenMail g = embedded.getIfAvailable();
        if (g == null) {
            return ResponseEntity.status(404).body(Map.of("error", "not_found", "message", "no embedded SMTP server (hub.alerts.embedded-smtp)"));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (MimeMessage m : g.getReceivedMessages()) {
            if (m.getMessageID() != null && !seen.add(m.getMessageID())) {
                continue;
            }
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("sentAt", m.getSentDate() == null ? null : m.getSentDate().toInstant());
            one.put("from", addresses(m.getFrom()));
            one.put("to", addresses(m.getRecipients(MimeMessage.RecipientType.TO)));
            one.put("subject", m.getSubject());
            Object content = m.getContent();
            List<String> attachments = new ArrayList<>();
            one.put("body", content instanceof Multipart mp ? text(mp, attachments) : String.valueOf(content));
            if (!attachments.isEmpty()) {
                one.put("attachments", attachments);
            }
            out.add(one);
        }
        return ResponseEntity.ok(out);
    }

    /** The plain-text part of a multipart mail (a report mail), the names of its attachments collected on the way. */
    private static String text(Multipart mp, List<String> attachments) throws MessagingException, IOException {
        String body = "";
        for (int i = 0; i < mp.getCount(); i++) {
            BodyPart p = mp.getBodyPart(i);
            if (p.getFileName() != null) {
                attachments.add(p.getFileName());
            } else if (p.isMimeType("text/plain") && body.isEmpty()) {
                body = String.valueOf(p.getContent());
            } else if (p.getContent() instanceof Multipart inner) {
                body = body.isEmpty() ? text(inner, attachments) : body;
            }
        }
        return body;
    }

    private static List<String> addresses(Address[] as) {
        List<String> out = new ArrayList<>();
        if (as != null) {
            for (Address a : as) {
                out.add(a.toString());
            }
        }
        return out;
    }
}
