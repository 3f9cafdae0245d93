package vn.tthc.hub.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads and writes the canonical dossier JSON strictly (no silent type coercion, no unknown
 * fields), and computes its content hash, which leaves out the revision and update time so that
 * a re-sent but unchanged dossier hashes the same.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfig(LogicalType.Integer, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail))
            .build();

    private CanonicalJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Converts mapped JSON into the model; every type problem of the tree becomes a field error,
     * all of them at once (not only the first).
     */
    public static Dossier fromTree(JsonNode tree) throws InvalidCanonicalException {
        Partial p = bindPartial(tree);
        if (!p.typeErrors().isEmpty()) {
            throw new InvalidCanonicalException(p.typeErrors());
        }
        return p.dossier();
    }

    /**
     * Binds what fits the model and names what does not: every field of the wrong type or unknown to
     * the model is reported, and left out of the bound dossier, so the remaining fields can still be
     * validated and every error of a body reported at once. {@code dossier} is null only when the tree
     * is not an object.
     */
    public static Partial bindPartial(JsonNode tree) {
        List<FieldError> errors = new ArrayList<>();
        if (tree == null || !tree.isObject()) {
            return new Partial(null, List.of(new FieldError("body", "type", "value has the wrong type, expected a dossier object")));
        }
        ObjectNode copy = ((ObjectNode) tree).deepCopy();
        checkObject(copy, Dossier.class, "", errors);
        try {
            return new Partial(MAPPER.treeToValue(copy, Dossier.class), List.copyOf(errors));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // the walk mirrors Jackson's rules; should they ever disagree, the binder's word is final
            errors.add(new FieldError("body", "format", "not a canonical dossier"));
            return new Partial(null, List.copyOf(errors));
        }
    }

    /** What {@link #bindPartial} could bind, and the fields it had to leave out. */
    public record Partial(Dossier dossier, List<FieldError> typeErrors) {
    }

    private static final Map<Class<?>, Map<String, RecordComponent>> COMPONENTS = new ConcurrentHashMap<>();

    /** Checks one object against a record type, removing what does not fit (so that binding the rest succeeds). */
    private static void checkObject(ObjectNode node, Class<?> type, String path, List<FieldError> errors) {
        Map<String, RecordComponent> components = COMPONENTS.computeIfAbsent(type, t -> {
            Map<String, RecordComponent> m = new LinkedHashMap<>();
            for (RecordComponent c : t.getRecordComponents()) {
                m.put(c.getName(), c);
            }
            return m;
        });
        List<String> remove = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            RecordComponent c = components.get(e.getKey());
            if (c == null) {
                errors.add(new FieldError(child, "unknown-field", "field is not part of the canonical dossier (check the mapping)"));
                remove.add(e.getKey());
            } else if (!fits(e.getValue(), c.getGenericType(), child, errors)) {
                remove.add(e.getKey());
            }
        }
        remove.forEach(node::remove);
    }

    /** Whether one value fits the declared type; list items and nested objects that do not fit are pruned. */
    private static boolean fits(JsonNode value, Type type, String path, List<FieldError> errors) {
        if (value == null || value.isNull()) {
            return true;
        }
        Class<?> raw = type instanceof ParameterizedType pt ? (Class<?>) pt.getRawType() : (Class<?>) type;
        if (List.class.isAssignableFrom(raw)) {
            if (!value.isArray()) {
                errors.add(new FieldError(path, "type", "value has the wrong type, expected a list"));
                return false;
            }
            Type item = ((ParameterizedType) type).getActualTypeArguments()[0];
            ArrayNode array = (ArrayNode) value;
            for (int i = 0; i < array.size(); i++) {
                if (!fits(array.get(i), item, path + "[" + i + "]", errors)) {
                    array.set(i, NullNode.getInstance());
                }
            }
            return true;
        }
        if (raw.isRecord()) {
            if (!value.isObject()) {
                errors.add(new FieldError(path, "type", "value has the wrong type, expected an object"));
                return false;
            }
            checkObject((ObjectNode) value, raw, path, errors);
            return true;
        }
        try {
            MAPPER.treeToValue(value, raw);
            return true;
        } catch (InvalidFormatException e) {
            errors.add(new FieldError(path, "type", "value has the wrong format for " + raw.getSimpleName()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            errors.add(new FieldError(path, "type", "value has the wrong type, expected " + raw.getSimpleName()));
        }
        return false;
    }

    public static Dossier fromJson(String json) {
        try {
            return MAPPER.readValue(json, Dossier.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored canonical dossier is unreadable", e);
        }
    }

    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode toTree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** SHA-256 of the dossier's content without {@code version} and {@code updatedAt}. */
    public static String contentHash(Dossier d) {
        ObjectNode tree = MAPPER.valueToTree(d);
        tree.remove("version");
        tree.remove("updatedAt");
        return sha256(tree.toString());
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The mapped JSON does not fit the canonical model. */
    public static final class InvalidCanonicalException extends Exception {
        private final List<FieldError> errors;

        public InvalidCanonicalException(List<FieldError> errors) {
            super(errors.toString());
            this.errors = errors;
        }

        public List<FieldError> errors() {
            return errors;
        }
    }
}
