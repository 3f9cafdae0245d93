package vn.tthc.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Boots the whole hub once for all Spring-level tests (the context is cached): embedded H2 and a
 * persistent embedded Artemis in a temporary folder, the simulators on a fixed free port, short
 * retry delays, and the simulators' own ticker off so tests drive changes themselves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
public abstract class HubTestBase {
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int PORT = freePort();
    static final Path DATA = tempDir();

    @Autowired
    protected Environment env;

    @DynamicPropertySource
    static void hubProperties(DynamicPropertyRegistry r) {
        r.add("server.port", () -> PORT);
        r.add("spring.datasource.url", () -> "jdbc:h2:file:" + DATA.resolve("db/hub")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        r.add("spring.artemis.embedded.data-directory", () -> DATA.resolve("artemis").toString());
        r.add("hub.relay.period", () -> "50");
        r.add("hub.partners.province.pull-cron", () -> "0/2 * * * * ?");
        r.add("hub.partners.province.pull-overlap", () -> "10s");
        r.add("hub.sim.province.tick-ms", () -> "0");
        for (String p : new String[] {"partners.dvcqg", "partners.emc", "partners.province", "ministries.G06", "ministries.G15",
                "ministries.G17"}) {
            r.add("hub." + p + ".retry.initial-delay", () -> "100ms");
            r.add("hub." + p + ".retry.max-delay", () -> "1s");
            r.add("hub." + p + ".retry.max-attempts", () -> "30");
            // the circuits probe every 500 ms (10 s in production), so that tests of a target failing for good still
            // see its retries run out in seconds; PartnerHealthTest checks the circuit itself in a hub of its own
            r.add("hub." + p + ".circuit.open-duration", () -> "500ms");
        }
        for (String m : new String[] {"G06", "G15", "G17"}) {
            r.add("hub.ministries." + m + ".pull-cron", () -> "0/2 * * * * ?");
            r.add("hub.ministries." + m + ".pull-overlap", () -> "10s");
        }
        r.add("hub.coordination.pull-cron", () -> "0/2 * * * * ?");
        r.add("hub.coordination.pull-overlap", () -> "10s");
        r.add("hub.sim.ministry.tick-ms", () -> "0");
        // alerts: a partner failing for 3 s is an incident, checked twice a second; other tests' failures may mail
        // too (harmless), so the per-recipient throttle is set out of reach of the whole suite
        r.add("hub.alerts.failing-after", () -> "3s");
        r.add("hub.alerts.check-period", () -> "500ms");
        r.add("hub.alerts.max-per-hour", () -> "100000");
        r.add("camel.component.http.response-timeout", () -> "3000");
        r.add("camel.component.http.so-timeout", () -> "3000");
        TestUsers.register(r, DATA);
        r.add("hub.catalogue-dir", () -> CatalogueTestFiles.copyInto(DATA).toString()); // imports write to a copy, not the repo
    }

    protected static String url(String path) {
        return "http://localhost:" + PORT + path;
    }

    /** A request to the hub; to /api/** and /actuator/** as the test user {@code tester} (operator and admin) by HTTP Basic. */
    protected static HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)));
        if (path.startsWith("/api/") || path.startsWith("/actuator/")) {
            b.header("Authorization", TestUsers.BASIC);
        }
        return b;
    }

    protected static HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    protected static JsonNode getJson(String path) {
        HttpResponse<String> r = get(path);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return readJson(r.body());
    }

    protected static HttpResponse<String> postJson(String path, String body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    protected static JsonNode postForJson(String path, String body) {
        HttpResponse<String> r = postJson(path, body);
        if (r.statusCode() / 100 != 2) {
            throw new AssertionError("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return readJson(r.body());
    }

    /** Pushes raw bytes to the province webhook, signed with the secret unless {@code sign} is false. */
    protected HttpResponse<String> push(byte[] body, String contentType, boolean sign) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url("/api/v1/intake/province")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (sign) {
            b.header("X-Hub-Signature-256", "sha256=" + hmac(env.getProperty("hub.partners.province.webhook-secret"), body));
        }
        return send(b.build());
    }

    protected static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of the province simulator's API, with the credentials the hub uses. */
    protected String provinceToken() {
        String form = "grant_type=client_credentials&client_id=" + enc(env.getProperty("hub.partners.province.client-id"))
                + "&client_secret=" + enc(env.getProperty("hub.partners.province.client-secret"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/sim/province/auth/realms/tthc/protocol/openid-connect/token")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build());
        return readJson(r.body()).path("access_token").asText();
    }

    /** One dossier as the province simulator holds it. */
    protected static JsonNode provinceDossier(String code, String token) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url("/sim/province/api/v1/dossiers/" + enc(code))))
                .header("Authorization", "Bearer " + token).GET().build());
        if (r.statusCode() != 200) {
            throw new AssertionError("province dossier " + code + ": " + r.statusCode() + " " + r.body());
        }
        return readJson(r.body());
    }

    /** Whether the portal simulator holds the dossier. */
    protected static boolean portalHolds(String code) {
        return get("/sim/dvcqg/_control/dossiers/" + enc(code)).statusCode() == 200;
    }

    /** Whether the dossier has deliveries to the portal and every one of them is DELIVERED. */
    protected static boolean deliveredToPortal(String code) {
        HttpResponse<String> r = get("/api/v1/dossiers/" + enc(code));
        if (r.statusCode() != 200) {
            return false;
        }
        boolean any = false;
        for (JsonNode d : readJson(r.body()).path("deliveries")) {
            if (d.path("target").asText().equals("dvcqg")) {
                any = true;
                if (!d.path("state").asText().equals("DELIVERED")) {
                    return false;
                }
            }
        }
        return any;
    }

    protected static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    protected static JsonNode readJson(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }

    protected static String json(Map<String, ?> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A free local port (also for tests that start a hub of their own). */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path tempDir() {
        return tempDir("tthc-hub-test");
    }

    /** A fresh temporary folder (a test hub's database and broker journal). */
    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
