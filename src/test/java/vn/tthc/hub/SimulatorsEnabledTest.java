package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import vn.tthc.hub.sim.SimulatorsAutoConfiguration;

/**
 * In the shared test hub (switch on, as on the embedded default) every simulator component is a bean,
 * brought in by {@link SimulatorsAutoConfiguration}, and the {@code /sim/**} endpoints answer.
 */
class SimulatorsEnabledTest extends HubTestBase {
    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void everySimulatorComponentIsABean() throws ClassNotFoundException {
        assertThat(context.getBeanNamesForType(SimulatorsAutoConfiguration.class)).hasSize(1);
        // every @Component (controllers, configurations) of the sim packages, found as the auto-configuration finds them
        Set<BeanDefinition> components = new ClassPathScanningCandidateComponentProvider(true, context.getEnvironment())
                .findCandidateComponents(SimulatorsAutoConfiguration.class.getPackageName());
        assertThat(components).hasSizeGreaterThanOrEqualTo(12);
        for (BeanDefinition component : components) {
            Class<?> type = Class.forName(component.getBeanClassName());
            assertThat(context.getBeanNamesForType(type)).as(type.getName()).hasSize(1);
        }
        assertThat(SimulatorsSwitchTest.simulatorBeans(context)).hasSizeGreaterThan(components.size());
    }

    @Test
    void simEndpointsAnswer() {
        assertThat(SimulatorsSwitchTest.mappedPatterns(context))
                .contains("/sim/dvcqg/_control/ledger", "/sim/province/_control/ledger", "/sim/emc/_control/ledger");
        assertThat(get("/sim/dvcqg/_control/ledger").statusCode()).isEqualTo(200);
        assertThat(get("/sim/province/_control/ledger").statusCode()).isEqualTo(200);
    }
}
