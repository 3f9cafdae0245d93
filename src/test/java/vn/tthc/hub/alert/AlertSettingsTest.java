package vn.tthc.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The alert settings bind with their defaults and per-partner overrides, and a wrong value stops the start naming it. */
class AlertSettingsTest {
    @EnableConfigurationProperties(AlertProperties.class)
    static class Settings {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsAndOverrides() {
        runner.withPropertyValues("hub.alerts.partners.dvcqg.failing-after=5m", "hub.alerts.partners.dvcqg.recipients=cong@localhost",
                "hub.alerts.recipients=a@localhost,b@localhost").run(ctx -> {
                    AlertProperties p = ctx.getBean(AlertProperties.class);
                    assertThat(p.getLanguage()).isEqualTo("vi");
                    assertThat(p.failingAfterOf("dvcqg")).hasMinutes(5);
                    assertThat(p.failingAfterOf("emc")).hasMinutes(10);
                    assertThat(p.recipientsOf("dvcqg")).containsExactly("a@localhost", "b@localhost", "cong@localhost");
                    assertThat(p.getDigestCron()).isEqualTo("0 30 7 * * ?");
                    assertThat(p.getZone()).isEqualTo("Asia/Ho_Chi_Minh");
                    assertThat(p.isEmbeddedSmtp()).isFalse();
                });
    }

    @Test
    void aWrongLanguageOrThrottleStopsTheStart() {
        for (String[] c : new String[][] {{"hub.alerts.language=fr", "language"}, {"hub.alerts.max-per-hour=0", "maxPerHour"}}) {
            runner.withPropertyValues(c[0]).run(ctx -> {
                assertThat(ctx).as(c[0]).hasFailed();
                StringBuilder all = new StringBuilder();
                for (Throwable t = ctx.getStartupFailure(); t != null; t = t.getCause()) {
                    all.append(t.getMessage()).append('\n');
                }
                assertThat(all.toString()).contains("hub.alerts").contains(c[1]);
            });
        }
    }
}
