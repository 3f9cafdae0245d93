package vn.tthc.hub.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Lists the differences between two JSON trees as "$.path: expected … but was …" lines, for readable test failures. */
final class JsonDiff {
    private JsonDiff() {
    }

    static List<String> diff(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        walk("$", expected, actual, out);
        return out;
    }

    private static void walk(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String p = path + "." + name;
                if (!actual.has(name)) {
                    out.add(p + ": missing (expected " + expected.get(name) + ")");
                } else if (!expected.has(name)) {
                    out.add(p + ": unexpected " + actual.get(name));
                } else {
                    walk(p, expected.get(name), actual.get(name), out);
                }
            }
        } else if (expected.isArray() && actual.isArray()) {
            Iterator<JsonNode> e = expected.elements();
            Iterator<JsonNode> a = actual.elements();
            int i = 0;
            while (e.hasNext() || a.hasNext()) {
                String p = path + "[" + i++ + "]";
                if (!a.hasNext()) {
                    out.add(p + ": missing (expected " + e.next() + ")");
                } else if (!e.hasNext()) {
                    out.add(p + ": unexpected " + a.next());
                } else {
                    walk(p, e.next(), a.next(), out);
                }
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + " (" + expected.getNodeType() + ") but was " + actual
                    + " (" + actual.getNodeType() + ")");
        }
    }
}
