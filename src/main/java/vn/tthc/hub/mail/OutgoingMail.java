package vn.tthc.hub.mail;

import java.util.List;
import java.util.Objects;

/** One mail as handed to the hub's SMTP sending: recipients, subject and plain-text body (UTF-8), and its attached files. */
public record OutgoingMail(List<String> to, String subject, String body, List<Attachment> attachments) {

    public OutgoingMail {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        to = List.copyOf(to);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        if (to.isEmpty()) {
            throw new IllegalArgumentException("a mail needs at least one recipient");
        }
    }

    /** One attached file: its name as the recipient sees it (ASCII, so no client mangles it), MIME type and bytes. */
    public record Attachment(String fileName, String contentType, byte[] content) {

        public Attachment {
            Objects.requireNonNull(fileName, "fileName");
            Objects.requireNonNull(contentType, "contentType");
            Objects.requireNonNull(content, "content");
        }
    }
}
