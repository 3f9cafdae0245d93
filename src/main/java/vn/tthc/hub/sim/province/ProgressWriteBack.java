package vn.tthc.hub.sim.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import vn.tthc.hub.sim.common.SimJson;

/**
 * A validated write-back of progress and results for one dossier (what the hub sends for
 * dossiers processed on a ministry system); {@link #parse} names the first bad field.
 *
 * @param steps   progress steps, in the order received
 * @param status  the portal status (1–10) the dossier now has, or {@code null} to leave it
 * @param results result documents to attach (each {@code {id?, name, componentCode?, url, resultCode?}})
 * @param source  who processed the dossier, e.g. {@code ministry-G06}
 */
public record ProgressWriteBack(List<Step> steps, Integer status, List<ObjectNode> results, String source) {

    public static final int MAX_STEPS = 200;
    public static final int MAX_RESULTS = 20;
    /** Clock skew tolerated for step times in the future. */
    public static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    /**
     * One progress step.
     *
     * @param time   when it happened
     * @param status the portal status (1–10) it led to
     * @param hash   SHA-256 of the step's canonical content (time normalised to the instant)
     */
    public record Step(Instant time, String actor, String position, String department, String content, int status,
                       String hash) {
    }

    /**
     * Validates a parsed body.
     *
     * @throws ProvinceApiException 400 naming the first bad field
     */
    public static ProgressWriteBack parse(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw ProvinceApiException.invalid("body", "a JSON object is expected");
        }
        String source = text(body, "source", "source", true, 64);
        JsonNode stepsNode = body.get("steps");
        if (stepsNode == null || stepsNode.isNull()) {
            throw ProvinceApiException.invalid("steps", "is required");
        }
        if (!stepsNode.isArray()) {
            throw ProvinceApiException.invalid("steps", "must be an array");
        }
        if (stepsNode.isEmpty()) {
            throw ProvinceApiException.invalid("steps", "must contain at least one step");
        }
        if (stepsNode.size() > MAX_STEPS) {
            throw ProvinceApiException.invalid("steps", "at most " + MAX_STEPS + " steps per request");
        }
        List<Step> steps = new ArrayList<>(stepsNode.size());
        for (int i = 0; i < stepsNode.size(); i++) {
            steps.add(step(stepsNode.get(i), "steps[" + i + "]", now));
        }
        Integer status = null;
        JsonNode statusNode = body.get("status");
        if (statusNode != null && !statusNode.isNull()) {
            status = portalStatus(statusNode, "status");
        }
        List<ObjectNode> results = new ArrayList<>();
        JsonNode resultsNode = body.get("results");
        if (resultsNode != null && !resultsNode.isNull()) {
            if (!resultsNode.isArray()) {
                throw ProvinceApiException.invalid("results", "must be an array");
            }
            if (resultsNode.size() > MAX_RESULTS) {
                throw ProvinceApiException.invalid("results", "at most " + MAX_RESULTS + " results per request");
            }
            for (int i = 0; i < resultsNode.size(); i++) {
                results.add(result(resultsNode.get(i), "results[" + i + "]"));
            }
        }
        return new ProgressWriteBack(List.copyOf(steps), status, List.copyOf(results), source);
    }

    private static Step step(JsonNode n, String path, Instant now) {
        if (n == null || !n.isObject()) {
            throw ProvinceApiException.invalid(path, "must be an object");
        }
        String timeText = text(n, "time", path + ".time", true, 40);
        Instant time;
        try {
            time = ProvinceDates.parseOffset(timeText);
        } catch (DateTimeParseException e) {
            throw ProvinceApiException.invalid(path + ".time", "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T08:30:00+07:00");
        }
        if (time.isAfter(now.plus(FUTURE_TOLERANCE))) {
            throw ProvinceApiException.invalid(path + ".time", "must not be in the future");
        }
        String actor = text(n, "actor", path + ".actor", true, 100);
        String position = text(n, "position", path + ".position", false, 100);
        String department = text(n, "department", path + ".department", false, 200);
        String content = text(n, "content", path + ".content", true, 2000);
        JsonNode statusNode = n.get("status");
        if (statusNode == null || statusNode.isNull()) {
            throw ProvinceApiException.invalid(path + ".status", "is required");
        }
        int status = portalStatus(statusNode, path + ".status");
        ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("time", time.toString());
        canonical.put("actor", actor);
        canonical.put("position", position);
        canonical.put("department", department);
        canonical.put("content", content);
        canonical.put("status", status);
        return new Step(time, actor, position, department, content, status, SimJson.canonicalHash(canonical));
    }

    private static ObjectNode result(JsonNode n, String path) {
        if (n == null || !n.isObject()) {
            throw ProvinceApiException.invalid(path, "must be an object");
        }
        String id = text(n, "id", path + ".id", false, 100);
        String name = text(n, "name", path + ".name", true, 500);
        String componentCode = text(n, "componentCode", path + ".componentCode", false, 50);
        String url = text(n, "url", path + ".url", true, 1000);
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            throw ProvinceApiException.invalid(path + ".url", "must be an http(s) URL (files are never inlined)");
        }
        String resultCode = text(n, "resultCode", path + ".resultCode", false, 100);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("id", id);
        out.put("name", name);
        out.put("componentCode", componentCode);
        out.put("url", url);
        out.put("resultCode", resultCode);
        return out;
    }

    private static int portalStatus(JsonNode n, String field) {
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 1 || n.asInt() > 10) {
            throw ProvinceApiException.invalid(field, "must be an integer from 1 to 10 (portal status)");
        }
        return n.asInt();
    }

    private static String text(JsonNode parent, String name, String field, boolean required, int maxLength) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                throw ProvinceApiException.invalid(field, "is required");
            }
            return null;
        }
        if (!n.isTextual()) {
            throw ProvinceApiException.invalid(field, "must be a string");
        }
        String s = n.asText();
        if (required && s.isBlank()) {
            throw ProvinceApiException.invalid(field, "must not be blank");
        }
        if (s.length() > maxLength) {
            throw ProvinceApiException.invalid(field, "must be at most " + maxLength + " characters");
        }
        return s;
    }
}
