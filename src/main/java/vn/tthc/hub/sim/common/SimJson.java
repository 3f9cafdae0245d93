package vn.tthc.hub.sim.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Jackson helpers shared by the simulators: strict parsing, canonical (sorted-key) JSON and its hash. */
public final class SimJson {

    /** One shared, thread-safe mapper; numbers stay exact (BigDecimal) and duplicate keys are refused. */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private SimJson() {
    }

    /**
     * Parses a JSON text.
     *
     * @throws IllegalArgumentException when the text is not one well-formed JSON value
     */
    public static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty body");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new IllegalArgumentException("empty body");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Parses a JSON object into a map (for control endpoints); anything else is refused. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        JsonNode node = parse(text);
        if (!node.isObject()) {
            throw new IllegalArgumentException("a JSON object is expected");
        }
        return MAPPER.convertValue(node, Map.class);
    }

    /** Serializes a value as compact JSON. */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getName(), e);
        }
    }

    /** The canonical JSON of a node: compact, object keys sorted at every level, arrays in order. */
    public static String canonical(JsonNode node) {
        return write(sorted(node));
    }

    /** SHA-256 hex of {@link #canonical(JsonNode)}: equal contents give equal hashes whatever the key order. */
    public static String canonicalHash(JsonNode node) {
        return SimHashes.sha256Hex(canonical(node));
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            Collections.sort(names);
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (String name : names) {
                out.set(name, sorted(node.get(name)));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            for (JsonNode child : node) {
                out.add(sorted(child));
            }
            return out;
        }
        return node;
    }
}
