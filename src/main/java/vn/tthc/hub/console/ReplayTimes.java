package vn.tthc.hub.console;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/** Times on the replay pages as the team reads them: {@code dd/MM/yyyy HH:mm} in the province's time zone (templates: {@code @replayTimes}). */
@Component("replayTimes")
public class ReplayTimes {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ReplayParams.ZONE);

    public String show(Instant t) {
        return t == null ? "" : SHOWN.format(t);
    }

    /** The value of a date field of the filter form for an instant ({@code yyyy-MM-dd} in the province's zone). */
    public String date(Instant t) {
        return t == null ? "" : DateTimeFormatter.ISO_LOCAL_DATE.withZone(ReplayParams.ZONE).format(t);
    }
}
