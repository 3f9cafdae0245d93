package vn.tthc.hub.alert;

import jakarta.activation.DataHandler;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.attachment.AttachmentMessage;
import vn.tthc.hub.mail.MailTransport;
import vn.tthc.hub.mail.OutgoingMail;

/**
 * Hands a mail to the {@code alert-out-mail} route (camel-mail, SMTP) with its headers; the body is plain UTF-8 text.
 * Alert mails go out as a single text part; mails of other packages ({@link MailTransport}, e.g. the reports) may
 * carry attachments, which camel-mail turns into a multipart/mixed message.
 */
public class CamelMailSender implements MailSender, MailTransport {
    static final String ENDPOINT = "direct:alert-out-mail";
    private final Supplier<ProducerTemplate> producer;
    private final String from;

    /** The template is looked up at the first send: the delivery worker (and so this sender) exists before Camel has started. */
    public CamelMailSender(Supplier<ProducerTemplate> producer, String from) {
        this.producer = producer;
        this.from = from;
    }

    @Override
    public void send(AlertMail mail) {
        producer.get().sendBodyAndHeaders(ENDPOINT, mail.body(), headers(String.join(",", mail.recipients()), mail.encodedSubject()));
    }

    @Override
    public void send(OutgoingMail mail) {
        Map<String, Object> headers = headers(String.join(",", mail.to()), AlertMail.encode(mail.subject()));
        Exchange sent = producer.get().send(ENDPOINT, e -> {
            e.getIn().setHeaders(headers);
            e.getIn().setBody(mail.body());
            if (!mail.attachments().isEmpty()) {
                AttachmentMessage am = e.getIn(AttachmentMessage.class);
                for (OutgoingMail.Attachment a : mail.attachments()) {
                    am.addAttachment(a.fileName(), new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                }
            }
        });
        if (sent.getException() != null) {
            // the caller records the failure; keep the original cause (SMTP refused, connection lost)
            throw new IllegalStateException("the mail could not be sent: " + sent.getException().getMessage(), sent.getException());
        }
    }

    private Map<String, Object> headers(String to, String encodedSubject) {
        Map<String, Object> headers = new HashMap<>();
        headers.put("To", to);
        headers.put("From", from);
        // encoded here (RFC 2047, UTF-8) so that no relay or client guesses the charset of the diacritics
        headers.put("Subject", encodedSubject);
        headers.put("contentType", "text/plain; charset=UTF-8");
        return headers;
    }
}
