package vn.tthc.hub.sim.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A drift request of a simulator's {@code _control/drift}: exactly one kind with its count ({@code {"drop":N}},
 * {@code {"stale":N}}, {@code {"hidden":N}}, {@code {"staleWriteBack":N}}) and, optionally, {@code "among":[codes]} to
 * limit the candidates (tests of a shared hub drift only their own dossiers).
 *
 * @param among null: every dossier the simulator holds
 */
public record SimDrift(String kind, int count, Set<String> among) {

    /** @throws IllegalArgumentException naming the bad field */
    public static SimDrift parse(String body, Set<String> kinds) {
        JsonNode req;
        try {
            req = SimJson.parse(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("body: not JSON");
        }
        if (req == null || !req.isObject()) {
            throw new IllegalArgumentException("body: a JSON object is expected");
        }
        String kind = null;
        int count = 0;
        Set<String> among = null;
        Iterator<String> names = req.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            JsonNode v = req.get(name);
            if (name.equals("among")) {
                if (!v.isArray()) {
                    throw new IllegalArgumentException("among: must be an array of dossier codes");
                }
                among = new LinkedHashSet<>();
                for (JsonNode c : v) {
                    among.add(c.asText());
                }
            } else if (kinds.contains(name)) {
                if (kind != null) {
                    throw new IllegalArgumentException(name + ": one drift kind per request");
                }
                if (!v.isIntegralNumber() || v.asLong() < 0 || v.asLong() > 1_000_000) {
                    throw new IllegalArgumentException(name + ": must be an integer between 0 and 1000000");
                }
                kind = name;
                count = v.asInt();
            } else {
                throw new IllegalArgumentException(name + ": unknown field (known: " + kinds + ", among)");
            }
        }
        if (kind == null) {
            throw new IllegalArgumentException("body: one of " + kinds + " is required");
        }
        return new SimDrift(kind, count, among);
    }
}
