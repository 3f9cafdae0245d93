package vn.tthc.hub.sim.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Wiring details: webhook URL defaults, late credentials, catalogue errors, dates and record compression. */
class SimProvinceConfigTest {

    @Test
    void webhookUrlDefaultsToTheLocalIntake() {
        MockEnvironment env = new MockEnvironment();
        assertThat(ProvinceSimConfiguration.webhookUrl(env)).isEqualTo("http://localhost:8080/api/v1/intake/province");
        env.setProperty("server.port", "8181");
        assertThat(ProvinceSimConfiguration.webhookUrl(env)).isEqualTo("http://localhost:8181/api/v1/intake/province");
        env.setProperty("local.server.port", "41234");
        assertThat(ProvinceSimConfiguration.webhookUrl(env)).isEqualTo("http://localhost:41234/api/v1/intake/province");
        env.setProperty("hub.partners.province.webhook-url", "http://localhost:0/api/v1/intake/province");
        assertThat(ProvinceSimConfiguration.webhookUrl(env)).isEqualTo("http://localhost:41234/api/v1/intake/province");
        env.setProperty("hub.partners.province.webhook-url", "https://hub.example.vn/api/v1/intake/province");
        assertThat(ProvinceSimConfiguration.webhookUrl(env)).isEqualTo("https://hub.example.vn/api/v1/intake/province");
    }

    @Test
    void credentialsAreReadAtUseSoLateValuesCount() {
        MockEnvironment env = new MockEnvironment();
        ProvinceSimulator sim = new ProvinceSimConfiguration().provinceSimulator(env, "mappings", "000.00.06.H56",
                "Sở Khoa học và Công nghệ tỉnh Thái Nguyên", 0, 20, 300, false, 1, 10, 1000);
        try {
            sim.start();
            assertThatThrownBy(() -> sim.tokens().issue("r", "client_credentials", "hub", "pw", null))
                    .isInstanceOf(ProvinceApiException.class);
            env.setProperty("hub.partners.province.client-id", "hub");
            env.setProperty("hub.partners.province.client-secret", "pw");
            Map<String, Object> token = sim.tokens().issue("r", "client_credentials", "hub", "pw", null);
            assertThat(sim.tokens().isValid("Bearer " + token.get("access_token"))).isTrue();
            assertThat(sim.ticker().running()).isFalse();
        } finally {
            sim.close();
        }
    }

    @Test
    void catalogueErrorsNameTheLine(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("catalogue"));
        Files.createDirectories(dir.resolve("codes"));
        Files.copy(Path.of("mappings/codes/province-status.csv"), dir.resolve("codes/province-status.csv"));
        Files.copy(Path.of("mappings/codes/province-channel.csv"), dir.resolve("codes/province-channel.csv"));
        Files.write(dir.resolve("catalogue/procedures.csv"), List.of("# comment",
                "local_code,national_code,name,sector_code,sector_name",
                "1.1.H56,1.000001,\"Cấp giấy phép, có dấu phẩy\",S1,Lĩnh vực",
                "2.2.H56,2.000002,Thiếu cột"));
        assertThatThrownBy(() -> ProvinceCatalogue.load(dir)).hasMessageContaining("line 4");
        Files.write(dir.resolve("catalogue/procedures.csv"), List.of(
                "local_code,national_code,name,sector_code,sector_name",
                "1.1.H56,1.000001,\"Cấp giấy phép, có dấu phẩy\",S1,Lĩnh vực"));
        ProvinceCatalogue catalogue = ProvinceCatalogue.load(dir);
        assertThat(catalogue.procedures().get(0).name()).isEqualTo("Cấp giấy phép, có dấu phẩy");
        assertThat(catalogue.status(4).id()).isEqualTo("3");
        assertThat(catalogue.status(4).name()).isEqualTo("Đang xử lý");
    }

    @Test
    void workingDaysSkipWeekends() {
        // Friday 2026-11-27 10:00 (+07:00) plus 1 working day is Monday 17:00
        assertThat(ProvinceDates.seconds(ProvinceDates.addWorkingDays(
                ProvinceDates.parseOffset("2026-11-27T10:00:00+07:00"), 1))).isEqualTo("2026-11-30T17:00:00+07:00");
        assertThat(ProvinceDates.seconds(ProvinceDates.endOfWorkingDay(
                ProvinceDates.parseOffset("2026-11-27T18:00:00+07:00")))).isEqualTo("2026-11-30T17:00:00+07:00");
        assertThat(ProvinceDates.millis(ProvinceDates.parseOffset("2026-11-23T02:15:02.123Z")))
                .isEqualTo("2026-11-23T09:15:02.123+07:00");
        // OffsetDateTime.toString() leaves out zero seconds; the hub's pull sends it that way
        assertThat(ProvinceDates.parseOffset("2026-11-23T09:15+07:00"))
                .isEqualTo(ProvinceDates.parseOffset("2026-11-23T09:15:00+07:00"));
    }

    @Test
    void storedRecordsRoundTripThroughTheCodec() {
        byte[] dictionary = "{\"nationCode\":\"000.00.06.H56-261123-0001\",\"applicant\":{}}".getBytes(StandardCharsets.UTF_8);
        byte[] noise = new byte[100_000];
        new Random(1).nextBytes(noise);
        byte[] text = "{\"summary\":\"Đề nghị cấp giấy phép\"}".repeat(500).getBytes(StandardCharsets.UTF_8);
        for (RecordCodec codec : List.of(new RecordCodec(dictionary), new RecordCodec(new byte[0]))) {
            assertThat(codec.decode(codec.encode(noise))).isEqualTo(noise);
            assertThat(codec.decode(codec.encode(text))).isEqualTo(text);
            assertThat(codec.encode(text).length).isLessThan(text.length / 10);
            assertThat(codec.decode(codec.encode(new byte[0]))).isEmpty();
        }
    }
}
