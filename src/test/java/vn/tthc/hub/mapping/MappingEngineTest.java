package vn.tthc.hub.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine and its registered functions: each function through a one-line mapping (so
 * registration and error attribution are tested too), error reporting, thread safety, the
 * all-strings rule of the portal outputs, and a rough timing.
 */
class MappingEngineTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    static final Path MAPPINGS = Path.of("mappings");

    @TempDir
    static Path dir;
    static MappingEngine fn;
    static MappingEngine real;

    @BeforeAll
    static void setUp() throws IOException {
        // a mappings folder of its own: real code tables and catalogue, one tiny mapping per function
        copyTree(MAPPINGS.resolve("codes"), dir.resolve("codes"));
        copyTree(MAPPINGS.resolve("catalogue"), dir.resolve("catalogue"));
        write("fn/instant.jsonata", "{ \"r\": $instant(v) }");
        write("fn/date14.jsonata", "{ \"r\": $date14(v) }");
        write("fn/str.jsonata", "{ \"r\": $str(v) }");
        write("fn/flag01.jsonata", "{ \"r\": $flag01(v) }");
        write("fn/tf.jsonata", "{ \"r\": $tf(v) }");
        write("fn/code.jsonata", "{ \"r\": $code(t, v) }");
        write("fn/national.jsonata", "{ \"r\": $national(v) }");
        write("fn/trunc.jsonata", "{ \"r\": $trunc(v, n) }");
        write("fn/arity.jsonata", "{ \"r\": $str(v, v) }");
        write("fn/library-error.jsonata", "{ \"r\": $number(v) }");
        write("fn/located.jsonata", """
                /* Comment with Vietnamese text first: Ngày nộp hồ sơ, so positions count real characters */
                {
                  "outer": {
                    "items": [items.{
                      "when": $date14(at)
                    }]
                  }
                }
                """);
        fn = new MappingEngine(dir, JSON);
        real = new MappingEngine(MAPPINGS, JSON);
    }

    static void write(String name, String source) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, source, StandardCharsets.UTF_8);
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    /** Calls {@code fn/<name>} with {v: value} (plus extra members) and returns the "r" member, or null when absent. */
    static JsonNode call(String name, Object value, Object... extra) {
        Map<String, Object> input = new HashMap<>();
        input.put("v", value);
        for (int i = 0; i < extra.length; i += 2) {
            input.put((String) extra[i], extra[i + 1]);
        }
        return fn.map("fn/" + name, input).get("r");
    }

    static MappingException failure(String name, Object value, Object... extra) {
        return catchThrowableOfType(MappingException.class, () -> call(name, value, extra));
    }

    @Test
    void instantConvertsAnyOffsetToUtc() {
        assertThat(call("instant", "2026-11-23T08:01:10+07:00").textValue()).isEqualTo("2026-11-23T01:01:10Z");
        assertThat(call("instant", "2026-11-23T09:15:02.123+07:00").textValue()).isEqualTo("2026-11-23T02:15:02.123Z");
        assertThat(call("instant", "2026-11-23T01:01:10Z").textValue()).isEqualTo("2026-11-23T01:01:10Z");
        assertThat(call("instant", "2026-11-22T20:01:10-05:00").textValue()).isEqualTo("2026-11-23T01:01:10Z");
        assertThat(call("instant", "2026-11-23T08:01:10+0700").textValue()).isEqualTo("2026-11-23T01:01:10Z");
        assertThat(call("instant", "2026-11-23T08:01:10+07").textValue()).isEqualTo("2026-11-23T01:01:10Z");
        assertThat(call("instant", null)).as("no value stays absent").isNull();
        assertThat(call("instant", "")).as("empty stays absent").isNull();
    }

    @Test
    void instantRefusesWhatIsNotAnInstant() {
        MappingException e = failure("instant", "23/11/2026");
        assertThat(e.mapping()).isEqualTo("fn/instant");
        assertThat(e.field()).isEqualTo("r");
        assertThat(e.expression()).isEqualTo("$instant(v)");
        assertThat(e.rule()).contains("'23/11/2026'").contains("ISO-8601");
        assertThat(e.getMessage()).isEqualTo("mapping fn/instant, field r = $instant(v) (line 1): " + e.rule());
        assertThat(failure("instant", "2026-11-23T08:01:10").rule()).as("no offset: zone unknown").contains("with an offset");
        assertThat(failure("instant", "2026-02-30T08:01:10Z").rule()).contains("'2026-02-30T08:01:10Z'");
        assertThat(failure("instant", 1764000000000L).rule()).contains("expected an ISO-8601 date-time string");
    }

    @Test
    void date14IsVietnamTime() {
        assertThat(call("date14", "2026-11-23T01:01:10Z").textValue()).isEqualTo("20261123080110");
        assertThat(call("date14", "2026-11-23T23:30:00+07:00").textValue()).isEqualTo("20261123233000");
        assertThat(call("date14", "2026-12-31T17:00:00Z").textValue()).as("crosses midnight and year").isEqualTo("20270101000000");
        assertThat(call("date14", "2026-10-19T09:45:30.999Z").textValue()).as("fraction dropped, not rounded").isEqualTo("20261019164530");
        assertThat(call("date14", null).textValue()).isEmpty();
        assertThat(call("date14", "").textValue()).isEmpty();
        assertThat(failure("date14", "tomorrow").rule()).startsWith("$date14: 'tomorrow'");
    }

    @Test
    void strIsThePortalStringForm() {
        assertThat(call("str", null).textValue()).isEmpty();
        assertThat(call("str", "Hồ sơ").textValue()).isEqualTo("Hồ sơ");
        assertThat(call("str", 3).textValue()).isEqualTo("3");
        assertThat(call("str", 3.0).textValue()).isEqualTo("3");
        assertThat(call("str", 2.5).textValue()).isEqualTo("2.5");
        assertThat(call("str", 500000L).textValue()).isEqualTo("500000");
        assertThat(call("str", 1.0e7).textValue()).as("never scientific").isEqualTo("10000000");
        assertThat(call("str", 12345678901234L).textValue()).isEqualTo("12345678901234");
        assertThat(call("str", 0.1).textValue()).isEqualTo("0.1");
        assertThat(call("str", true).textValue()).isEqualTo("true");
        assertThat(call("str", false).textValue()).isEqualTo("false");
        assertThat(failure("str", Map.of("a", 1)).rule()).isEqualTo("$str: expected a single value, got an object");
        assertThat(failure("str", List.of(1, 2)).rule()).isEqualTo("$str: expected a single value, got an array of 2");
    }

    @Test
    void flagsAcceptOnlyBooleans() {
        assertThat(call("flag01", true).textValue()).isEqualTo("1");
        assertThat(call("flag01", false).textValue()).isEqualTo("0");
        assertThat(call("flag01", null).textValue()).isEqualTo("0");
        assertThat(call("tf", true).textValue()).isEqualTo("True");
        assertThat(call("tf", false).textValue()).isEqualTo("False");
        assertThat(call("tf", null).textValue()).isEqualTo("False");
        assertThat(failure("flag01", "yes").rule()).isEqualTo("$flag01: expected true or false, got 'yes'");
        assertThat(failure("tf", 1).rule()).isEqualTo("$tf: expected true or false, got 1 (number)");
    }

    @Test
    void codeLooksUpTheTablesAndNamesUnknownCodes() {
        assertThat(call("code", "3", "t", "province-status").textValue()).isEqualTo("4");
        assertThat(call("code", 3, "t", "province-status").textValue()).as("numeric ids as sent by some provinces").isEqualTo("4");
        assertThat(call("code", "10", "t", "emc-status").textValue()).isEqualTo("3");
        assertThat(call("code", null, "t", "province-status")).as("no key: absent, for the validator").isNull();
        MappingException e = failure("code", "99", "t", "province-status");
        assertThat(e.rule()).isEqualTo("province-status: unknown code '99' (not in mappings/codes/province-status.csv)");
        assertThat(e.field()).isEqualTo("r");
        assertThat(e.expression()).isEqualTo("$code(t, v)");
        assertThat(failure("code", "1", "t", "no-such-table").rule()).contains("unknown code table 'no-such-table'");
    }

    @Test
    void nationalMapsLocalCodesAndKeepsUnknownOnes() {
        assertThat(call("national", "2.000477.000.00.00.H56").textValue()).isEqualTo("2.000477");
        assertThat(call("national", "2.000477").textValue()).isEqualTo("2.000477");
        assertThat(call("national", "9.999999.000.00.00.H56").textValue()).as("unknown: unchanged, the validator reports it")
                .isEqualTo("9.999999.000.00.00.H56");
        assertThat(call("national", null)).isNull();
    }

    @Test
    void truncCountsCharactersNotBytes() {
        assertThat(call("trunc", "abcdef", "n", 3).textValue()).isEqualTo("abc");
        assertThat(call("trunc", "abc", "n", 50).textValue()).isEqualTo("abc");
        assertThat(call("trunc", "Nguyễn Văn A", "n", 6).textValue()).isEqualTo("Nguyễn");
        assertThat(call("trunc", "a\uD83D\uDE00b", "n", 2).textValue()).as("a surrogate pair is one character").isEqualTo("a\uD83D\uDE00");
        assertThat(call("trunc", null, "n", 3)).isNull();
        assertThat(failure("trunc", "abc", "n", -1).rule()).contains("non-negative integer");
    }

    @Test
    void errorsNameTheOutputFieldPathLineAndCall() {
        Map<String, Object> input = Map.of("items", List.of(Map.of("at", "2026-11-23T01:01:10Z"), Map.of("at", "not a date")));
        MappingException e = catchThrowableOfType(MappingException.class, () -> fn.map("fn/located", input));
        assertThat(e.mapping()).isEqualTo("fn/located");
        assertThat(e.field()).isEqualTo("outer.items[].when");
        assertThat(e.expression()).isEqualTo("$date14(at)");
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.getMessage()).isEqualTo("mapping fn/located, field outer.items[].when = $date14(at) (line 5): "
                + "$date14: 'not a date' is not an ISO-8601 date-time with an offset (e.g. 2026-11-23T08:01:10+07:00)");
    }

    @Test
    void realMappingsReportUnknownCodesWithTheirField() throws IOException {
        ObjectNode record = (ObjectNode) JSON.readTree(MAPPINGS.resolve("province/SAMPLE-dossier.json").toFile());
        ((ObjectNode) record.get("dossierStatus")).put("id", "42");
        MappingException e = catchThrowableOfType(MappingException.class, () -> real.map("province/dossier-to-canonical", record));
        assertThat(e.field()).isEqualTo("status");
        assertThat(e.expression()).isEqualTo("$code('province-status', dossierStatus.id)");
        assertThat(e.rule()).isEqualTo("province-status: unknown code '42' (not in mappings/codes/province-status.csv)");

        ObjectNode step = (ObjectNode) JSON.readTree(MAPPINGS.resolve("province/SAMPLE-dossier.json").toFile());
        ((ObjectNode) step.get("processes").get(1)).put("time", "23/11/2026 08:30");
        e = catchThrowableOfType(MappingException.class, () -> real.map("province/dossier-to-canonical", step));
        assertThat(e.field()).isEqualTo("progress[].at");
        assertThat(e.rule()).contains("'23/11/2026 08:30'");
    }

    @Test
    void aPartnerMessageWithMarkupInAnyOutputFieldIsRefusedNamingThatField() throws IOException {
        ObjectNode input = (ObjectNode) JSON.readTree(MAPPINGS.resolve("dvcqg/fixtures/dossier/online-in-progress.input.json").toFile());
        ((ObjectNode) input.get("dossier")).put("sectorName", "<script>alert(1)</script>");
        MappingException e = catchThrowableOfType(MappingException.class, () -> real.map("dvcqg/dossier", input));
        assertThat(e.mapping()).isEqualTo("dvcqg/dossier");
        assertThat(e.field()).isEqualTo("TenLinhVuc");
        assertThat(e.rule()).contains("markup");

        ObjectNode fee = (ObjectNode) JSON.readTree(MAPPINGS.resolve("dvcqg/fixtures/dossier/online-in-progress.input.json").toFile());
        ((ObjectNode) fee.get("dossier").withArray("fees").get(0)).put("name", "Phí \u202Eexe");
        assertThat(catchThrowableOfType(MappingException.class, () -> real.map("dvcqg/dossier", fee)).field())
                .isEqualTo("DanhSachLePhi[0].TenPhiLePhi");
        // the intake's own mappings are vetted by the validator instead, which names the canonical field
        ObjectNode record = (ObjectNode) JSON.readTree(MAPPINGS.resolve("province/SAMPLE-dossier.json").toFile());
        record.put("receivingPlace", "<b>x</b>");
        assertThat(real.mapForValidation("province/dossier-to-canonical", record).path("submissionPlace").asText()).isEqualTo("<b>x</b>");
    }

    @Test
    void portalSummaryIsCutAtOneThousandCharacters() throws IOException {
        ObjectNode input = (ObjectNode) JSON.readTree(MAPPINGS.resolve("dvcqg/fixtures/dossier/postal-minimal.input.json").toFile());
        ((ObjectNode) input.get("dossier")).put("summary", "Đề nghị ".repeat(200)); // 1 600 characters
        String summary = real.map("dvcqg/dossier", input).get("TrichYeuHoSo").textValue();
        assertThat(summary).hasSize(1000).isEqualTo("Đề nghị ".repeat(200).substring(0, 1000));
    }

    @Test
    void emcRefusesAStepWithoutStatus() throws IOException {
        ObjectNode input = (ObjectNode) JSON.readTree(MAPPINGS.resolve("emc/fixtures/tracking/online-received.input.json").toFile());
        ((ObjectNode) input.get("step")).remove("status");
        MappingException e = catchThrowableOfType(MappingException.class, () -> real.map("emc/tracking", input));
        assertThat(e.mapping()).isEqualTo("emc/tracking");
        assertThat(e.field()).isEqualTo("Status");
        assertThat(e.rule()).isEqualTo("step.status is missing: EMC needs the status of the transition");
    }

    @Test
    void otherFailuresNameTheMapping() {
        assertThatThrownBy(() -> fn.map("fn/nope", Map.of())).isInstanceOf(MappingException.class)
                .hasMessageContaining("fn/nope").hasMessageContaining("unknown mapping");
        assertThat(failure("arity", "x").rule()).isEqualTo("$str expects 1 argument(s), got 2");
        MappingException lib = failure("library-error", "abc");
        assertThat(lib.mapping()).isEqualTo("fn/library-error");
        assertThat(lib.getMessage()).startsWith("mapping fn/library-error");
    }

    @Test
    void aSyntaxErrorFailsConstructionWithFileAndLine(@TempDir Path broken) throws IOException {
        copyTree(MAPPINGS.resolve("codes"), broken.resolve("codes"));
        copyTree(MAPPINGS.resolve("catalogue"), broken.resolve("catalogue"));
        Files.createDirectories(broken.resolve("x"));
        Files.writeString(broken.resolve("x/bad.jsonata"), "{\n  \"a\": 1,\n  \"b\": (2\n}\n");
        MappingException e = catchThrowableOfType(MappingException.class, () -> new MappingEngine(broken, JSON));
        assertThat(e.mapping()).isEqualTo("x/bad");
        assertThat(e.line()).isBetween(3, 4);
        assertThat(e.rule()).startsWith("syntax error");
    }

    @Test
    void nullAndAbsentAreTheSameAndAbsentStaysAbsent() {
        ObjectNode input = JsonNodeFactory.instance.objectNode();
        input.putNull("v");
        assertThat(fn.map("fn/instant", input)).isEqualTo(JsonNodeFactory.instance.objectNode());
    }

    @Test
    void mappingsDoNotSeeEachOthersVariablesNorGrowTheirEnvironment(@TempDir Path own) throws IOException {
        // jsonata-java 0.9.9 (#93): the last Jsonata built on a thread is that thread's evaluation
        // scratch, and every evaluation writes its frame into the scratch's environment
        copyTree(MAPPINGS.resolve("codes"), own.resolve("codes"));
        copyTree(MAPPINGS.resolve("catalogue"), own.resolve("catalogue"));
        Files.createDirectories(own.resolve("a"));
        Files.writeString(own.resolve("a/writer.jsonata"), "( $secret := 'from writer'; { \"r\": $str($secret) } )");
        Files.writeString(own.resolve("a/zz-reader.jsonata"), "{ \"r\": $secret }"); // compiled last, on this thread
        MappingEngine engine = new MappingEngine(own, JSON);
        for (int i = 0; i < 2000; i++) {
            assertThat(engine.map("a/writer", Map.of()).get("r").textValue()).isEqualTo("from writer");
        }
        assertThat(engine.map("a/zz-reader", Map.of())).as("a variable of another mapping").isEqualTo(JsonNodeFactory.instance.objectNode());
        long t0 = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            engine.map("a/zz-reader", Map.of());
        }
        assertThat((System.nanoTime() - t0) / 2000 / 1000).as("us per trivial call (grows with every call when frames chain up)")
                .isLessThan(500);
    }

    @Test
    void everyScalarOfThePortalOutputsIsAString() throws IOException {
        int checked = 0;
        for (Path input : fixtureInputs("dvcqg")) {
            String mapping = "dvcqg/" + input.getParent().getFileName();
            JsonNode out = real.map(mapping, JSON.readTree(input.toFile()));
            assertThat(nonStringScalars("$", out)).as("%s %s", mapping, input.getFileName()).isEmpty();
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(6);
    }

    /** JSON paths of every scalar that is not a string (numbers, booleans, nulls). */
    static List<String> nonStringScalars(String path, JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.addAll(nonStringScalars(path + "." + e.getKey(), e.getValue())));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(nonStringScalars(path + "[" + i + "]", node.get(i)));
            }
        } else if (!node.isTextual()) {
            out.add(path + " = " + node);
        }
        return out;
    }

    static List<Path> fixtureInputs(String dir) throws IOException {
        try (Stream<Path> files = Files.walk(MAPPINGS.resolve(dir).resolve("fixtures"))) {
            return files.filter(p -> p.getFileName().toString().endsWith(".input.json")).sorted().toList();
        }
    }

    @Test
    void theSameMappingFromEightThreadsGivesTheSameResults() throws Exception {
        List<JsonNode> inputs = new ArrayList<>();
        for (Path p : fixtureInputs("dvcqg")) {
            if (p.getParent().getFileName().toString().equals("dossier")) {
                inputs.add(JSON.readTree(p.toFile()));
            }
        }
        List<JsonNode> expected = inputs.stream().map(i -> real.map("dvcqg/dossier", i)).toList();
        int threads = 8;
        int iterations = 300;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int wrong = 0;
                    for (int i = 0; i < iterations; i++) {
                        int k = (offset + i) % inputs.size(); // threads work on different dossiers at the same moment
                        if (!expected.get(k).equals(real.map("dvcqg/dossier", inputs.get(k)))) {
                            wrong++;
                        }
                        // and a second mapping on the same thread in between (jsonata-java #93)
                        real.map("dvcqg/progress", Map.of("dossier", Map.of("code", "X"), "steps", List.of()));
                    }
                    return wrong;
                }));
            }
            start.countDown();
            int wrong = 0;
            for (Future<Integer> f : results) {
                wrong += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(wrong).as("results that differ from the single-threaded ones").isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void timePerCall() throws IOException {
        // a rough figure for sizing (a backlog of hundreds of thousands of events per hour); no assertion.
        // The evaluator is deeply recursive and needs ~4 000 calls before C2 has compiled it.
        JsonNode sample = JSON.readTree(MAPPINGS.resolve("province/SAMPLE-dossier.json").toFile());
        vn.tthc.hub.dossier.Dossier dossier = JSON.treeToValue(real.map("province/dossier-to-canonical", sample),
                vn.tthc.hub.dossier.Dossier.class);
        Map<String, Object> inputs = new java.util.LinkedHashMap<>();
        inputs.put("province/dossier-to-canonical", sample);
        inputs.put("dvcqg/dossier", JSON.readTree(MAPPINGS.resolve("dvcqg/fixtures/dossier/finished-direct-with-results.input.json").toFile()));
        inputs.put("dvcqg/dossier (Dossier record)", Map.of("dossier", dossier, "partner", Map.of("madonvi", "000.00.06.H56")));
        inputs.put("dvcqg/progress", JSON.readTree(MAPPINGS.resolve("dvcqg/fixtures/progress/sample-three-steps.input.json").toFile()));
        inputs.put("emc/tracking", JSON.readTree(MAPPINGS.resolve("emc/fixtures/tracking/online-received.input.json").toFile()));
        for (Map.Entry<String, Object> e : inputs.entrySet()) {
            String mapping = e.getKey().replaceAll(" .*", "");
            for (int i = 0; i < 10_000; i++) {
                real.map(mapping, e.getValue());
            }
            int n = 10_000;
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                real.map(mapping, e.getValue());
            }
            double micros = (System.nanoTime() - t0) / 1000.0 / n;
            System.out.printf("TIMING %-34s %8.1f us/call (1 thread, after 10 000 warm-up calls)%n", e.getKey(), micros);
        }
    }
}
