package vn.tthc.hub.report;

import java.time.Clock;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.tthc.hub.mail.MailTransport;

/** Wires the report mails: the hub's SMTP sending (provided by the alerts) and the console's address from the alert settings. */
@Configuration(proxyBeanMethods = false)
public class ReportConfig {

    @Bean
    ReportMailer reportMailer(ReportQueries queries, ReportMailStore store, MailTransport transport, ReportProperties props, Clock clock,
                              // one setting for every link the hub mails: hub.alerts.console-url (read by name, not by type,
                              // so that the reports do not depend on the alert package)
                              @Value("${hub.alerts.console-url}") String consoleUrl) {
        return new ReportMailer(queries, store, transport, props, consoleUrl, clock);
    }
}
