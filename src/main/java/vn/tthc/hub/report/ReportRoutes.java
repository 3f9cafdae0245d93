package vn.tthc.hub.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The scheduled report mails as thin Quartz routes ({@code hub.reports.weekly-cron}, {@code monthly-cron} in {@code time-zone}). */
@Component
public class ReportRoutes extends RouteBuilder {
    private final ReportMailer mailer;
    private final ReportProperties props;

    public ReportRoutes(ReportMailer mailer, ReportProperties props) {
        this.mailer = mailer;
        this.props = props;
    }

    @Override
    public void configure() {
        for (String kind : new String[] {"weekly", "monthly"}) {
            // stateful: a slow report is never overlapped on this instance; the report_mail guard covers the others
            from("quartz:report/" + kind + "?cron=" + enc(props.cronOf(kind).trim()) + "&trigger.timeZone=" + enc(props.getTimeZone())
                    + "&stateful=true")
                    .routeId("report-" + kind + "-mail").routeConfigurationId("scheduled-poller")
                    .process(e -> mailer.scheduled(kind));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
