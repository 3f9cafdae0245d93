package vn.tthc.hub.sync;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import vn.tthc.hub.dossier.FieldError;

/**
 * Reads an inbound JSON body strictly: one value and nothing after it, no key twice in an object,
 * and no number that would silently change on its way through the hub (mappings compute in IEEE
 * doubles: integers beyond ±2^53, decimals with more digits than a double keeps, and overflowing
 * exponents are refused). Every error says where (line and column); all imprecise numbers of a
 * body are named at once.
 */
public final class StrictJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();
    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final BigInteger MAX_SAFE = BigInteger.valueOf(9_007_199_254_740_991L);

    private StrictJson() {
    }

    /** The body's tree, or the reasons it is refused (each with line and column). */
    public static Parsed read(String text) {
        List<FieldError> errors = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return Parsed.refused(List.of(new FieldError("body", "json", "body is empty, a JSON object is expected")));
            }
            int depth = 0;
            do {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                    depth++;
                } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    depth--;
                } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    String problem = precisionProblem(p, t);
                    if (problem != null) {
                        errors.add(new FieldError(path(p), "number", problem + where(p.currentTokenLocation())));
                    }
                }
                if (depth == 0) {
                    break;
                }
                t = p.nextToken();
            } while (t != null);
            JsonLocation end = p.currentLocation();
            boolean trailing;
            try {
                trailing = p.nextToken() != null;
            } catch (JsonProcessingException e) {
                trailing = true; // not even a token: still content after the value
            }
            if (trailing) {
                return Parsed.refused(List.of(new FieldError("body", "json",
                        "body is not valid JSON: content after the end of the value" + where(end))));
            }
        } catch (StreamConstraintsException e) {
            return Parsed.refused(List.of(new FieldError("body", "json", "body is not valid JSON: " + e.getOriginalMessage()
                    + where(e.getLocation()))));
        } catch (JsonProcessingException e) {
            String what = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a key appears twice in one object (" + e.getOriginalMessage().replaceAll("^Duplicate field ", "") + ")"
                    : "syntax error";
            String rule = what.startsWith("a key") ? "duplicate-key" : "json";
            return Parsed.refused(List.of(new FieldError("body", rule, "body is not valid JSON: " + what + where(e.getLocation()))));
        } catch (IOException e) {
            return Parsed.refused(List.of(new FieldError("body", "json", "body is not valid JSON")));
        }
        if (!errors.isEmpty()) {
            return Parsed.refused(errors);
        }
        try {
            return new Parsed(MAPPER.readTree(text), List.of());
        } catch (JsonProcessingException e) {
            // the streaming pass accepted it, so this is unexpected; still a clear refusal
            return Parsed.refused(List.of(new FieldError("body", "json", "body is not valid JSON" + where(e.getLocation()))));
        }
    }

    private static String precisionProblem(JsonParser p, JsonToken t) throws IOException {
        if (t == JsonToken.VALUE_NUMBER_INT) {
            BigInteger v = p.getBigIntegerValue();
            return v.abs().compareTo(MAX_SAFE) > 0 ? "integer " + abbreviate(p.getText()) + " is beyond ±2^53 and would lose precision" : null;
        }
        BigDecimal v = p.getDecimalValue();
        double d = v.doubleValue();
        if (Double.isInfinite(d) || (d == 0 && v.signum() != 0)) {
            return "number " + abbreviate(p.getText()) + " is out of range";
        }
        return new BigDecimal(Double.toString(d)).compareTo(v) != 0
                ? "number " + abbreviate(p.getText()) + " has more digits than can be kept exactly" : null;
    }

    /** The value's path in the hub's notation ({@code fees[0].amount}). */
    private static String path(JsonParser p) {
        StringBuilder sb = new StringBuilder();
        for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            sb.insert(0, c.inArray() ? "[" + c.getCurrentIndex() + "]" : "." + c.getCurrentName());
        }
        String path = sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
        return path.isEmpty() ? "body" : path;
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "…";
    }

    private static String where(JsonLocation l) {
        return l == null ? "" : " at line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    /** A parsed body, or why it is refused. */
    public record Parsed(JsonNode tree, List<FieldError> errors) {
        static Parsed refused(List<FieldError> errors) {
            return new Parsed(null, errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }
}
