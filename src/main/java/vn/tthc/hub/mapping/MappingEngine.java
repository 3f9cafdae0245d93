package vn.tthc.hub.mapping;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import vn.tthc.hub.catalogue.ProcedureCatalogue;
import vn.tthc.hub.dossier.TextRules;

/**
 * Applies the JSONata mappings of {@code mappings/<dir>/<name>.jsonata} (with the hub's functions
 * registered) and the XSLT 3.0 mappings of {@code mappings/<dir>/<name>.xsl}, and reports failures as
 * {@link MappingException} naming the mapping, field path or line, and rule.
 */
public final class MappingEngine {
    // Every mapping is read and compiled at construction: a broken file fails start-up, not the
    // first dossier.
    //
    // Input conventions: the input is converted with a copy of the caller's ObjectMapper to plain
    // Maps/Lists/Strings/Numbers/Booleans, Instants as ISO-8601 strings; JSON null members are
    // dropped, so "null" and "absent" are the same to a mapping and absent values stay absent in the
    // output instead of becoming null or "null".
    //
    // Thread safety: a dashjoin Jsonata object (0.9.9) must not be shared between threads.
    // evaluate(input) binds $ in the expression's shared environment (8 threads over one instance
    // gave tens of thousands of wrong $$ results out of 160 000 in a probe), and evaluation keeps
    // scratch state in a static per-thread slot that holds the thread's newest Jsonata object
    // (jsonata-java issues #90, #93; fixed only after 0.9.9). So each mapping keeps a pool of
    // compiled copies: a call borrows one for its exclusive use and evaluates it with a fresh frame;
    // a pool, not a ThreadLocal, so virtual threads do not re-compile on every call. After each
    // compile a throwaway expression is built so that no pooled copy is ever a thread's scratch.
    // Consequences: do not use $eval, $now or $millis in mappings (0.9.9 reads them from the
    // scratch; mappings must be deterministic for the golden fixtures anyway), and other code should
    // not build and evaluate its own Jsonata objects on the hub's threads (our evaluations would
    // write into them through the same bug): use this engine.

    private static final String EXTENSION = ".jsonata";
    /** Source of the throwaway expression that becomes the thread's evaluation scratch (see {@code compile}). */
    private static final String SCRATCH = "$";
    /** Idle compiled copies kept per mapping; more are compiled under load and dropped afterwards. */
    private static final int MAX_IDLE = Math.max(16, 4 * Runtime.getRuntime().availableProcessors());

    private final Path mappingsDir;
    private final ObjectMapper objectMapper;
    private final MappingFunctions functions;
    private final Map<String, CompiledMapping> mappings;
    private final XsltMappings xslts;

    /** Loads code tables from {@code <mappingsDir>/codes}, the catalogue from {@code <mappingsDir>/catalogue/procedures.csv}. */
    public MappingEngine(Path mappingsDir, ObjectMapper objectMapper) {
        this(mappingsDir, objectMapper, CodeTables.load(mappingsDir.resolve("codes")),
                ProcedureCatalogue.load(mappingsDir.resolve("catalogue").resolve("procedures.csv")));
    }

    /** For callers that already hold the code tables and the catalogue (one copy per application). */
    public MappingEngine(Path mappingsDir, ObjectMapper objectMapper, CodeTables codeTables, ProcedureCatalogue catalogue) {
        this(mappingsDir, objectMapper, codeTables, () -> catalogue);
    }

    /** For an application whose catalogue may be replaced while it runs: {@code catalogue} is asked at every use. */
    public MappingEngine(Path mappingsDir, ObjectMapper objectMapper, CodeTables codeTables,
                         java.util.function.Supplier<ProcedureCatalogue> catalogue) {
        this.mappingsDir = mappingsDir;
        // a private copy: ISO strings for java.time regardless of how the caller's mapper is configured
        this.objectMapper = objectMapper.copy()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        this.functions = new MappingFunctions(codeTables, catalogue);
        this.mappings = loadAll(mappingsDir);
        this.xslts = new XsltMappings(mappingsDir);
    }

