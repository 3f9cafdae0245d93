package vn.tthc.hub.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the dashboard writes times (in the hub's zone, the operators' local time) and rates. */
public final class DashboardFormat {
    private final DateTimeFormatter time;
    private final DateTimeFormatter dateTime;
    private final ZoneId zone;

    public DashboardFormat(ZoneId zone) {
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        this.dateTime = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm:ss").withZone(zone);
    }

    /** HH:mm, or an empty text for no time. */
    public String time(Instant i) {
        return i == null ? "" : time.format(i);
    }

    /** dd/MM/yyyy HH:mm:ss, or an empty text for no time. */
    public String dateTime(Instant i) {
        return i == null ? "" : dateTime.format(i);
    }

    /** HH:mm:ss when today (in the zone), else the date and time. */
    public String when(Instant i, Instant now) {
        if (i == null) {
            return "";
        }
        boolean today = i.atZone(zone).toLocalDate().equals(now.atZone(zone).toLocalDate());
        return today ? DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone).format(i) : dateTime(i);
    }

    /** A share as a percentage with one decimal ("–" without attempts). */
    public String percent(Double share) {
        return share == null ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    public String zone() {
        return zone.getId();
    }
}
