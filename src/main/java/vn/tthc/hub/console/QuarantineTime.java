package vn.tthc.hub.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times on the quarantine and audit pages as the team reads them: {@code dd/MM/yyyy HH:mm} in Vietnam time, no
 * seconds ({@code ${@quarantineTime.format(t)}} in the templates).
 */
@Component("quarantineTime")
public class QuarantineTime {
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter SCREEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(VN);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(VN);

    public String format(Instant t) {
        return t == null ? "" : SCREEN.format(t);
    }

    /** A filter's day as its date input shows it. */
    public String day(Instant t) {
        return t == null ? "" : DAY.format(t);
    }
}