    private Map<String, CompiledMapping> loadAll(Path dir) {
        Map<String, CompiledMapping> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(p -> p.getFileName().toString().endsWith(EXTENSION)).sorted().toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                String name = relative.substring(0, relative.length() - EXTENSION.length());
                String source = Files.readString(file, StandardCharsets.UTF_8);
                CompiledMapping mapping = new CompiledMapping(name, source);
                mapping.release(mapping.compile()); // compile now: a syntax error fails here, with file and line
                found.put(name, mapping);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mappings under " + dir, e);
        }
        return Map.copyOf(found);
    }

    /** Names of all mappings, JSONata and XSLT, e.g. {@code dvcqg/dossier}, {@code ministry-xml/item-to-xml}. */
    public Set<String> mappingNames() {
        Set<String> names = new java.util.TreeSet<>(mappings.keySet());
        names.addAll(xslts.names());
        return names;
    }

    /** True when {@code mappingName} is an XSLT mapping ({@code .xsl}), used with {@link #toXml}/{@link #fromXml}. */
    public boolean isXslt(String mappingName) {
        return xslts.has(mappingName);
    }

    /**
     * JSON → XML with {@code mappings/<mappingName>.xsl}: the stylesheet starts at the named template
     * {@code main} and gets the input's JSON text as the string parameter {@code json}.
     *
     * @param params further stylesheet parameters (xs:string); may be null
     * @return the serialized XML (UTF-8 declared, indentation as the stylesheet says)
     * @throws MappingException naming the mapping and, where Saxon knows it, the stylesheet line
     */
    public String toXml(String mappingName, JsonNode input, Map<String, String> params) {
        String json;
        try {
            json = objectMapper.writeValueAsString(input);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MappingException(mappingName, "input cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        return xslts.toXml(mappingName, json, params);
    }

    /**
     * XML → JSON with {@code mappings/<mappingName>.xsl}: the document is parsed with DOCTYPEs refused
     * (no DTD, no entities), the stylesheet is applied to it and its text output is parsed as JSON.
     *
     * @param params stylesheet parameters (xs:string); may be null
     * @throws MappingException for unacceptable XML, a stylesheet error, or output that is not JSON
     */
    public JsonNode fromXml(String mappingName, String xml, Map<String, String> params) {
        String json = xslts.fromXml(mappingName, xml, params);
        try {
            JsonNode result = objectMapper.readTree(json);
            if (result == null || result.isMissingNode()) {
                throw new MappingException(mappingName, "the stylesheet produced no JSON output");
            }
            return result;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MappingException(mappingName, "the stylesheet output is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public Path mappingsDir() {
        return mappingsDir;
    }

    /**
     * Maps the input with {@code mappings/<mappingName>.jsonata}.
     *
     * @param mappingName e.g. {@code "dvcqg/dossier"}
     * @param input       a record, Map, JsonNode … anything the ObjectMapper can serialize (a String is a
     *                    JSON string value, not JSON text: parse a request body to a JsonNode first)
     * @return the result; {@link NullNode} when the expression yields nothing
     * @throws MappingException naming the mapping and, for a bad value, the field path and rule; also when
     *                          any string of the result holds markup, script or control characters
     *                          ({@link TextRules}): nothing unsafe leaves the hub through a mapping
     */
    public JsonNode map(String mappingName, Object input) {
        return map(mappingName, input, true);
    }

    /**
     * Maps without vetting the result's strings, for a caller that validates every string of the
     * result itself: the intake, whose validator names the canonical field and reports every error
     * of a record at once.
     */
    public JsonNode mapForValidation(String mappingName, Object input) {
        return map(mappingName, input, false);
    }

    private JsonNode map(String mappingName, Object input, boolean vetted) {
        CompiledMapping mapping = mappings.get(mappingName);
        if (mapping == null) {
            throw new MappingException(mappingName, "unknown mapping (no " + mappingsDir.resolve(mappingName + EXTENSION)
                    + "); known: " + mappings.keySet());
        }
        Object plain;
        try {
            JsonNode tree = input instanceof JsonNode node ? node : objectMapper.valueToTree(input);
            plain = toPlain(tree);
        } catch (IllegalArgumentException e) {
            throw new MappingException(mappingName, "input cannot be converted to JSON: " + e.getMessage(), e);
        }
        Jsonata expression = mapping.borrow();
        try {
            // a fresh frame per call: nothing of this input stays reachable from the pooled copy
            Object result = expression.evaluate(plain, expression.createFrame());
            return toJson(mappingName, result, vetted ? "" : null);
        } catch (JException e) {
            throw mapping.located(e);
        } catch (MappingException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            // e.g. NumberFormatException from $number('abc'): the library gives no position for those
            throw new MappingException(mappingName, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } finally {
            mapping.release(expression);
        }
    }

    /** One mapping file: its source and a pool of compiled copies, each used by one thread at a time. */
    private final class CompiledMapping {
        final String name;
        final String source;
        final ConcurrentLinkedQueue<Jsonata> idle = new ConcurrentLinkedQueue<>();
        final AtomicInteger idleCount = new AtomicInteger();

        CompiledMapping(String name, String source) {
            this.name = name;
            this.source = source;
        }

        Jsonata compile() {
            Jsonata expression;
            try {
                expression = Jsonata.jsonata(source);
            } catch (JException e) {
                ExpressionLocator.Location at = ExpressionLocator.locate(source, e.getLocation());
                throw new MappingException(name, null, null, at.line(),
                        "syntax error at column " + at.column() + ": " + e.getMessage(), e);
            }
            // 0.9.9 makes the newest Jsonata of a thread that thread's evaluation scratch, and every
            // evaluation then overwrites the scratch's environment with its own frame: the expression
            // would see other mappings' variables and its frame chain would grow with every call
            // (measured: 2.5 ms → 9 ms per call within 1 600 calls). A throwaway instance takes that
            // role instead, so pooled expressions are never anyone's scratch.
            Jsonata.jsonata(SCRATCH);
            // our converter only produces Map/List/String/Number/Boolean, so the library's input walk is redundant
            expression.setValidateInput(false);
            functions.registerOn(expression);
            return expression;
        }

        Jsonata borrow() {
            Jsonata expression = idle.poll();
            if (expression == null) {
                return compile();
            }
            idleCount.decrementAndGet();
            return expression;
        }

        void release(Jsonata expression) {
            if (idleCount.incrementAndGet() <= MAX_IDLE) {
                idle.offer(expression);
            } else {
                idleCount.decrementAndGet();
            }
        }

        MappingException located(JException e) {
            ExpressionLocator.Location at = ExpressionLocator.locate(source, e.getLocation());
            return new MappingException(name, at.field(), at.expression(), at.line(), e.getMessage(), e);
        }
    }

    /** JSON tree → the plain Java values the evaluator expects; null members dropped (absent = null). */
    static Object toPlain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isNull() && !e.getValue().isMissingNode()) {
                    map.put(e.getKey(), toPlain(e.getValue()));
                }
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode item : node) {
                list.add(item.isNull() ? Jsonata.NULL_VALUE : toPlain(item));
            }
            return list;
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isInt()) {
            return node.intValue();
        }
        if (node.isLong() || (node.isBigInteger() && node.bigIntegerValue().bitLength() < 64)) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBinary()) {
            return node.asText(); // base64, as Jackson writes it
        }
        return node.asText();
    }

    /** Evaluator result → JSON; integral numbers become int/long nodes so 3 never turns into 3.0 on the wire. */
    /** Converts a JSONata result to JSON; with a {@code path} (not null), every string is vetted by {@link TextRules}. */
    private static JsonNode toJson(String mappingName, Object value, String path) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value == null || value == Jsonata.NULL_VALUE) {
            return NullNode.getInstance();
        }
        if (value instanceof Map<?, ?> map) {
            ObjectNode object = f.objectNode();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() != null) { // undefined member: JSONata omits it, so do we
                    String key = String.valueOf(e.getKey());
                    object.set(key, toJson(mappingName, e.getValue(), path == null ? null : path.isEmpty() ? key : path + "." + key));
                }
            }
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = f.arrayNode(list.size());
            for (Object item : list) {
                array.add(toJson(mappingName, item, path == null ? null : path + "[" + array.size() + "]"));
            }
            return array;
        }
        if (value instanceof String s) {
            if (path != null && TextRules.unsafe(s)) {
                throw new MappingException(mappingName, path.isEmpty() ? "body" : path, null, 0,
                        TextRules.safety(path, s).get(0).message(), null);
            }
            return f.textNode(s);
        }
        if (value instanceof Boolean b) {
            return f.booleanNode(b);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return f.numberNode(((Number) value).intValue());
        }
        if (value instanceof Long l) {
            return l == l.intValue() ? f.numberNode(l.intValue()) : f.numberNode(l);
        }
        if (value instanceof BigInteger bi) {
            return bi.bitLength() < 32 ? f.numberNode(bi.intValue()) : bi.bitLength() < 64 ? f.numberNode(bi.longValue()) : f.numberNode(bi);
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new MappingException(mappingName, "result contains " + d + ", which JSON cannot carry");
            }
            if (d == Math.rint(d) && Math.abs(d) < 9.007199254740992E15) {
                long l = (long) d;
                return l == (int) l ? f.numberNode((int) l) : f.numberNode(l);
            }
            return n instanceof BigDecimal bd ? f.numberNode(bd) : f.numberNode(d);
        }
        throw new MappingException(mappingName, "result contains a function or unsupported value ("
                + value.getClass().getSimpleName() + "); a mapping must produce JSON");
    }
}
