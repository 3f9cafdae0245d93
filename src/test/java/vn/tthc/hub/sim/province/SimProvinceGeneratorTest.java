package vn.tthc.hub.sim.province;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.tthc.hub.sim.province.ProvinceSimFixtures.CATALOGUE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.dossier.Status;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.ManualClock;

/** Generator determinism, legal status paths and the exact record format of the sample. */
class SimProvinceGeneratorTest {

    private static final Pattern NATION_CODE = Pattern.compile("^000\\.00\\.06\\.H56-\\d{6}-\\d{4}$");
    private static final Pattern LOCAL_CODE = Pattern.compile("^KHCN-\\d{6}-\\d{4}$");
    private static final Pattern CCCD = Pattern.compile("^(0(0[1-9]|[1-9]\\d))[0-3]\\d{8}$");
    private static final Pattern CMND = Pattern.compile("^09\\d{7}$");
    private static final Pattern TAX = Pattern.compile("^4[67]\\d{8}$");
    private static final Pattern PHONE = Pattern.compile("^0[35789]\\d{8}$");
    private static final Pattern EMAIL = Pattern.compile("^[a-z0-9.]+@[a-z0-9.-]+\\.[a-z]{2,}$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00$");
    private static final Pattern UPDATED = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+07:00$");
    private static final Set<String> CCCD_PROVINCES = Set.copyOf(ProvinceVocabulary.CCCD_PROVINCES);

    private final DossierGenerator generator = new DossierGenerator(CATALOGUE, "000.00.06.H56",
            "Sở Khoa học và Công nghệ tỉnh Thái Nguyên");

