package vn.tthc.hub.sim.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vn.tthc.hub.sim.province.ProvinceSimFixtures.CATALOGUE;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.dossier.Status;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.province.ProvinceCatalogue.Selection;
import vn.tthc.hub.ManualClock;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The generator draws procedures by who handles them today (catalogue/routing.csv): province by default, ministry systems, or all. */
class SimProvinceRoutingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T03:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final String AGENCY = "Sở Khoa học và Công nghệ tỉnh Thái Nguyên";

    private final DossierGenerator generator = new DossierGenerator(CATALOGUE, "000.00.06.H56", AGENCY);

    @Test
    void shippedCatalogueSplitsProvinceAndMinistryProcedures() {
        List<String> province = codes(CATALOGUE.procedures(Selection.PROVINCE, TODAY));
        List<String> ministry = codes(CATALOGUE.procedures(Selection.MINISTRY, TODAY));
        assertThat(province).contains("2.000477", "1.001229", "1.005678")
                .as("VHTTDL not live yet: stays on the province").contains("1.004601")
                .doesNotContain("1.011801", "2.001501", "1.009701");
        assertThat(ministry).contains("1.011801", "1.011802", "2.001501", "1.001502", "1.009701", "1.009702")
                .doesNotContain("1.004601", "2.000477");
        assertThat(CATALOGUE.procedures(Selection.ALL, TODAY)).hasSize(province.size() + ministry.size());
        // before the go-live the same procedures were the province's
        assertThat(codes(CATALOGUE.procedures(Selection.MINISTRY, LocalDate.of(2025, 12, 31)))).isEmpty();
    }

    @Test
    void ministrySelectionYieldsOnlyMinistryProceduresSpreadAcrossMinistries() {
        Map<String, Integer> byHandler = new HashMap<>();
        for (DossierGenerator.Generated g : generator.generate(7, 300, NOW, 0, Selection.MINISTRY)) {
            String handler = handlerOf(g);
            assertThat(handler).startsWith("ministry-G");
            byHandler.merge(handler, 1, Integer::sum);
        }
        assertThat(byHandler.keySet()).containsExactlyInAnyOrder("ministry-G06", "ministry-G15", "ministry-G17");
        // drawn by ministry first: each gets about a third
        assertThat(byHandler.values()).allSatisfy(n -> assertThat(n).isBetween(70, 130));
    }

    @Test
    void aMinistryDossierIsOnlyReceivedAtTheProvinceDeskNeverProcessedThere() {
        for (DossierGenerator.Generated g : generator.generate(13, 200, NOW, 0, Selection.MINISTRY)) {
            assertThat(g.plan().steps()).as("plan of a ministry dossier").allSatisfy(step ->
                    assertThat(step.status()).isIn(Status.SUBMITTED, Status.RECEIVED, Status.REFUSED));
        }
        assertThat(generator.generate(13, 200, NOW, 0, Selection.PROVINCE))
                .anySatisfy(g -> assertThat(g.plan().steps()).anySatisfy(step -> assertThat(step.status()).isEqualTo(Status.FINISHED)));
    }

    @Test
    void defaultSelectionYieldsOnlyProvinceProceduresAsBefore() {
        Set<String> seen = new HashSet<>();
        List<DossierGenerator.Generated> byDefault = generator.generate(11, 300, NOW, 0);
        List<DossierGenerator.Generated> explicit = generator.generate(11, 300, NOW, 0, Selection.PROVINCE);
        for (int i = 0; i < byDefault.size(); i++) {
            assertThat(handlerOf(byDefault.get(i))).isEqualTo("province");
            assertThat(explicit.get(i).record()).isEqualTo(byDefault.get(i).record());
            seen.add(byDefault.get(i).record().get("procedure").get("code").asText());
        }
        assertThat(seen).hasSize(CATALOGUE.procedures(Selection.PROVINCE, TODAY).size());
    }

    @Test
    void defaultDrawsAreThoseOfAProvinceOnlyCatalogue() throws Exception {
        // existing flows are unchanged: the draws equal those of a catalogue holding only the province's procedures
        ProvinceCatalogue provinceOnly = new ProvinceCatalogue(CATALOGUE.procedures(Selection.PROVINCE, TODAY),
                CATALOGUE.statusIds().stream().map(CATALOGUE::statusById).toList(),
                List.of(CATALOGUE.applyMethod(0), CATALOGUE.applyMethod(1), CATALOGUE.applyMethod(2)));
        DossierGenerator plain = new DossierGenerator(provinceOnly, "000.00.06.H56", AGENCY);
        List<DossierGenerator.Generated> a = generator.generate(5, 50, NOW, 0);
        List<DossierGenerator.Generated> b = plain.generate(5, 50, NOW, 0);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).record().get("procedure")).isEqualTo(b.get(i).record().get("procedure"));
            assertThat(a.get(i).record().get("summary")).isEqualTo(b.get(i).record().get("summary"));
        }
    }

    @Test
    void allSelectionMixesBoth() {
        Set<String> handlers = new HashSet<>();
        for (DossierGenerator.Generated g : generator.generate(3, 200, NOW, 0, Selection.ALL)) {
            handlers.add(handlerOf(g).startsWith("ministry-") ? "ministry" : "province");
        }
        assertThat(handlers).containsExactlyInAnyOrder("ministry", "province");
    }

    @Test
    void ministryContentIsRealistic() {
        for (DossierGenerator.Generated g : generator.generate(21, 200, NOW, 0, Selection.MINISTRY)) {
            JsonNode d = g.record();
            String name = d.get("procedure").get("name").asText();
            int type = d.get("applicant").get("type").asInt();
            if (name.contains("lý lịch tư pháp") || name.contains("quốc tịch") || name.contains("chứng chỉ hành nghề")) {
                assertThat(type).as(name).isEqualTo(1);
                assertThat(d.get("eForm").get("data").has("hoTen")).isTrue();
            }
            if (name.contains("chứng chỉ năng lực") || name.contains("đánh giá sự phù hợp")) {
                assertThat(type).as(name).isEqualTo(2);
            }
            assertThat(d.get("summary").asText()).isNotBlank();
            assertThat(g.plan().results().get(0).name()).isNotBlank();
        }
        assertThat(DossierGenerator.resultName("Đăng ký sáng chế")).isEqualTo("Bằng độc quyền sáng chế");
        assertThat(DossierGenerator.resultName("Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam")).isEqualTo("Phiếu lý lịch tư pháp số 1");
    }

    @Test
    void controlEndpointGeneratesByProcedures() throws Exception {
        ProvinceSimulator sim = ProvinceSimFixtures.simulator(new ManualClock(NOW), null);
        try {
            MockMvc mvc = MockMvcBuilders.standaloneSetup(new ProvinceControlController(sim)).build();
            List<String> ministry = generate(mvc, "{\"count\":30,\"seed\":9,\"procedures\":\"ministry\"}");
            List<String> province = generate(mvc, "{\"count\":30,\"seed\":9}");
            assertThat(ministry).hasSize(30);
            for (String code : ministry) {
                assertThat(handlerOf(ProvinceSimFixtures.json(sim.store().get(code)))).startsWith("ministry-");
            }
            for (String code : province) {
                assertThat(handlerOf(ProvinceSimFixtures.json(sim.store().get(code)))).isEqualTo("province");
            }
            assertThat(generate(mvc, "{\"count\":5,\"seed\":9,\"procedures\":\"all\"}")).hasSize(5);
        } finally {
            sim.close();
        }
    }

    @Test
    void withoutRoutingTableEverythingIsProvinceAndMinistryIsRefused(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("catalogue"));
        Files.createDirectories(dir.resolve("codes"));
        for (String f : List.of("catalogue/procedures.csv", "codes/province-status.csv", "codes/province-channel.csv")) {
            Files.copy(Path.of("mappings").resolve(f), dir.resolve(f));
        }
        ProvinceCatalogue noRouting = ProvinceCatalogue.load(dir);
        assertThat(noRouting.procedures(Selection.PROVINCE, TODAY)).hasSameSizeAs(noRouting.procedures());
        DossierGenerator g = new DossierGenerator(noRouting, "000.00.06.H56", AGENCY);
        assertThatThrownBy(() -> g.generate(1, 1, NOW, 0, Selection.MINISTRY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no procedure is handled by a ministry system on 2026-11-23 (mappings/catalogue/routing.csv)");
        // a bad routing table stops the simulator with the line named
        Files.writeString(dir.resolve("catalogue/routing.csv"),
                "national_code,handler,effective_from,effective_to,note\n1.011801,ministry-6,2026-01-01,,\n");
        assertThatThrownBy(() -> ProvinceCatalogue.load(dir)).hasMessageContaining("routing.csv line 2: handler 'ministry-6'");
    }

    private static String handlerOf(DossierGenerator.Generated g) {
        return handlerOf(g.record());
    }

    private static String handlerOf(JsonNode record) {
        String local = record.get("procedure").get("code").asText();
        ProvinceCatalogue.Procedure p = CATALOGUE.procedures().stream().filter(x -> x.localCode().equals(local)).findFirst().orElseThrow();
        return CATALOGUE.handlerOf(p, TODAY);
    }

    private static List<String> codes(List<ProvinceCatalogue.Procedure> procedures) {
        return procedures.stream().map(ProvinceCatalogue.Procedure::nationalCode).toList();
    }

    private static List<String> generate(MockMvc mvc, String body) throws Exception {
        MockHttpServletResponse r = mvc.perform(post("/sim/province/_control/generate")
                .contentType(MediaType.APPLICATION_JSON).content(body.getBytes(StandardCharsets.UTF_8))).andReturn().getResponse();
        assertThat(r.getStatus()).as(r.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        List<String> codes = new ArrayList<>();
        SimJson.parse(r.getContentAsString(StandardCharsets.UTF_8)).get("codes").forEach(c -> codes.add(c.asText()));
        return codes;
    }
}
