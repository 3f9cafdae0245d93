package vn.tthc.hub.faults;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.netcrusher.core.reactor.NioReactor;
import org.netcrusher.tcp.TcpCrusher;
import org.netcrusher.tcp.TcpCrusherBuilder;

/**
 * The production shape of {@code scripts/production-shape.sh} — PostgreSQL, the Artemis distribution, the partner
 * simulators and two hubs, each its own process on loopback — started by the script itself (the same one a user runs),
 * with a NetCrusher TCP proxy between the hubs and each of the database, the broker and the partners, so a test can
 * cut, freeze or reset those links. Processes are killed by PID through the script ({@code kill NAME},
 * {@code pg-crash}); {@code start} brings back whatever is not running.
 */
final class Cluster implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    final Path root = Path.of("").toAbsolutePath();
    final Path dir;
    final Path dist;
    final int pgPort = freePort();
    final int mqPort = freePort();
    final int simPort = freePort();
    final int smtpPort = freePort();
    final int[] hubPorts = {freePort(), freePort()};
    private final NioReactor reactor;
    final TcpCrusher dbLink;
    final TcpCrusher brokerLink;
    final TcpCrusher partnerLink;
    private final Map<String, String> hubSettings;
    private final Map<String, String> simSettings;
    private Map<String, String> secrets = Map.of();

    Cluster(Path dir, Path dist, Map<String, String> hubSettings, Map<String, String> simSettings) throws IOException {
        this.dir = dir;
        this.dist = dist;
        this.hubSettings = hubSettings;
        this.simSettings = simSettings;
        reactor = new NioReactor(5);
        dbLink = proxy(pgPort);
        brokerLink = proxy(mqPort);
        partnerLink = proxy(simPort);
    }

    private TcpCrusher proxy(int port) {
        return TcpCrusherBuilder.builder().withReactor(reactor).withBindAddress("127.0.0.1", freePort())
                .withConnectAddress("127.0.0.1", port).buildAndOpen();
    }

    /** A fresh shape: whatever a previous run left in {@link #dir} is stopped and removed first. */
    void start() throws IOException {
        script(Duration.ofMinutes(3), "clean");
        script(Duration.ofMinutes(8), "start");
        secrets = readSecrets();
    }

    /** Brings back every process that is not running (PostgreSQL, Artemis, the simulators, the hubs). */
    void restore() throws IOException {
        script(Duration.ofMinutes(5), "start");
    }

    /** SIGKILL of hub1, hub2, artemis or sims. */
    void kill(String name) throws IOException {
        script(Duration.ofSeconds(30), "kill", name);
    }

    /** PostgreSQL stopped as a crash would (no checkpoint). */
    void crashDatabase() throws IOException {
        script(Duration.ofSeconds(60), "pg-crash");
    }

    boolean running(String name) {
        Path pid = dir.resolve(name + ".pid");
        try {
            return Files.exists(pid) && ProcessHandle.of(Long.parseLong(Files.readString(pid).trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            script(Duration.ofMinutes(4), "stop");
        } catch (IOException e) {
            System.err.println("[faults] stopping the shape: " + e.getMessage());
        }
        for (TcpCrusher c : List.of(dbLink, brokerLink, partnerLink)) {
            c.close();
        }
        reactor.close();
    }

    private void script(Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("scripts/production-shape.sh").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createDirectories(dir.getParent()).resolve("shape-script.log").toFile()));
        Map<String, String> env = pb.environment();
        env.put("SHAPE_DIR", dir.toString());
        env.put("SHAPE_DIST", dist.toString());
        env.put("PG_PORT", String.valueOf(pgPort));
        env.put("MQ_PORT", String.valueOf(mqPort));
        env.put("SIM_PORT", String.valueOf(simPort));
        env.put("SMTP_PORT", String.valueOf(smtpPort));
        env.put("HUB1_PORT", String.valueOf(hubPorts[0]));
        env.put("HUB2_PORT", String.valueOf(hubPorts[1]));
        env.put("HUBS_PG_PORT", String.valueOf(dbLink.getBindAddress().getPort()));
        env.put("HUBS_MQ_PORT", String.valueOf(brokerLink.getBindAddress().getPort()));
        env.put("HUBS_SIM_PORT", String.valueOf(partnerLink.getBindAddress().getPort()));
        env.put("HUB_HEAP", "384m");
        env.put("HUB_JSON", toJson(hubSettings));
        env.put("SIMS_JSON", toJson(simSettings));
        env.put("MVN_OFFLINE", "-o");
        Process p = pb.start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("production-shape.sh " + String.join(" ", args) + " took over " + timeout + "; see " + dir.getParent().resolve("shape-script.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("production-shape.sh " + String.join(" ", args) + " failed (" + p.exitValue() + "); see "
                    + dir.getParent().resolve("shape-script.log"));
        }
    }

    private static String toJson(Map<String, String> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> readSecrets() throws IOException {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("secrets.env"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return m;
    }

    String secret(String name) {
        return secrets.get(name);
    }

    // ---- the hubs and the simulators, over HTTP ----------------------------------------------------------------

    String hubUrl(int n) {
        return "http://127.0.0.1:" + hubPorts[n] + "";
    }

    String simUrl(String path) {
        return "http://127.0.0.1:" + simPort + path;
    }

    String adminAuth() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + secret("HUB_ADMIN_PASSWORD")).getBytes(StandardCharsets.UTF_8));
    }

    /** GET of a simulator control path (outside sign-in), as JSON; null on 404. */
    JsonNode sim(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(simUrl(path))).timeout(Duration.ofSeconds(20)).GET().build());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return read(r.body());
    }

    /** GET of a signed-in path of the simulators' process (admin, HTTP Basic), as JSON. */
    JsonNode simSignedIn(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(simUrl(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", adminAuth()).GET().build());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " of the simulators answered " + r.statusCode() + ": " + r.body());
        }
        return read(r.body());
    }

    JsonNode simPost(String path, String body) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(simUrl(path))).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return read(r.body());
    }

    /** A signed-in call of hub {@code n} (admin, HTTP Basic). */
    HttpResponse<String> hub(int n, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(hubUrl(n) + path)).timeout(Duration.ofSeconds(30)).header("Authorization", adminAuth());
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonNode hubJson(int n, String path) {
        HttpResponse<String> r = hub(n, "GET", path, null);
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " of hub " + (n + 1) + " answered " + r.statusCode() + ": " + r.body());
        }
        return read(r.body());
    }

    /** The database, directly (not through the fault proxy): what the checker reads. */
    Connection database() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres", "hub", secret("HUB_DB_PASSWORD"));
    }

    static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(r.method() + " " + r.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
