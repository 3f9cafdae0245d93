package vn.tthc.hub.dossier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

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

    /** Converts mapped JSON into the model; type problems become field errors. */
    public static Dossier fromTree(JsonNode tree) throws InvalidCanonicalException {
        try {
            return MAPPER.treeToValue(tree, Dossier.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidCanonicalException(List.of(new FieldError(path(e), "unknown-field",
                    "field is not part of the canonical dossier (check the mapping)")));
        } catch (InvalidFormatException e) {
            throw new InvalidCanonicalException(List.of(new FieldError(path(e), "type",
                    "value has the wrong format for " + e.getTargetType().getSimpleName())));
        } catch (MismatchedInputException e) {
            String type = e.getTargetType() == null ? "the field" : e.getTargetType().getSimpleName();
            throw new InvalidCanonicalException(List.of(new FieldError(path(e), "type", "value has the wrong type, expected " + type)));
        } catch (JsonProcessingException e) {
            throw new InvalidCanonicalException(List.of(new FieldError("body", "format", "not a canonical dossier")));
        }
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

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return p.startsWith(".") ? p.substring(1) : (p.isEmpty() ? "body" : p);
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
