package vn.tthc.hub.sim.emc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import vn.tthc.hub.sim.common.SimHashes;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.common.SimLedger;

/**
 * The tracking events the simulated EMC accepted, per CodeProfile, applied through the
 * {@link SimLedger} (dossierKey = CodeProfile, hash = SHA-256 of the event's canonical JSON).
 *
 * <p>Ordering: the hub puts {@code {"TrangThaiHoSo":"4","ThoiDiemXuLy":"yyyyMMddHHmmss"}} into
 * {@code Data} (a convention <b>assumed</b> by the hub, EMC itself treats Data as opaque); when
 * Data parses that way, an event older than the latest one applied for its dossier counts as
 * {@code outOfOrder}. Events are still accepted, as EMC does not check.
 */
final class EmcState {

    private static final Pattern DATE14 = Pattern.compile("^\\d{14}$");

    /** One dossier's events; guarded by itself. */
    private static final class Track {
        final List<String> events = new ArrayList<>();
        String latestTime;
    }

    private final SimLedger ledger;
    private final ConcurrentHashMap<String, Track> tracks = new ConcurrentHashMap<>();

    EmcState(SimLedger ledger) {
        this.ledger = ledger;
    }

    /** Applies one validated event and answers its ledger hash. */
    String apply(JsonNode event) {
        String key = event.get("CodeProfile").asText();
        String canonical = SimJson.canonical(event);
        String hash = SimHashes.sha256Hex(canonical);
        String at = eventTime(event.get("Data").asText());
        Track track = tracks.computeIfAbsent(key, k -> new Track());
        synchronized (track) {
            if (at != null) {
                if (track.latestTime != null && at.compareTo(track.latestTime) < 0) {
                    ledger.addOutOfOrder(1);
                } else {
                    track.latestTime = at;
                }
            }
            ledger.apply(key, hash);
            track.events.add(canonical);
        }
        return hash;
    }

    /** The events applied for {@code code}, oldest first, or null when none. */
    ArrayNode events(String code) {
        Track track = tracks.get(code);
        if (track == null) {
            return null;
        }
        List<String> copy;
        synchronized (track) {
            copy = List.copyOf(track.events);
        }
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        copy.forEach(e -> out.add(SimJson.parse(e)));
        return out;
    }

    void clear() {
        tracks.clear();
    }

    /** ThoiDiemXuLy of the hub's Data convention, or null when Data does not follow it. */
    static String eventTime(String data) {
        if (data == null || !data.startsWith("{")) {
            return null;
        }
        try {
            JsonNode node = SimJson.parse(data);
            JsonNode at = node.get("ThoiDiemXuLy");
            return at != null && at.isTextual() && DATE14.matcher(at.asText()).matches() ? at.asText() : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
