package vn.tthc.hub.mail;

/**
 * Sends one mail with attachments through the hub's SMTP route. The interface lives below the alert and
 * report packages so that the reports can mail without depending on the alerts, which own the SMTP wiring
 * (embedded GreenMail or the province's relay) and provide the implementation.
 */
public interface MailTransport {

    /**
     * Sends now, on the caller's thread.
     *
     * @throws RuntimeException when the SMTP server did not take the mail
     */
    void send(OutgoingMail mail);
}
