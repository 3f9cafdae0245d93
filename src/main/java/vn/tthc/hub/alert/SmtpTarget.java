package vn.tthc.hub.alert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Where the SMTP route connects: the embedded GreenMail's actual port, or the configured relay. */
public record SmtpTarget(String host, int port, String username, String password, boolean starttls) {

    /** The camel-mail endpoint; the password goes in RAW() so no character of it is reinterpreted (Camel masks it in logs). */
    public String uri() {
        StringBuilder u = new StringBuilder("smtp://").append(host).append(':').append(port).append("?connectionTimeout=10000");
        if (username != null && !username.isBlank()) {
            u.append("&username=").append(URLEncoder.encode(username, StandardCharsets.UTF_8));
            u.append("&password=RAW(").append(password == null ? "" : password).append(')');
        }
        if (starttls) {
            u.append("&mail.smtp.starttls.enable=true");
        }
        return u.toString();
    }

    @Override
    public String toString() {
        return "SmtpTarget[" + host + ":" + port + "]";
    }
}
