package vn.tthc.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.HubTestBase;

/** The OpenAPI description of the REST API and Swagger UI are served by the hub itself. */
class OpenApiTest extends HubTestBase {

    @Test
    void theApiIsDescribedAtV3ApiDocsWithBasicAuthentication() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/v3/api-docs"))).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode doc = readJson(r.body());
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        assertThat(doc.path("info").path("title").asText()).isEqualTo("tthc-hub management API");
        assertThat(doc.path("paths").has("/api/v1/partners")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/dossiers/{code}")).isTrue();
        assertThat(doc.path("paths").has("/api/v1/reconciliations")).isTrue();
        // the simulators and the console's pages are not part of the API
        doc.path("paths").fieldNames().forEachRemaining(p -> assertThat(p).startsWith("/api/"));
        assertThat(doc.path("components").path("securitySchemes").path("basic").path("scheme").asText()).isEqualTo("basic");
    }

    @Test
    void swaggerUiIsServedWithoutACdn() {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/swagger-ui/index.html"))).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).doesNotContain("https://").contains("swagger-ui");
    }
}
