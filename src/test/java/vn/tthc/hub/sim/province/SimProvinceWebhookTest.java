package vn.tthc.hub.sim.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook pushes received by a JDK HttpServer: HMAC signature, drop and disable knobs, failures, the ticker. */
class SimProvinceWebhookTest {

    /** One request as the receiver saw it. */
    private record Received(String method, String contentType, String signature, String eventId, byte[] body) {
    }

    private HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger answer = new AtomicInteger(202);
    private ProvinceSimulator sim;

    @BeforeEach
    void startReceiver() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/intake/province", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"),
                    exchange.getRequestHeaders().getFirst("X-Event-Id"), body));
            exchange.sendResponseHeaders(answer.get(), -1);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/intake/province";
        sim = ProvinceSimFixtures.simulator(Clock.systemUTC(), url);
    }

    @AfterEach
    void stop() {
        sim.close();
        server.stop(0);
    }

    @Test
    void everyCreateAndChangeIsPushedSignedWithTheSecret() throws Exception {
        List<String> codes = sim.store().generate(31, 4, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 4);
        for (Received r : received) {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.contentType()).isEqualTo("application/json; charset=utf-8");
            assertThat(r.signature()).isEqualTo("sha256=" + hmac(ProvinceSimFixtures.WEBHOOK_SECRET, r.body()));
            assertThat(r.signature()).isNotEqualTo("sha256=" + hmac("another-secret", r.body()));
            assertThat(UUID.fromString(r.eventId())).isNotNull();
            String code = ProvinceSimFixtures.json(r.body()).get("nationCode").asText();
            assertThat(codes).contains(code);
            assertThat(ProvinceSimFixtures.json(r.body()).get("revision").asInt()).isEqualTo(1);
        }
        assertThat(received.stream().map(Received::eventId).distinct().count()).isEqualTo(4);
        // the pushed bytes are exactly the stored record
        Received first = received.get(0);
        String code = ProvinceSimFixtures.json(first.body()).get("nationCode").asText();
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(new String(sim.store().get(code), StandardCharsets.UTF_8));

        sim.store().advance(Integer.MAX_VALUE);
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 8);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.pusher().pushes() == 8);
        Map<String, Object> counters = sim.counters();
        assertThat(counters).containsEntry("pushes", 8L).containsEntry("pushFailures", 0L).containsEntry("pushesDropped", 0L)
                .containsEntry("generated", 4L).containsEntry("changes", 4L);
    }

    @Test
    void pushDropRateOneSendsNothing() {
        sim.updateKnobs(Map.of("pushDropRate", 1));
        sim.store().generate(32, 5, 0);
        sim.store().advance(Integer.MAX_VALUE);
        assertThat(sim.pusher().pushesDropped()).isEqualTo(10);
        assertThat(sim.pusher().pending()).isZero();
        assertThat(sim.pusher().pushes()).isZero();
        assertThat(received).isEmpty();
    }

    @Test
    void disabledPushSendsAndCountsNothing() {
        sim.updateKnobs(Map.of("pushEnabled", false));
        sim.store().generate(33, 3, 0);
        assertThat(sim.pusher().pending()).isZero();
        assertThat(sim.counters()).containsEntry("pushes", 0L).containsEntry("pushesDropped", 0L).containsEntry("pushFailures", 0L);
        assertThat(received).isEmpty();
    }

    @Test
    void refusedOrUndeliverablePushesCountAsFailures() {
        answer.set(401);
        sim.store().generate(34, 2, 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> sim.pusher().pushFailures() == 2);
        assertThat(sim.pusher().pushes()).isZero();
        assertThat(received).hasSize(2);

        try (ProvinceSimulator nowhere = new ProvinceSimulator(ProvinceSimFixtures.settings(true), ProvinceSimFixtures.CATALOGUE,
                () -> "a", () -> "b", () -> "c", () -> "http://127.0.0.1:1/api/v1/intake/province", Clock.systemUTC())) {
            nowhere.store().generate(35, 2, 0);
            await().atMost(Duration.ofSeconds(10)).until(() -> nowhere.pusher().pushFailures() == 2);
        }
    }

    @Test
    void aFullQueueCountsAFailureWithoutBlocking() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger arrived = new AtomicInteger();
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrived.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slow.start();
        // one sender thread and a queue of one: the first push is in flight, the second waits, the rest fail at once
        try (ProvinceSimulator tiny = new ProvinceSimulator(new ProvinceSimulator.Settings("000.00.06.H56",
                "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", 0, 20, 300, true, 1, 1, Duration.ofSeconds(10)),
                ProvinceSimFixtures.CATALOGUE, () -> "a", () -> "b", () -> ProvinceSimFixtures.WEBHOOK_SECRET,
                () -> "http://127.0.0.1:" + slow.getAddress().getPort() + "/", Clock.systemUTC())) {
            tiny.store().generate(36, 1, 0);
            await().atMost(Duration.ofSeconds(5)).until(() -> arrived.get() == 1);
            assertThat(tiny.pusher().pending()).isEqualTo(1);
            long start = System.nanoTime();
            tiny.store().generate(37, 5, 0);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(tiny.pusher().pushFailures()).isEqualTo(4);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> tiny.pusher().pushes() == 2);
        } finally {
            release.countDown();
            slow.stop(0);
        }
    }

    @Test
    void tickerAdvancesOnItsOwn() {
        try (ProvinceSimulator ticking = new ProvinceSimulator(new ProvinceSimulator.Settings("000.00.06.H56",
                "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", 50, 100, 300, false, 1, 10, Duration.ofSeconds(5)),
                ProvinceSimFixtures.CATALOGUE, () -> "a", () -> "b", () -> "c", () -> "http://127.0.0.1:9/", Clock.systemUTC())) {
            ticking.store().generate(37, 20, 0);
            ticking.start();
            assertThat(ticking.ticker().running()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> ticking.store().remaining() == 0);
            assertThat(ticking.store().changes()).isGreaterThanOrEqualTo(20);
        }
    }

    private static String hmac(String key, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }
}
