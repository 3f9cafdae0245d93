package vn.tthc.hub.partner.dvcqg;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PortalItem;
import vn.tthc.hub.sync.TargetAdapter;

/**
 * Delivers a dossier version to the national portal: the full dossier through
 * {@code DongBoHoSoMC} (insert or update, switching on the "đã tồn tại" answer), then the version's
 * new progress steps through {@code CapNhatTienDoHoSoMC} in chunks. Stages: 0 = dossier not sent
 * yet, 1 + k = k progress chunks sent; a retry resumes at its stage so nothing is sent twice.
 */
@Component
public class DvcqgAdapter implements TargetAdapter {
    public static final String ID = "dvcqg";

    private final DvcqgClient client;
    private final MappingEngine mappings;
    private final DvcqgProperties props;

    public DvcqgAdapter(DvcqgClient client, MappingEngine mappings, DvcqgProperties props) {
        this.client = client;
        this.mappings = mappings;
        this.props = props;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public vn.tthc.hub.sync.DeliverySettings settings() {
        return props;
    }

    @Override
    public AdapterResult deliver(DeliveryRequest req) {
        Dossier d = req.dossier();
        String madonvi = PortalItem.madonvi(d);
        JsonNode item = PortalItem.of(mappings, d);
        String itemHash = CanonicalJson.sha256(item.toString());
        int stage = req.stage();
        DvcqgClient.Answer last = null;
        Calls calls = new Calls();
        if (stage == 0) {
            if (!itemHash.equals(req.lastDeliveredHash())) {
                boolean uncertain = req.outcomeUncertain();
                last = upsert(d.code(), madonvi, item, req.previouslyDelivered(), uncertain, calls);
                if (last != null && !last.ok()) {
                    return failure(stage, last, calls);
                }
            }
            stage = 1;
        }
        List<Dossier.ProgressStep> all = d.progress() == null ? List.of() : d.progress();
        if (req.stepsFrom() < all.size()) {
            JsonNode steps = mappings.map("dvcqg/progress", Map.of("dossier", d, "steps", all.subList(req.stepsFrom(), all.size())));
            List<List<JsonNode>> chunks = chunks(steps, Math.max(1, props.getProgressChunk()));
            for (int c = stage - 1; c < chunks.size(); c++) {
                last = calls.note(client.call("CapNhatTienDoHoSoMC", madonvi, Map.of("data", chunks.get(c))));
                if (!last.ok()) {
                    return failure(stage, last, calls);
                }
                stage++;
            }
        }
        return AdapterResult.delivered(stage, last == null ? null : last.httpStatus(), itemHash);
    }

    /**
     * Insert or update. When the hub cannot know whether the portal has the dossier (never delivered
     * before, or an earlier attempt's outcome is unknown) it looks it up first, and skips the send
     * when the portal already holds exactly this content (an earlier answer was lost).
     */
    private DvcqgClient.Answer upsert(String code, String madonvi, JsonNode item, boolean previouslyDelivered, boolean uncertain,
                                      Calls calls) {
        boolean updating = previouslyDelivered;
        if (uncertain || (!previouslyDelivered && props.isLookupBeforeInsert())) {
            DvcqgClient.Found found = client.find(madonvi, code);
            if (!calls.note(found.answer()).ok()) {
                return found.answer();
            }
            updating = found.item() != null;
            if (updating && item.equals(found.item())) {
                return null;
            }
        }
        DvcqgClient.Answer a = calls.note(sync(madonvi, item, updating));
        if (a.kind() == DvcqgClient.Kind.EXISTS && !updating) {
            a = calls.note(sync(madonvi, item, true));
        } else if (a.notFound() && updating) {
            a = calls.note(sync(madonvi, item, false));
        }
        return a;
    }

    private DvcqgClient.Answer sync(String madonvi, JsonNode item, boolean updating) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("isUpdating", updating ? "True" : "False");
        params.put("data", List.of(item));
        return client.call("DongBoHoSoMC", madonvi, params);
    }

    private static AdapterResult failure(int stage, DvcqgClient.Answer a, Calls calls) {
        String error = a.message();
        AdapterResult r = switch (a.kind()) {
            case TRANSIENT, SESSION -> AdapterResult.transientFailure(stage, a.httpStatus(), error);
            default -> AdapterResult.permanentFailure(stage, a.httpStatus(), error);
        };
        return calls.answered ? r.afterAnswers() : r;
    }

    /** Whether the portal answered any call of this attempt (a look-up, an upsert, a chunk): for its circuit. */
    private static final class Calls {
        boolean answered;

        DvcqgClient.Answer note(DvcqgClient.Answer a) {
            // any answer but a transient one (5xx, time-out, reset, no session) is the portal answering
            if (a.kind() != DvcqgClient.Kind.TRANSIENT && a.kind() != DvcqgClient.Kind.SESSION) {
                answered = true;
            }
            return a;
        }
    }

    private static List<List<JsonNode>> chunks(JsonNode array, int size) {
        List<List<JsonNode>> out = new ArrayList<>();
        List<JsonNode> current = new ArrayList<>();
        for (JsonNode n : array) {
            current.add(n);
            if (current.size() == size) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
