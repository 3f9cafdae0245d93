package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Everything in routes/ boots: each templatedRoute declared there exists and is started, with the
 * hub's own routes. A typo in routes/*.yaml fails this test (and the start-up) before an operator
 * deploys it.
 */
class RoutesBootTest extends HubTestBase {
    @Autowired
    CamelContext camel;

    @Test
    void everyRouteDeclaredInRoutesFolderIsStarted() throws Exception {
        List<String> declared;
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            declared = files.filter(p -> p.toString().endsWith(".yaml")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).map(String::trim).filter(l -> l.startsWith("routeId:")).map(l -> l.substring("routeId:".length()).trim()).toList();
        }
        assertThat(declared).contains("dvcqg-out-deliver", "emc-out-deliver", "province-in-pull");
        for (String id : declared) {
            assertThat(camel.getRoute(id)).as("route " + id).isNotNull();
            assertThat(camel.getRouteController().getRouteStatus(id)).as("route " + id).isEqualTo(ServiceStatus.Started);
        }
        assertThat(camel.getRoute("hub-outbox-relay")).isNotNull();
        assertThat(camel.getRoutes()).allSatisfy(r -> assertThat(r.getRouteId()).matches("[a-z0-9]+(-[a-z0-9]+)+"));
    }

    @Test
    void healthIsUp() {
        assertThat(getJson("/actuator/health").path("status").asText()).isEqualTo("UP");
    }
}
