package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Configuration and routes/ must agree; a mismatch is named from both sides. */
class RouteCoverageTest {
    static final Map<String, String> ROUTES = Map.of(
            "dvcqg-out-deliver", "jms://queue:hub.dvcqg?transacted=true&concurrentConsumers=4",
            "emc-out-deliver", "jms://queue:hub.emc?transacted=true",
            "province-in-pull", "quartz://pull/province?cron=0/30+*+*+*+*+%3F&stateful=true",
            "hub-outbox-relay", "timer://outbox-relay?period=100");

    @Test
    void matchingConfigurationAndRoutesHaveNoProblem() {
        assertThat(RouteCoverage.problems(List.of("dvcqg", "emc"), Set.of("province"), ROUTES)).isEmpty();
    }

    @Test
    void aConfiguredTargetOrSourceWithoutARouteIsNamed() {
        List<String> p = RouteCoverage.problems(List.of("dvcqg", "emc", "ministry-G99"), Set.of("province", "coordination"), ROUTES);
        assertThat(p).hasSize(2);
        assertThat(p.get(0)).contains("target 'ministry-G99'", "routes/", "target-delivery");
        assertThat(p.get(1)).contains("source 'coordination'", "source-pull");
    }

    @Test
    void aRouteNamingAnUnknownTargetOrSourceIsNamedWithItsRouteId() {
        List<String> p = RouteCoverage.problems(List.of("dvcqg"), Set.of(), ROUTES);
        assertThat(p).anySatisfy(s -> assertThat(s).contains("route 'emc-out-deliver'", "target 'emc'", "not configured", "[dvcqg]"));
        assertThat(p).anySatisfy(s -> assertThat(s).contains("route 'province-in-pull'", "source 'province'", "not configured"));
    }
}
