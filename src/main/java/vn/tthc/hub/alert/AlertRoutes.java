package vn.tthc.hub.alert;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** The alerts' Camel wiring, thin: the SMTP sender, the failing-partner check and the morning digest call AlertService. */
@Component
public class AlertRoutes extends RouteBuilder {
    private final AlertProperties props;
    private final SmtpTarget smtp;

    public AlertRoutes(AlertProperties props, SmtpTarget smtp) {
        this.props = props;
        this.smtp = smtp;
    }

    @Override
    public void configure() {
        from(CamelMailSender.ENDPOINT).routeId("alert-out-mail")
                .to(smtp.uri());

        from("timer:alert-check?period=" + props.getCheckPeriod().toMillis() + "&delay=" + props.getCheckPeriod().toMillis())
                .routeId("alert-check-partners").routeConfigurationId("scheduled-poller")
                .bean(AlertService.class, "checkPartners");

        from("quartz:alert/digest-morning?cron=" + enc(props.getDigestCron()) + "&trigger.timeZone=" + enc(props.getZone()))
                .routeId("alert-digest-morning").routeConfigurationId("scheduled-poller")
                .bean(AlertService.class, "morningDigest");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
