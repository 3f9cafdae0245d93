package vn.tthc.hub.sim;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Brings in every partner simulator (controllers under {@code /sim/**} and their configurations) as
 * one unit, switched on and off by {@code hub.simulators.enabled} alone.
 */
// The hub's own component scan leaves vn.tthc.hub.sim out (see HubApplication), so this scan is the
// only way a simulator bean enters the context: a new simulator in a sub-package is covered by the
// switch without a condition of its own.
@AutoConfiguration
@ConditionalOnProperty(name = "hub.simulators.enabled", havingValue = "true")
@ComponentScan(basePackageClasses = SimulatorsAutoConfiguration.class, excludeFilters = {
        // the same filters as @SpringBootApplication's scan (test slices, test-only classes), and the
        // auto-configuration filter so that this class is not registered a second time by its own scan
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class)})
public class SimulatorsAutoConfiguration {
}
