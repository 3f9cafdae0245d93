package vn.tthc.hub.sim.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sim.common.SimJson;

/** Test and benchmark control of the province simulator: generate, advance, mutate, counters, knobs, history, reset. */
@RestController
public class ProvinceControlController extends ProvinceControllerSupport {

    public static final int MAX_GENERATE = 200_000;
    public static final int MAX_AGE_DAYS = 3660;
    private static final String BASE = "/sim/province/_control";
    static final String HIDDEN = "hidden";
    static final String STALE_WRITE_BACK = "staleWriteBack";

    public ProvinceControlController(ProvinceSimulator sim) {
        super(sim);
    }

    /**
     * {@code {"count":N,"seed":S,"procedures":"province","ageDays":D,"minAgeDays":M}} → {@code {"codes":[…]}};
     * {@code procedures} is {@code province} (default: handled by the province today), {@code ministry}
     * (handled by a ministry system today, by catalogue/routing.csv) or {@code all}; back-dated dossiers
     * ({@code ageDays} > 0) are submitted over the last D days, or with {@code minAgeDays} between D and M
     * days ago (0 ≤ M < D: a bulk of old dossiers that no incremental pull reads, for the back-fill benchmark).
     */
    @PostMapping(BASE + "/generate")
    public Map<String, Object> generate(@RequestBody(required = false) byte[] body) {
        JsonNode req = object(body, Set.of("count", "seed", "procedures", "ageDays", "minAgeDays"));
        int count = (int) integer(req, "count", true, 1, MAX_GENERATE, 0);
        long seed = req.hasNonNull("seed") ? integer(req, "seed", true, Long.MIN_VALUE, Long.MAX_VALUE, 0)
                : ThreadLocalRandom.current().nextLong();
        int ageDays = (int) integer(req, "ageDays", false, 0, MAX_AGE_DAYS, 0);
        int minAgeDays = (int) integer(req, "minAgeDays", false, 0, Math.max(0, ageDays - 1), 0);
        JsonNode procedures = req.get("procedures");
        ProvinceCatalogue.Selection selection = ProvinceCatalogue.Selection.PROVINCE;
        if (procedures != null && !procedures.isNull()) {
            try {
                selection = ProvinceCatalogue.Selection.parse(procedures.isTextual() ? procedures.asText() : null);
            } catch (IllegalArgumentException e) {
                throw ProvinceApiException.invalid("procedures", e.getMessage());
            }
        }
        List<String> codes;
        try {
            codes = sim.store().generate(seed, count, minAgeDays, ageDays, selection);
        } catch (IllegalArgumentException e) {
            throw ProvinceApiException.invalid("procedures", e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("codes", codes);
        return answer;
    }

    /** {@code {"max":n}} (default: all) or {@code {"codes":[…]}} (those dossiers only) → {@code {"advanced":k,"remaining":r}}. */
    @PostMapping(BASE + "/advance")
    public Map<String, Object> advance(@RequestBody(required = false) byte[] body) {
        int max = Integer.MAX_VALUE;
        if (body != null && body.length > 0) {
            JsonNode req = object(body, Set.of("max", "codes"));
            max = (int) integer(req, "max", false, 0, Integer.MAX_VALUE, Integer.MAX_VALUE);
            JsonNode codes = req.get("codes");
            if (codes != null && !codes.isNull()) {
                if (!codes.isArray()) {
                    throw ProvinceApiException.invalid("codes", "must be an array of nationCodes");
                }
                List<String> list = new ArrayList<>();
                codes.forEach(c -> list.add(c.asText()));
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("advanced", sim.store().advance(list));
                answer.put("remaining", sim.store().remaining());
                return answer;
            }
        }
        ProvinceStore.AdvanceResult r = sim.store().advance(max);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("advanced", r.advanced());
        answer.put("remaining", r.remaining());
        return answer;
    }

    /**
     * {@code {"hidden":N}} or {@code {"staleWriteBack":N}}, optionally {@code "among":[codes]} → {@code {"codes":[…]}}.
     * {@code hidden} (the province as a source): N changes the hub is never told about (no push, dated behind the pull
     * watermark). {@code staleWriteBack} (the province as the write-back target): N dossiers lose their latest
     * written-back progress and serve the revision they had before it, as after a restore from a backup.
     */
    @PostMapping(BASE + "/drift")
    public Map<String, Object> drift(@RequestBody(required = false) byte[] body) {
        vn.tthc.hub.sim.common.SimDrift d;
        try {
            d = vn.tthc.hub.sim.common.SimDrift.parse(body == null ? "" : utf8(body), Set.of(HIDDEN, STALE_WRITE_BACK));
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            throw ProvinceApiException.invalid(m.contains(":") ? m.substring(0, m.indexOf(':')) : "body", m);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("codes", d.kind().equals(HIDDEN) ? sim.store().hide(d.count(), d.among())
                : sim.store().staleWriteBack(d.count(), d.among()));
        return answer;
    }

    @GetMapping(BASE + "/ledger")
    public Map<String, Object> ledger() {
        return sim.counters();
    }

    /** The last {@code limit} raw request bodies (write-backs, token requests with the secret masked), oldest first. */
    @GetMapping(BASE + "/ledger/requests")
    public List<String> requests(@RequestParam(required = false) String limit) {
        int n = 100;
        if (limit != null && !limit.isBlank()) {
            try {
                n = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                throw ProvinceApiException.invalid("limit", "must be an integer");
            }
            if (n < 0 || n > ProvinceSimulator.LEDGER_CAPACITY) {
                throw ProvinceApiException.invalid("limit", "must be between 0 and " + ProvinceSimulator.LEDGER_CAPACITY);
            }
        }
        return sim.ledger().lastRequests(n);
    }

    @GetMapping(BASE + "/faults")
    public Map<String, Object> faults() {
        return sim.knobSnapshot();
    }

    @PostMapping(BASE + "/faults")
    public Map<String, Object> updateFaults(@RequestBody(required = false) byte[] body) {
        Map<String, Object> changes;
        try {
            changes = SimJson.parseObject(utf8(body == null ? new byte[0] : body));
        } catch (IllegalArgumentException e) {
            throw ProvinceApiException.invalid("body", e.getMessage());
        }
        try {
            return sim.updateKnobs(changes);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            String field = changes.keySet().stream().filter(k -> message != null && message.contains(k)).findFirst().orElse("body");
            throw ProvinceApiException.invalid(field, message);
        }
    }

    @PostMapping(BASE + "/reset")
    public Map<String, Object> reset() {
        sim.reset();
        return Map.of("reset", true);
    }

    /** Every revision of a dossier in order: {@code [{"revision","status","updatedDate"}]}. */
    @GetMapping(BASE + "/dossiers/{nationCode}/history")
    public List<Map<String, Object>> history(@PathVariable String nationCode) {
        List<ProvinceStore.HistoryEntry> history = sim.store().history(nationCode);
        if (history == null) {
            throw ProvinceApiException.notFound("no dossier " + nationCode);
        }
        List<Map<String, Object>> out = new ArrayList<>(history.size());
        for (ProvinceStore.HistoryEntry h : history) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("revision", h.revision());
            m.put("status", h.status());
            m.put("updatedDate", h.updatedDate());
            out.add(m);
        }
        return out;
    }

    @GetMapping(BASE + "/summary")
    public Map<String, Object> summary() {
        return sim.store().summary();
    }

    /** {@code {"code":…,"set":{…}}}: a new revision with the given fields overwritten (even with invalid values), pushed. */
    @PostMapping(BASE + "/mutate")
    public ResponseEntity<byte[]> mutate(@RequestBody(required = false) byte[] body) {
        JsonNode req = object(body, Set.of("code", "set"));
        JsonNode code = req.get("code");
        if (code == null || !code.isTextual() || code.asText().isBlank()) {
            throw ProvinceApiException.invalid("code", "is required (a nationCode)");
        }
        JsonNode set = req.get("set");
        if (!(set instanceof ObjectNode o) || o.isEmpty()) {
            throw ProvinceApiException.invalid("set", "must be a non-empty object of fields to overwrite");
        }
        Iterator<String> names = o.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (name.isBlank() || name.startsWith(".") || name.endsWith(".") || name.contains("..")) {
                throw ProvinceApiException.invalid("set", "bad field name: " + name);
            }
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(sim.store().mutate(code.asText(), o));
    }

    private static JsonNode object(byte[] body, Set<String> allowed) {
        JsonNode node = json(body);
        if (!node.isObject()) {
            throw ProvinceApiException.invalid("body", "a JSON object is expected");
        }
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw ProvinceApiException.invalid(name, "unknown field");
            }
        }
        return node;
    }

    private static long integer(JsonNode req, String field, boolean required, long min, long max, long fallback) {
        JsonNode n = req.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw ProvinceApiException.invalid(field, "is required");
            }
            return fallback;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ProvinceApiException.invalid(field, "must be an integer");
        }
        long v = n.asLong();
        if (v < min || v > max) {
            throw ProvinceApiException.invalid(field, "must be between " + min + " and " + max);
        }
        return v;
    }
}
