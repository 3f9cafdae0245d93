package vn.tthc.hub.console;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TimeZone;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.quartz.CronExpression;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import org.springframework.stereotype.Component;

/**
 * The next scheduled pull of every pulled source, read from the Quartz triggers the {@code source-pull} routes
 * created ({@code quartz:pull/<source>?cron=…}): the scheduler's own next fire time, so the answer is the time the pull
 * will really run (in the trigger's zone), not a second reading of the settings. A trigger not scheduled yet (the
 * route starting) is computed from its cron expression.
 */
@Component
public class DashboardPulls {
    static final String GROUP = "pull";

    /** A pull's schedule: its cron, the zone it runs in and its next run (null when unknown). */
    public record Schedule(String cron, String zone, Instant next) {
    }

    private final CamelContext camel;

    public DashboardPulls(CamelContext camel) {
        this.camel = camel;
    }

    /** Source id → its schedule, for every pull route of the hub. */
    public Map<String, Schedule> schedules(Instant now) {
        Map<String, Schedule> out = new LinkedHashMap<>();
        for (Endpoint e : camel.getEndpoints()) {
            if (e instanceof QuartzEndpoint q && GROUP.equals(q.getGroupName())) {
                out.put(q.getTriggerName(), schedule(q, now));
            }
        }
        return out;
    }

    private static Schedule schedule(QuartzEndpoint q, Instant now) {
        String cron = q.getCron() == null ? null : q.getCron().replace('+', ' ');
        TimeZone zone = TimeZone.getDefault();
        Instant next = null;
        try {
            Trigger t = q.getComponent().getScheduler() == null ? null : q.getComponent().getScheduler().getTrigger(q.getTriggerKey());
            if (t instanceof CronTrigger ct && ct.getTimeZone() != null) {
                zone = ct.getTimeZone();
            }
            if (t != null && t.getNextFireTime() != null) {
                next = t.getNextFireTime().toInstant();
            }
        } catch (Exception e) {
            // the scheduler not started (yet): computed below
        }
        if (next == null && cron != null) {
            next = nextOf(cron, zone, now);
        }
        return new Schedule(cron, zone.getID(), next);
    }

    /** The next time after {@code now} a Quartz cron fires in {@code zone}, or null for an unreadable cron. */
    static Instant nextOf(String cron, TimeZone zone, Instant now) {
        try {
            CronExpression c = new CronExpression(cron);
            c.setTimeZone(zone);
            Date d = c.getNextValidTimeAfter(Date.from(now));
            return d == null ? null : d.toInstant();
        } catch (ParseException e) {
            return null;
        }
    }
}
