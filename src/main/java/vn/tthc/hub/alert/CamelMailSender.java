package vn.tthc.hub.alert;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.ProducerTemplate;

/** Hands a mail to the {@code alert-out-mail} route (camel-mail, SMTP) with its headers; the body is plain UTF-8 text. */
public class CamelMailSender implements MailSender {
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
        Map<String, Object> headers = new HashMap<>();
        headers.put("To", String.join(",", mail.recipients()));
        headers.put("From", from);
        // encoded here (RFC 2047, UTF-8) so that no relay or client guesses the charset of the diacritics
        headers.put("Subject", mail.encodedSubject());
        headers.put("contentType", "text/plain; charset=UTF-8");
        producer.get().sendBodyAndHeaders(ENDPOINT, mail.body(), headers);
    }
}
