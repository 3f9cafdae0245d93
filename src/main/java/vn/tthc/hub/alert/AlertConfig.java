package vn.tthc.hub.alert;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** Wires the alerts: the service (also the sync's delivery listener), its mail sender, and the embedded SMTP server when asked. */
@Configuration(proxyBeanMethods = false)
public class AlertConfig {

    /** One sender thread: mails leave in order and SMTP never holds a delivery worker. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService alertDispatch() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "alert-mail");
            t.setDaemon(true);
            return t;
        });
    }

    /** The hub's one SMTP sender: alert mails, and (as {@link vn.tthc.hub.mail.MailTransport}) the report mails. */
    @Bean
    CamelMailSender hubMailSender(AlertProperties props, ObjectProvider<ProducerTemplate> producer) {
        return new CamelMailSender(producer::getObject, props.getFrom());
    }

    @Bean
    AlertService alertService(AlertProperties props, AlertStore store, CamelMailSender hubMailSender, Clock clock, ExecutorService alertDispatch,
                              NamedParameterJdbcTemplate jdbc) {
        return new AlertService(props, store, hubMailSender, clock, alertDispatch, new JdbcIncidentBook(jdbc));
    }

    /** The embedded default's SMTP server (GreenMail, in-process, loopback only); never in production. */
    @Bean(initMethod = "start", destroyMethod = "stop")
    @ConditionalOnProperty(name = "hub.alerts.embedded-smtp", havingValue = "true")
    GreenMail embeddedSmtp(AlertProperties props) {
        ServerSetup setup = new ServerSetup(props.getSmtp().getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        if (props.getSmtp().getPort() == 0) {
            setup = setup.dynamicPort();
        }
        return new GreenMail(setup).withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    }

    @Bean
    SmtpTarget smtpTarget(AlertProperties props, ObjectProvider<GreenMail> embedded) {
        GreenMail g = props.isEmbeddedSmtp() ? embedded.getIfAvailable() : null;
        AlertProperties.Smtp s = props.getSmtp();
        if (g != null) {
            return new SmtpTarget("127.0.0.1", g.getSmtp().getPort(), null, null, false);
        }
        return new SmtpTarget(s.getHost(), s.getPort(), s.getUsername(), s.getPassword(), s.isStarttls());
    }
}
