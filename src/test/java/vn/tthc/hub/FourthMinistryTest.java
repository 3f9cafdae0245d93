package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.FileSystemUtils;

/**
 * A fourth ministry (Nội vụ, G09) added the way an operator would: a block under hub.ministries,
 * its procedure and routing rows in mappings/catalogue, and two template instances in a routes
 * file — no code. Its dossiers are forwarded to it through NDXP and its progress comes back to the
 * province. Runs in a hub of its own (own port, data folder and copy of mappings/).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class FourthMinistryTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int PORT = freePort();
    static final Path DIR = setUp();

    /** A copy of mappings/ and an extra routes file, as an operator would add them. */
    static Path setUp() {
        try {
            Path dir = Files.createTempDirectory("tthc-hub-g09");
            FileSystemUtils.copyRecursively(Path.of("mappings"), dir.resolve("mappings"));
            Files.writeString(dir.resolve("mappings/catalogue/procedures.csv"),
                    "1.012345.000.00.00.H56,1.012345,Thẩm định thành lập tổ chức khoa học và công nghệ công lập,NV01,Tổ chức bộ máy\n",
                    StandardOpenOption.APPEND);
            Files.writeString(dir.resolve("mappings/catalogue/routing.csv"),
                    "1.012345,ministry-G09,2026-01-01,,added for the fourth-ministry test\n", StandardOpenOption.APPEND);
            Files.createDirectories(dir.resolve("routes"));
            Files.writeString(dir.resolve("routes/g09.yaml"), """
                    - templatedRoute:
                        routeTemplateRef: target-delivery
                        routeId: ministry-g09-out-deliver
                        parameters:
                          - { name: target, value: ministry-G09 }
                          - { name: consumers, value: "2" }
                    - templatedRoute:
                        routeTemplateRef: source-pull
                        routeId: ministry-g09-in-pull
                        parameters:
                          - { name: source, value: ministry-G09 }
                          - { name: cron, value: "0/2 * * * * ?" }
                    """);
            return dir;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry r) {
        r.add("server.port", () -> PORT);
        r.add("camel.main.name", () -> "tthc-hub-g09");
        r.add("camel.main.routes-include-pattern", () -> "file:routes/*.yaml,file:" + DIR.resolve("routes") + "/*.yaml");
        r.add("hub.mappings-dir", () -> DIR.resolve("mappings").toString());
        r.add("spring.datasource.url", () -> "jdbc:h2:file:" + DIR.resolve("db/hub") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        r.add("spring.artemis.embedded.data-directory", () -> DIR.resolve("artemis").toString());
        r.add("hub.sim.province.tick-ms", () -> "0");
        r.add("hub.sim.ministry.tick-ms", () -> "0");
        // the new ministry: configuration only
        r.add("hub.ministries.G09.name", () -> "Bộ Nội vụ");
        r.add("hub.ministries.G09.context", () -> "ministry-g09");
        r.add("hub.ministries.G09.version", () -> "v1");
        r.add("hub.ministries.G09.format", () -> "json");
        r.add("hub.ministries.G09.agency", () -> "000.00.00.G09");
        r.add("hub.ministries.G09.pull-overlap", () -> "10s");
        r.add("hub.ministries.G09.retry.initial-delay", () -> "100ms");
        r.add("hub.ministries.G09.retry.max-delay", () -> "1s");
        r.add("hub.partners.province.retry.initial-delay", () -> "100ms");
        r.add("hub.partners.province.retry.max-delay", () -> "1s");
        TestUsers.register(r, DIR);
    }

    @Test
    void aMinistryAddedByConfigurationReceivesItsDossiersAndReportsBack() throws Exception {
        List<String> g09 = new ArrayList<>();
        String token = token();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (JsonNode c : post("/sim/province/_control/generate", "{\"count\":8,\"seed\":" + System.nanoTime() % 1000
                    + ",\"procedures\":\"ministry\"}").path("codes")) {
                if (dossier(c.asText(), token).path("procedure").path("code").asText().startsWith("1.012345")) {
                    g09.add(c.asText());
                }
            }
            return !g09.isEmpty();
        });
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (String code : g09) {
                JsonNode deliveries = json(get("/api/v1/dossiers/" + enc(code))).path("deliveries");
                assertThat(deliveries).singleElement().satisfies(d -> {
                    assertThat(d.path("target").asText()).isEqualTo("ministry-G09");
                    assertThat(d.path("state").asText()).isEqualTo("DELIVERED");
                });
            }
        });
        assertThat(json(get("/sim/ministry-G09/_control/ledger")).path("dossiers").asLong()).isEqualTo(g09.size());
        post("/sim/ministry-G09/_control/advance", "{}");
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (String code : g09) {
                JsonNode atMinistry = json(get("/sim/ministry-G09/_control/dossiers/" + enc(code)));
                List<String> steps = new ArrayList<>();
                dossier(code, token()).path("processes").forEach(p -> steps.add(p.path("content").asText()));
                atMinistry.path("steps").forEach(s -> assertThat(steps).contains(s.path("NoiDungXuLy").asText()));
                assertThat(atMinistry.path("steps")).isNotEmpty();
            }
        });
        JsonNode g09Ledger = json(get("/sim/ministry-G09/_control/ledger"));
        assertThat(g09Ledger.path("appliedDuplicates").asLong()).as(g09Ledger.toString()).isZero();
        assertThat(g09Ledger.path("outOfOrder").asLong()).as(g09Ledger.toString()).isZero();
        assertThat(g09Ledger.path("rejected").asLong()).as(g09Ledger.toString()).isZero();
    }

    static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", TestUsers.BASIC).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    static JsonNode post(String path, String body) throws Exception {
        return json(HTTP.send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", TestUsers.BASIC).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
    }

    static JsonNode json(String s) throws IOException {
        return HubTestBase.JSON.readTree(s);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.core.env.Environment env;

    String token() throws Exception {
        String form = "grant_type=client_credentials&client_id=" + enc(env.getProperty("hub.partners.province.client-id"))
                + "&client_secret=" + enc(env.getProperty("hub.partners.province.client-secret"));
        return json(HTTP.send(HttpRequest.newBuilder(URI.create(url("/sim/province/auth/realms/tthc/protocol/openid-connect/token")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString()).body()).path("access_token").asText();
    }

    JsonNode dossier(String code, String token) throws Exception {
        return json(HTTP.send(HttpRequest.newBuilder(URI.create(url("/sim/province/api/v1/dossiers/" + enc(code))))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
