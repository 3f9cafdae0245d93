package vn.tthc.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden fixtures: every {@code mappings/<dir>/fixtures/<name>/<case>.input.json} (or {@code .input.xml}
 * for an XSLT mapping) is mapped with {@code <dir>/<name>} and must equal {@code <case>.expected.json}
 * (or {@code .expected.xml}); adding a case is adding two files.
 */
class GoldenMappingTest {

    static final Path MAPPINGS = Path.of("mappings");
    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static MappingEngine engine;

    /** One fixture case: the mapping it exercises and its input file (.input.json or .input.xml). */
    record Case(String mapping, Path input) {
        boolean xmlInput() {
            return input.getFileName().toString().endsWith(".input.xml");
        }

        /** JSON input to an XSLT mapping means toXml, so the expected output is XML. */
        boolean xmlOutput() {
            return !xmlInput() && engine.isXslt(mapping);
        }

        Path expected() {
            return input.resolveSibling(caseName() + (xmlOutput() ? ".expected.xml" : ".expected.json"));
        }

        String caseName() {
            String file = input.getFileName().toString();
            return file.substring(0, file.length() - (xmlInput() ? ".input.xml" : ".input.json").length());
        }

        @Override
        public String toString() {
            return mapping + " / " + caseName();
        }
    }

    @BeforeAll
    static void loadEngine() {
        engine = new MappingEngine(MAPPINGS, JSON);
    }

    static List<Case> cases() throws IOException {
        try (Stream<Path> files = Files.walk(MAPPINGS)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".input.json")
                            || p.getFileName().toString().endsWith(".input.xml"))
                    .filter(p -> p.getParent().getParent() != null
                            && p.getParent().getParent().getFileName().toString().equals("fixtures"))
                    .sorted()
                    .map(p -> {
                        Path fixtures = p.getParent().getParent();
                        String dir = MAPPINGS.relativize(fixtures.getParent()).toString().replace('\\', '/');
                        return new Case(dir + "/" + p.getParent().getFileName(), p);
                    })
                    .toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mapsFixtureToExpectedOutput(Case c) throws IOException {
        assertThat(c.expected()).as("expected file beside %s", c.input()).exists();
        if (c.xmlOutput()) {
            String actualXml = engine.toXml(c.mapping(), JSON.readTree(c.input().toFile()), Map.of());
            String expectedXml = Files.readString(c.expected());
            if (!XmlEquality.equal(expectedXml, actualXml)) {
                fail("golden mismatch for " + c + " (" + c.expected() + ")\n--- actual ---\n" + actualXml);
            }
            return;
        }
        JsonNode expected = JSON.readTree(c.expected().toFile());
        JsonNode actual = c.xmlInput()
                ? engine.fromXml(c.mapping(), Files.readString(c.input()), Map.of())
                // intake mappings (…-to-canonical) are not vetted by the engine: the validator checks every canonical field
                : c.mapping().endsWith("-to-canonical") ? engine.mapForValidation(c.mapping(), JSON.readTree(c.input().toFile()))
                : engine.map(c.mapping(), JSON.readTree(c.input().toFile()));
        if (!expected.equals(actual)) {
            fail("golden mismatch for " + c + " (" + c.expected() + "):\n  "
                    + String.join("\n  ", JsonDiff.diff(expected, actual))
                    + "\n--- actual ---\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual));
        }
    }

    @Test
    void everyMappingHasAtLeastThreeCases() throws IOException {
        Map<String, Long> counts = new TreeMap<>(cases().stream().collect(Collectors.groupingBy(Case::mapping, Collectors.counting())));
        for (String mapping : engine.mappingNames()) {
            assertThat(counts.getOrDefault(mapping, 0L)).as("golden cases of %s", mapping).isGreaterThanOrEqualTo(3);
        }
        assertThat(engine.mappingNames()).as("fixture folders without a mapping").containsAll(counts.keySet());
    }
}
