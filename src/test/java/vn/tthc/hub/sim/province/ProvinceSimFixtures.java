package vn.tthc.hub.sim.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import vn.tthc.hub.sim.common.SimJson;

/** Shared helpers of the province simulator tests: a settable clock, a simulator factory and JSON helpers. */
final class ProvinceSimFixtures {

    static final String CLIENT_ID = "tthc-hub";
    static final String CLIENT_SECRET = "s3cr3t-Province-Client";
    static final String WEBHOOK_SECRET = "webhook-key-123";
    static final ProvinceCatalogue CATALOGUE = ProvinceCatalogue.load(Path.of("mappings"));

    private ProvinceSimFixtures() {
    }

    static ProvinceSimulator.Settings settings(boolean pushEnabled) {
        return new ProvinceSimulator.Settings("000.00.06.H56", "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", 0, 20, 300,
                pushEnabled, 2, 1000, Duration.ofSeconds(5));
    }

    /** A simulator without ticker; pushes go to {@code webhookUrl} when it is not null. */
    static ProvinceSimulator simulator(Clock clock, String webhookUrl) {
        return new ProvinceSimulator(settings(webhookUrl != null), CATALOGUE, () -> CLIENT_ID, () -> CLIENT_SECRET,
                () -> WEBHOOK_SECRET, () -> webhookUrl == null ? "http://127.0.0.1:9/unused" : webhookUrl, clock);
    }

    static ObjectNode json(byte[] bytes) {
        try {
            return (ObjectNode) SimJson.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String text) {
        return SimJson.parse(text);
    }
}
