package vn.tthc.hub.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.tthc.hub.dossier.Pii;

/**
 * Masks a canonical dossier body ({@link vn.tthc.hub.dossier.Dossier}) for display: the applicant's personal fields
 * by their meaning — identity and phone/fax numbers to their last 3 digits, the name to initials plus the given name,
 * the address to its last part (the province), the e-mail to its domain — and every other text through
 * {@link Pii#maskText} (a CCCD or phone number typed into a summary or a note). The body is copied, never changed.
 */
public final class DossierPayloadMask {
    private DossierPayloadMask() {
    }

    public static JsonNode mask(JsonNode body) {
        JsonNode copy = body.deepCopy();
        JsonNode applicant = copy.path("applicant");
        if (applicant instanceof ObjectNode a) {
            maskField(a, "idNumber", Pii::maskNumber);
            maskField(a, "phone", Pii::maskNumber);
            maskField(a, "fax", Pii::maskNumber);
            maskField(a, "name", Pii::maskName);
            maskField(a, "address", DossierPayloadMask::maskAddress);
            maskField(a, "email", DossierPayloadMask::maskEmail);
            if (a.path("identifiers") instanceof ArrayNode ids) {
                for (JsonNode id : ids) {
                    if (id instanceof ObjectNode o) {
                        maskField(o, "number", Pii::maskNumber);
                    }
                }
            }
        }
        return maskTexts(copy);
    }

    /** Only the last part of an address (after its last comma: the province) stays. */
    static String maskAddress(String address) {
        int comma = address.lastIndexOf(',');
        return comma < 0 ? "***" : "***," + address.substring(comma + 1);
    }

    /** Only the domain of an e-mail address stays. */
    static String maskEmail(String email) {
        int at = email.lastIndexOf('@');
        return at < 0 ? "***" : "***" + email.substring(at);
    }

    private static void maskField(ObjectNode o, String field, java.util.function.UnaryOperator<String> mask) {
        JsonNode v = o.get(field);
        if (v != null && v.isTextual() && !v.asText().isEmpty()) {
            o.put(field, mask.apply(v.asText()));
        }
    }

    private static JsonNode maskTexts(JsonNode node) {
        if (node instanceof ObjectNode o) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            o.fields().forEachRemaining(fields::add);
            for (Map.Entry<String, JsonNode> e : fields) {
                o.set(e.getKey(), maskTexts(e.getValue()));
            }
            return o;
        }
        if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                a.set(i, maskTexts(a.get(i)));
            }
            return a;
        }
        if (node.isTextual()) {
            String masked = Pii.maskText(node.asText());
            return masked.equals(node.asText()) ? node : TextNode.valueOf(masked);
        }
        return node;
    }
}
