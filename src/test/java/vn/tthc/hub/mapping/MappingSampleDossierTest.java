package vn.tthc.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.dossier.Dossier;

/**
 * The province sample travels the whole mapping path as the hub will run it: province record →
 * canonical JSON → {@link Dossier} record (no unknown fields allowed) → portal and EMC formats
 * from the Java record, which must give exactly what the JSON golden fixtures give.
 */
class MappingSampleDossierTest {

    static final Path MAPPINGS = Path.of("mappings");
    static final ObjectMapper STRICT = new ObjectMapper().findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static MappingEngine engine;
    static Dossier dossier;

    @BeforeAll
    static void mapSample() throws IOException {
        engine = new MappingEngine(MAPPINGS, STRICT);
        JsonNode canonical = engine.map("province/dossier-to-canonical", STRICT.readTree(MAPPINGS.resolve("province/SAMPLE-dossier.json").toFile()));
        dossier = STRICT.treeToValue(canonical, Dossier.class);
    }

    @Test
    void sampleBecomesADossierWithoutUnknownFields() throws IOException {
        assertThat(dossier.code()).isEqualTo("000.00.06.H56-261123-0001");
        assertThat(dossier.localCode()).isEqualTo("KHCN-261123-0001");
        assertThat(dossier.version()).isEqualTo(3L);
        assertThat(dossier.source()).isEqualTo("province");
        assertThat(dossier.procedureCode()).isEqualTo("2.000477");
        assertThat(dossier.status()).isEqualTo(4);
        assertThat(dossier.channel()).isEqualTo(2);
        assertThat(dossier.returnMethod()).isZero();
        assertThat(dossier.submittedAt()).isEqualTo(Instant.parse("2026-11-23T01:01:10Z"));
        assertThat(dossier.updatedAt()).isEqualTo(Instant.parse("2026-11-23T02:15:02.123Z"));
        assertThat(dossier.rejectedAt()).isNull();
        assertThat(dossier.applicant().identifiers()).containsExactly(new Dossier.Identifier("CCCD", "019190001234"));
        assertThat(dossier.applicant().fax()).isNull();
        assertThat(dossier.documents()).singleElement().satisfies(d -> {
            assertThat(d.deleted()).isFalse();
            assertThat(d.replacedResultCode()).isNull();
        });
        assertThat(dossier.results()).isEmpty();
        assertThat(dossier.fees()).containsExactly(new Dossier.Fee("LP01", "Phí thẩm định", 1, 500000L, 1));
        assertThat(dossier.progress()).extracting(Dossier.ProgressStep::status).containsExactly(1, 2, 4);
        // and back: the record serializes to the same canonical JSON (nothing lost, nothing invented);
        // numbers compared by value because the record's Long fields serialize as long nodes
        JsonNode canonical = engine.map("province/dossier-to-canonical", STRICT.readTree(MAPPINGS.resolve("province/SAMPLE-dossier.json").toFile()));
        JsonNode back = STRICT.valueToTree(dossier);
        assertThat(back.equals((a, b) -> a.isNumber() && b.isNumber() ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1, canonical))
                .as("Dossier round trip, differences: %s", JsonDiff.diff(canonical, back)).isTrue();
    }

    @Test
    void theRecordMapsToThePortalExactlyAsItsJson() throws IOException {
        JsonNode fromRecord = engine.map("dvcqg/dossier", Map.of("dossier", dossier, "partner", Map.of("madonvi", "000.00.06.H56")));
        JsonNode golden = STRICT.readTree(MAPPINGS.resolve("dvcqg/fixtures/dossier/online-in-progress.expected.json").toFile());
        assertThat(JsonDiff.diff(golden, fromRecord)).isEmpty();
        assertThat(MappingEngineTest.nonStringScalars("$", fromRecord)).isEmpty();

        JsonNode steps = engine.map("dvcqg/progress", Map.of("dossier", dossier, "steps", dossier.progress()));
        JsonNode goldenSteps = STRICT.readTree(MAPPINGS.resolve("dvcqg/fixtures/progress/sample-three-steps.expected.json").toFile());
        assertThat(JsonDiff.diff(goldenSteps, steps)).isEmpty();
        assertThat(MappingEngineTest.nonStringScalars("$", steps)).isEmpty();
    }

    @Test
    void theRecordMapsToEmcExactlyAsItsJson() throws IOException {
        JsonNode event = engine.map("emc/tracking", Map.of("dossier", dossier, "step", dossier.progress().get(1), "partner", Map.of("siteId", 1)));
        JsonNode golden = STRICT.readTree(MAPPINGS.resolve("emc/fixtures/tracking/online-received.expected.json").toFile());
        assertThat(JsonDiff.diff(golden, event)).isEmpty();
        // User and Data are JSON strings, and User carries no personal data
        JsonNode user = STRICT.readTree(event.get("User").textValue());
        assertThat(user.size()).isEqualTo(4);
        assertThat(event.get("User").textValue()).doesNotContain("019190001234").doesNotContain("Nguyễn").doesNotContain("0912345678");
        assertThat(STRICT.readTree(event.get("Data").textValue()).get("TrangThaiHoSo").textValue()).isEqualTo("2");
    }
}
