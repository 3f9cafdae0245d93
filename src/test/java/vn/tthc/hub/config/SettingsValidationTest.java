package vn.tthc.hub.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import vn.tthc.hub.partner.dvcqg.DvcqgProperties;
import vn.tthc.hub.partner.emc.EmcProperties;
import vn.tthc.hub.partner.ministry.MinistryProperties;
import vn.tthc.hub.partner.ndxp.NdxpProperties;
import vn.tthc.hub.partner.province.ProvinceProperties;
import vn.tthc.hub.retention.RetentionProperties;
import vn.tthc.hub.sync.SyncProperties;

/** Every partner's typed settings are validated at start, and a wrong value is refused with the property named. */
class SettingsValidationTest {
    @EnableConfigurationProperties({SyncProperties.class, DvcqgProperties.class, EmcProperties.class, NdxpProperties.class,
            ProvinceProperties.class, MinistryProperties.class, RetentionProperties.class})
    static class Settings {
    }

    final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Settings.class)
            .withPropertyValues("hub.partners.dvcqg.base-url=http://p", "hub.partners.emc.base-url=http://e",
                    "hub.partners.ndxp.base-url=http://n", "hub.partners.province.base-url=http://v");

    @Test
    void validSettingsBindWithTheirDefaultsDeclaredOnce() {
        runner.withPropertyValues("hub.partners.dvcqg.retry.max-attempts=20", "hub.ministries.G06.context=ministry-g06")
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed();
                    DvcqgProperties p = ctx.getBean(DvcqgProperties.class);
                    assertThat(p.getRetry().getMaxAttempts()).isEqualTo(20);
                    assertThat(p.getRetry().getInitialDelay()).hasSeconds(5);
                    assertThat(ctx.getBean(EmcProperties.class).getRetry().getMaxAttempts()).isEqualTo(15);
                    // the circuit's production defaults: open after 10 transient failures in a row, a probe every 10 s
                    assertThat(p.getCircuit().getFailureThreshold()).isEqualTo(10);
                    assertThat(p.getCircuit().getOpenDuration()).hasSeconds(10);
                    assertThat(p.getCircuit().getHealthyMaxDelay()).hasSeconds(5);
                    assertThat(ctx.getBean(MinistryProperties.class).ministryIds()).containsExactly("ministry-G06");
                    assertThat(ctx.getBean(RetentionProperties.class).getDefaultDays()).isEqualTo(90);
                    assertThat(ctx.getBean(RetentionProperties.class).getBlockSize()).isEqualTo(500);
                });
    }

    @Test
    void aWrongValueStopsTheStartNamingTheProperty() {
        String[][] cases = {
            {"hub.partners.dvcqg.progress-chunk=0", "hub.partners.dvcqg", "progressChunk"},
            {"hub.partners.emc.retry.jitter=3", "hub.partners.emc", "retry.jitter"},
            {"hub.partners.ndxp.token-auth=digest", "hub.partners.ndxp", "tokenAuth"},
            {"hub.partners.province.pull-start=yesterday", "hub.partners.province", "pullStart"},
            {"hub.ministries.G06.format=soap", "hub", "ministries[G06].format"},
            {"hub.agency-codes=H56", "hub", "agencyCodes[0]"},
            {"hub.partners.dvcqg.base-url=", "hub.partners.dvcqg", "baseUrl"},
            {"hub.partners.dvcqg.circuit.failure-threshold=0", "hub.partners.dvcqg", "circuit.failureThreshold"},
            {"hub.partners.emc.circuit.open-duration=0s", "hub.partners.emc", "circuit.openDurationPositive"},
            {"hub.ministries.G06.circuit.healthy-max-delay=-1s", "hub", "ministries[G06].circuit.healthyMaxDelayPositive"},
            {"hub.retention.default-days=0", "hub.retention", "defaultDays"},
            {"hub.retention.block-size=20000", "hub.retention", "blockSize"},
            {"hub.retention.partners.dvcqg.days=0", "hub.retention", "partners[dvcqg].days"},
            {"hub.retention.mode=archive", "hub.retention", "archiveDirSet"},
            {"hub.retention.time-zone=Mars/Base", "hub.retention", "timeZoneKnown"},
        };
        for (String[] c : cases) {
            runner.withPropertyValues(c[0]).run(ctx -> {
                assertThat(ctx).as(c[0]).hasFailed();
                Throwable t = ctx.getStartupFailure();
                StringBuilder all = new StringBuilder();
                for (; t != null; t = t.getCause()) {
                    all.append(t.getMessage()).append('\n');
                }
                assertThat(all.toString()).as(c[0]).contains(c[1]).contains(c[2]);
            });
        }
    }
}
