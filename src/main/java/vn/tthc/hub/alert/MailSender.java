package vn.tthc.hub.alert;

/** Sends one built alert mail to its recipients (over SMTP in the hub, in memory in unit tests). */
public interface MailSender {
    void send(AlertMail mail);
}