    @Test
    void sameSeedGivesSameContentAndPlans() {
        Instant t1 = Instant.parse("2026-11-23T01:00:00Z");
        Instant t2 = Instant.parse("2027-02-01T07:30:00Z");
        List<DossierGenerator.Generated> a = generator.generate(42, 40, t1, 0);
        List<DossierGenerator.Generated> b = generator.generate(42, 40, t2, 0);
        List<DossierGenerator.Generated> c = generator.generate(43, 40, t1, 0);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).record()).isEqualTo(b.get(i).record());
            assertThat(a.get(i).plan()).isEqualTo(b.get(i).plan());
        }
        assertThat(a.stream().map(g -> g.record().get("id").asText()).toList())
                .doesNotContainAnyElementsOf(c.stream().map(g -> g.record().get("id").asText()).toList());
        // back-dating changes the dates only
        List<DossierGenerator.Generated> aged = generator.generate(42, 40, t1, 30);
        for (int i = 0; i < a.size(); i++) {
            assertThat(aged.get(i).record()).isEqualTo(a.get(i).record());
            assertThat(aged.get(i).appliedAt()).isBetween(t1.minus(Duration.ofDays(30)), t1);
        }
        // a minimum age (the back-fill benchmark's bulk of old dossiers) moves the dates only, between the two ages
        List<DossierGenerator.Generated> old = new ArrayList<>();
        generator.generate(42, 40, t1, 10, 30, ProvinceCatalogue.Selection.PROVINCE, old::add);
        List<DossierGenerator.Generated> unchanged = new ArrayList<>();
        generator.generate(42, 40, t1, 0, 30, ProvinceCatalogue.Selection.PROVINCE, unchanged::add);
        for (int i = 0; i < a.size(); i++) {
            assertThat(old.get(i).record()).isEqualTo(a.get(i).record());
            assertThat(old.get(i).appliedAt()).isBetween(t1.minus(Duration.ofDays(30)), t1.minus(Duration.ofDays(10)));
            assertThat(unchanged.get(i).appliedAt()).isEqualTo(aged.get(i).appliedAt());
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> generator.generate(42, 1, t1, 30, 30, ProvinceCatalogue.Selection.PROVINCE, g -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameSeedThroughTheStoreDiffersOnlyInCodesAndTimes() {
        ManualClock clock1 = new ManualClock(Instant.parse("2026-11-23T02:00:00Z"));
        ManualClock clock2 = new ManualClock(Instant.parse("2026-12-09T08:00:00Z"));
        try (ProvinceSimulator s1 = ProvinceSimFixtures.simulator(clock1, null);
             ProvinceSimulator s2 = ProvinceSimFixtures.simulator(clock2, null)) {
            s2.store().generate(99, 3, 0); // shift s2's counters
            List<String> c1 = s1.store().generate(7, 25, 0);
            List<String> c2 = s2.store().generate(7, 25, 0);
            while (s1.store().remaining() > 0 || s2.store().remaining() > 0) {
                clock1.advance(Duration.ofMinutes(5));
                clock2.advance(Duration.ofMinutes(7));
                s1.store().advance(Integer.MAX_VALUE);
                s2.store().advance(Integer.MAX_VALUE);
            }
            assertThat(c1).isNotEqualTo(c2);
            for (int i = 0; i < c1.size(); i++) {
                ObjectNode r1 = withoutCodesAndTimes(ProvinceSimFixtures.json(s1.store().get(c1.get(i))));
                ObjectNode r2 = withoutCodesAndTimes(ProvinceSimFixtures.json(s2.store().get(c2.get(i))));
                assertThat(r1).isEqualTo(r2);
            }
        }
    }

    @Test
    void pathsUseOnlyLegalTransitionsAndCoverTheScenarios() {
        List<DossierGenerator.Generated> all = generator.generate(2026, 3000, Instant.parse("2026-11-23T01:00:00Z"), 0);
        Set<List<Integer>> paths = new HashSet<>();
        for (DossierGenerator.Generated g : all) {
            List<Integer> path = g.plan().path();
            paths.add(path);
            int method = g.record().path("applyMethod").path("id").asInt();
            assertThat(path.get(0)).isEqualTo(method == 0 ? Status.SUBMITTED : Status.RECEIVED);
            for (int i = 1; i < path.size(); i++) {
                assertThat(path.get(i)).isNotEqualTo(path.get(i - 1));
                assertThat(Status.canMove(path.get(i - 1), path.get(i)))
                        .as("transition %s in %s", path.get(i - 1) + "→" + path.get(i), path).isTrue();
            }
            assertThat(path.get(path.size() - 1)).isIn(3, 7, 8, 9, 10);
            if (path.contains(Status.PAYMENT_REQUESTED)) {
                assertThat(g.record().path("fees").size()).isPositive();
            }
        }
        assertThat(paths).contains(List.of(1, 2, 4, 9, 10), List.of(2, 4, 9, 10), List.of(2, 4, 5, 4, 9, 10),
                List.of(1, 3), List.of(2, 4, 7), List.of(1, 2, 4, 6, 4, 9, 10), List.of(2, 4, 5, 4, 5, 4, 9, 10),
                List.of(2, 8));
    }

    @Test
    void recordsHaveTheSampleFormatAtEveryStage() throws Exception {
        JsonNode sample = SimJson.parse(Files.readString(Path.of("mappings/province/SAMPLE-dossier.json")));
        ManualClock clock = new ManualClock(Instant.parse("2026-11-23T01:15:00Z"));
        try (ProvinceSimulator sim = ProvinceSimFixtures.simulator(clock, null)) {
            List<String> codes = sim.store().generate(11, 300, 0);
            for (String code : codes) {
                checkRecord(sample, ProvinceSimFixtures.json(sim.store().get(code)));
            }
            while (sim.store().remaining() > 0) {
                clock.advance(Duration.ofMinutes(13));
                sim.store().advance(Integer.MAX_VALUE);
            }
            Set<String> statuses = new TreeSet<>();
            for (String code : codes) {
                ObjectNode d = ProvinceSimFixtures.json(sim.store().get(code));
                checkRecord(sample, d);
                checkFinished(d);
                statuses.add(d.path("dossierStatus").path("id").asText());
            }
            assertThat(statuses).contains("2", "6", "7", "8", "9");
        }
    }

    @Test
    void localPrefixComesFromTheAgencyName() {
        assertThat(DossierGenerator.localPrefix("Sở Khoa học và Công nghệ tỉnh Thái Nguyên")).isEqualTo("KHCN");
        assertThat(DossierGenerator.localPrefix("Sở Tư pháp tỉnh Thái Nguyên")).isEqualTo("TP");
        assertThat(DossierGenerator.localPrefix("Sở Y tế thành phố Hà Nội")).isEqualTo("YT");
    }

    // ---- checks ---------------------------------------------------------------------------------

    private static void checkRecord(JsonNode sample, ObjectNode d) {
        assertSameShape(sample, d, "");
        assertThat(d.get("nationCode").asText()).matches(NATION_CODE);
        assertThat(d.get("code").asText()).matches(LOCAL_CODE);
        assertThat(d.get("code").asText().substring(5)).isEqualTo(d.get("nationCode").asText().substring(14));
        assertThat(d.get("revision").isInt()).isTrue();
        assertThat(d.get("revision").asInt()).isEqualTo(d.get("processes").size());
        assertThat(d.get("updatedDate").asText()).matches(UPDATED);
        assertThat(d.get("procedure").get("code").asText()).isIn(CATALOGUE.procedures().stream()
                .map(ProvinceCatalogue.Procedure::localCode).toList());
        assertThat(d.get("summary").asText()).isNotBlank().hasSizeLessThan(1000);
        assertThat(d.get("agency").get("code").asText()).isEqualTo("000.00.06.H56");

        JsonNode a = d.get("applicant");
        int type = a.get("type").asInt();
        String id = a.get("identityNumber").asText();
        if (type == 1) {
            assertThat(id.matches(CCCD.pattern()) || id.matches(CMND.pattern())).as(id).isTrue();
            if (id.length() == 12) {
                assertThat(CCCD_PROVINCES).contains(id.substring(0, 3));
            }
        } else {
            assertThat(id).matches(TAX);
        }
        assertThat(a.get("identities").get(0).get("number").asText()).isEqualTo(id);
        assertThat(a.get("phone").asText()).matches(PHONE);
        assertThat(a.get("email").asText()).matches(EMAIL);
        assertThat(a.get("address").asText()).endsWith("tỉnh Thái Nguyên");
        int method = d.get("applyMethod").get("id").asInt();
        assertThat(method).isBetween(0, 2);
        assertThat(d.get("applyMethod").get("id").isInt()).isTrue();
        assertThat(a.get("accountId").isNull()).isEqualTo(method != 0);

        ArrayNode attachments = (ArrayNode) d.get("attachments");
        assertThat(attachments.size()).isBetween(1, 6);
        for (JsonNode f : attachments) {
            assertThat(f.get("url").asText()).isEqualTo("https://igate.thainguyen.gov.vn/files/" + f.get("id").asText());
        }
        String status = d.get("dossierStatus").get("id").asText();
        assertThat(d.get("dossierStatus").get("id").isTextual()).isTrue();
        assertThat(CATALOGUE.statusById(status)).isNotNull();
        assertThat(d.get("dossierStatus").get("name").asText()).isEqualTo(CATALOGUE.statusById(status).name());

        List<Integer> portal = new ArrayList<>();
        for (JsonNode p : d.get("processes")) {
            ProvinceCatalogue.StatusCode sc = CATALOGUE.statusById(p.get("statusId").asText());
            assertThat(sc).isNotNull();
            portal.add(sc.portalStatus());
            assertThat(p.get("time").asText()).matches(DATE);
            assertThat(p.get("startDate").asText()).matches(DATE);
            assertThat(p.get("dueDate").isNull() || DATE.matcher(p.get("dueDate").asText()).matches()).isTrue();
            assertThat(p.get("content").asText()).isNotBlank();
            assertThat(p.get("assignee").get("fullname").asText()).isNotBlank();
        }
        for (int i = 1; i < portal.size(); i++) {
            assertThat(Status.canMove(portal.get(i - 1), portal.get(i))).as("%s", portal).isTrue();
        }
        JsonNode last = d.get("processes").get(d.get("processes").size() - 1);
        assertThat(last.get("statusId").asText()).isEqualTo(status);
        for (String field : List.of("appliedDate", "acceptedDate", "appointmentDate", "cancelledDate", "completedDate", "returnedDate")) {
            JsonNode v = d.get(field);
            assertThat(v.isNull() || DATE.matcher(v.asText()).matches()).as(field + " " + v).isTrue();
        }
        assertThat(d.get("appliedDate").isNull()).isFalse();
        if (!d.get("acceptedDate").isNull()) {
            Instant applied = ProvinceDates.parseOffset(d.get("appliedDate").asText());
            Instant accepted = ProvinceDates.parseOffset(d.get("acceptedDate").asText());
            Instant appointment = ProvinceDates.parseOffset(d.get("appointmentDate").asText());
            assertThat(accepted).isAfterOrEqualTo(applied);
            assertThat(appointment).isAfter(accepted);
        }
        boolean reached9 = portal.contains(9);
        assertThat(d.get("completedDate").isNull()).isEqualTo(!reached9);
        assertThat(d.get("results").size() > 0).isEqualTo(reached9);
        assertThat(d.get("returnedDate").isNull()).isEqualTo(!portal.contains(10));
        assertThat(d.get("cancelledDate").isNull()).isEqualTo(!portal.contains(3));
    }

    private static void checkFinished(ObjectNode d) {
        for (JsonNode r : d.get("results")) {
            assertThat(r.get("url").asText()).startsWith("https://igate.thainguyen.gov.vn/files/");
            assertThat(r.get("name").asText()).isNotBlank();
        }
        assertThat(d.get("results").size()).isLessThanOrEqualTo(2);
        Instant previous = null;
        for (JsonNode p : d.get("processes")) {
            Instant t = ProvinceDates.parseOffset(p.get("time").asText());
            if (previous != null) {
                assertThat(t).isAfterOrEqualTo(previous);
            }
            previous = t;
        }
    }

    /** Same field names at every object level and the same JSON types where the sample has a non-null value. */
    private static void assertSameShape(JsonNode sample, JsonNode actual, String path) {
        if (sample.isObject()) {
            assertThat(actual.isObject()).as(path).isTrue();
            if (!path.equals("/eForm/data")) {
                assertThat(names(actual)).as(path).isEqualTo(names(sample));
            }
            sample.fields().forEachRemaining(f -> {
                if (actual.has(f.getKey()) && !path.equals("/eForm/data")) {
                    assertSameShape(f.getValue(), actual.get(f.getKey()), path + "/" + f.getKey());
                }
            });
        } else if (sample.isArray()) {
            assertThat(actual.isArray()).as(path).isTrue();
            if (!sample.isEmpty()) {
                for (JsonNode item : actual) {
                    assertSameShape(sample.get(0), item, path + "[]");
                }
            }
        } else if (!sample.isNull() && !actual.isNull()) {
            assertThat(actual.getNodeType()).as(path).isEqualTo(sample.getNodeType());
            assertThat(actual.isIntegralNumber()).as(path).isEqualTo(sample.isIntegralNumber());
        }
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new TreeSet<>();
        Iterator<String> it = n.fieldNames();
        it.forEachRemaining(s::add);
        return s;
    }

    private static final Set<String> TIME_FIELDS = Set.of("code", "nationCode", "receiptNumber", "updatedDate",
            "appliedDate", "acceptedDate", "appointmentDate", "cancelledDate", "completedDate", "returnedDate",
            "time", "startDate", "dueDate");

    private static ObjectNode withoutCodesAndTimes(ObjectNode d) {
        strip(d);
        return d;
    }

    private static void strip(JsonNode n) {
        if (n instanceof ObjectNode o) {
            o.remove(TIME_FIELDS);
            o.elements().forEachRemaining(SimProvinceGeneratorTest::strip);
        } else if (n instanceof ArrayNode a) {
            a.elements().forEachRemaining(SimProvinceGeneratorTest::strip);
        }
    }
}
