package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;
import vn.tthc.hub.config.CredentialsCheck;
import vn.tthc.hub.sim.SimulatorsAutoConfiguration;

/**
 * Starts the hub of its own with {@code hub.simulators.enabled=false} (as in production) and checks
 * that no simulator bean and no {@code /sim/**} endpoint exists.
 */
// The switch is an inline property (not a dynamic one) so that EmbeddedSecrets, which runs before the
// context, sees it too and leaves the dummy credentials below as they are, as with real secrets.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "hub.simulators.enabled=false",
        "camel.main.name=tthc-hub-nosim", // own Camel context and Quartz scheduler beside the shared test hub
        "hub.partners.dvcqg.username=switch-test-user",
        "hub.partners.dvcqg.password=switch-test-password",
        "hub.partners.province.client-id=switch-test-client",
        "hub.partners.province.client-secret=switch-test-secret",
        "hub.partners.province.webhook-secret=switch-test-webhook-secret",
        "hub.partners.ndxp.client-id=switch-test-ndxp-client",
        "hub.partners.ndxp.client-secret=switch-test-ndxp-secret",
        // the pulls never fire during the test (no partner is there to answer), the relay idles
        "hub.partners.province.pull-cron=0 0 0 1 1 ? 2099",
        "hub.ministries.G06.pull-cron=0 0 0 1 1 ? 2099",
        "hub.ministries.G15.pull-cron=0 0 0 1 1 ? 2099",
        "hub.ministries.G17.pull-cron=0 0 0 1 1 ? 2099",
        "hub.coordination.pull-cron=0 0 0 1 1 ? 2099",
        "hub.relay.period=1000",
        "hub.partners.dvcqg.consumers=1",
        "hub.partners.emc.consumers=1",
        "hub.partners.province.consumers=1"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SimulatorsSwitchTest {
    static final String SIM_PACKAGE = "vn.tthc.hub.sim.";
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Path DATA = HubTestBase.tempDir("tthc-hub-nosim");

    @Autowired
    ConfigurableApplicationContext context;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("db/hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        r.add("spring.artemis.embedded.data-directory", () -> DATA.resolve("artemis").toString());
        // every partner on a port nobody listens on: without simulators the hub itself must not answer them
        String partner = "http://localhost:" + HubTestBase.freePort();
        r.add("hub.partners.province.base-url", () -> partner + "/province");
        r.add("hub.partners.province.token-url", () -> partner + "/province/token");
        r.add("hub.partners.province.webhook-url", () -> partner + "/webhook");
        r.add("hub.partners.dvcqg.base-url", () -> partner + "/dvcqg");
        r.add("hub.partners.emc.base-url", () -> partner + "/emc");
        r.add("hub.partners.ndxp.base-url", () -> partner + "/ndxp");
        r.add("hub.partners.ndxp.token-url", () -> partner + "/ndxp/token");
        TestUsers.register(r, DATA);
    }

    @Test
    void noSimulatorBeanWhenSwitchedOff() {
        assertThat(context.getBeanNamesForType(SimulatorsAutoConfiguration.class)).isEmpty();
        assertThat(simulatorBeans(context)).isEmpty();
        // the hub itself is there, with the credentials given here rather than generated ones
        assertThat(context.getBeanNamesForType(CredentialsCheck.class)).hasSize(1);
        assertThat(context.getEnvironment().getProperty("hub.partners.dvcqg.password")).isEqualTo("switch-test-password");
    }

    @Test
    void noSimEndpointWhenSwitchedOff() {
        Set<String> patterns = mappedPatterns(context);
        assertThat(patterns).contains("/api/v1/intake/province");
        assertThat(patterns).noneMatch(p -> p.startsWith("/sim"));
        assertThat(status("GET", "/actuator/health")).isEqualTo(200);
        assertThat(status("GET", "/sim/dvcqg/_control/ledger")).isEqualTo(404);
        assertThat(status("GET", "/sim/province/_control/ledger")).isEqualTo(404);
        assertThat(status("POST", "/sim/province/_control/reset")).isEqualTo(404);
        assertThat(status("POST", "/sim/dvcqg/adapter/login")).isEqualTo(404);
    }

    /** Names (with their class) of the beans whose class, or whose factory's class, lies in the sim package or below. */
    static Set<String> simulatorBeans(ConfigurableApplicationContext context) {
        ConfigurableListableBeanFactory factory = context.getBeanFactory();
        Set<String> names = new TreeSet<>();
        for (String name : factory.getBeanDefinitionNames()) {
            BeanDefinition definition = factory.getBeanDefinition(name);
            String factoryClass = definition.getFactoryBeanName() == null ? null
                    : factory.getBeanDefinition(definition.getFactoryBeanName()).getBeanClassName();
            if (inSimPackage(factory.getType(name, false)) || inSimPackage(definition.getBeanClassName())
                    || inSimPackage(factoryClass)) {
                names.add(name + " (" + factory.getType(name, false) + ")");
            }
        }
        // singletons registered by hand have no definition
        for (String name : factory.getSingletonNames()) {
            if (inSimPackage(factory.getType(name, false))) {
                names.add(name + " (" + factory.getType(name, false) + ")");
            }
        }
        return names;
    }

    /** Every URL pattern mapped by an annotation-based handler mapping (controllers and actuator). */
    static Set<String> mappedPatterns(ApplicationContext context) {
        Set<String> patterns = new TreeSet<>();
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()
                .forEach(m -> m.getHandlerMethods().keySet().forEach(info -> patterns.addAll(info.getPatternValues())));
        return patterns;
    }

    private static boolean inSimPackage(Class<?> type) {
        return type != null && inSimPackage(ClassUtils.getUserClass(type).getName());
    }

    private static boolean inSimPackage(String className) {
        return className != null && className.startsWith(SIM_PACKAGE);
    }

    private int status(String method, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, "POST".equals(method) ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }
}
