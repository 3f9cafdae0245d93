package vn.tthc.hub.sim.dvcqg;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import vn.tthc.hub.dossier.Status;
import vn.tthc.hub.sim.common.SimHashes;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.common.SimLedger;

/**
 * What the simulated portal holds: per MaHoSo the last synced dossier item, its progress steps and
 * the statuses applied in order; every apply goes through the {@link SimLedger} (dossierKey =
 * MaHoSo, hash = SHA-256 of the canonical JSON) and ordering regressions are counted, not refused,
 * as the real portal accepts them. Calls lock only the stripes of the dossiers they touch, in
 * ascending order, so a batch is all or nothing without a global lock.
 */
final class DvcqgPortalState {
    private static final Logger log = LoggerFactory.getLogger(DvcqgPortalState.class);

    static final String PROGRESS_STEPS = "progressSteps";
    private static final int STRIPES = 256;

    /** One dossier on the portal; guarded by its stripe lock. Items and steps are kept as canonical JSON text. */
    private static final class PortalDossier {
        String item;
        int status;
        final List<String> steps = new ArrayList<>();
        final List<Integer> history = new ArrayList<>();
        /** Latest ThoiDiemXuLy applied (yyyyMMddHHmmss sorts as text), or null. */
        String latestStepTime;
    }

    /** A (dossierKey, contentHash) pair that was applied by a call. */
    record Applied(String dossierKey, String contentHash) {
    }

    private final SimLedger ledger;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];
    private final ConcurrentHashMap<String, PortalDossier> dossiers = new ConcurrentHashMap<>();

    DvcqgPortalState(SimLedger ledger) {
        this.ledger = ledger;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The stored item of {@code code}, or null. */
    JsonNode item(String code) {
        PortalDossier d = dossiers.get(code);
        if (d == null) {
            return null;
        }
        String item;
        ReentrantLock lock = lockFor(code);
        lock.lock();
        try {
            item = d.item;
        } finally {
            lock.unlock();
        }
        return item == null ? null : SimJson.parse(item);
    }

    /**
     * Inserts ({@code updating == false}) or updates a batch of validated items, all or nothing.
     *
     * @throws DvcqgError code {@code existsErrorCode} when inserting a dossier the portal has,
     *                    -1 when updating one it does not have or a batch inserts one code twice
     */
    List<Applied> sync(List<JsonNode> items, boolean updating, int existsErrorCode) {
        List<String> codes = items.stream().map(i -> i.get("MaHoSo").asText()).toList();
        List<ReentrantLock> held = lockAll(codes);
        try {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < codes.size(); i++) {
                String code = codes.get(i);
                boolean exists = dossiers.containsKey(code);
                if (!updating && exists) {
                    throw DvcqgError.of(existsErrorCode, "Hồ sơ " + code + " đã tồn tại");
                }
                if (!updating && !seen.add(code)) {
                    throw DvcqgError.invalid("data[" + i + "].MaHoSo: hồ sơ " + code + " bị lặp lại trong cùng một lô");
                }
                if (updating && !exists) {
                    throw DvcqgError.invalid("Hồ sơ " + code + " không tồn tại");
                }
            }
            List<Applied> applied = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                String code = codes.get(i);
                String canonical = SimJson.canonical(items.get(i));
                String hash = SimHashes.sha256Hex(canonical);
                int status = Integer.parseInt(items.get(i).get("TrangThaiHoSo").asText());
                PortalDossier d = dossiers.computeIfAbsent(code, k -> new PortalDossier());
                if (d.item != null && !Status.canReach(d.status, status)) {
                    ledger.addOutOfOrder(1);
                }
                if (ledger.applyState(code, hash) == SimLedger.ApplyResult.APPLIED_DUPLICATE) {
                    log.warn("DVCQG simulator: dossier {} received again in the state it already holds (status {})", code, status);
                }
                d.item = canonical;
                d.status = status;
                d.history.add(status);
                applied.add(new Applied(code, hash));
            }
            return applied;
        } finally {
            unlockAll(held);
        }
    }

    /**
     * Appends a batch of validated progress steps, all or nothing.
     *
     * @throws DvcqgError -1 when a step names a dossier the portal does not have
     */
    List<Applied> progress(List<JsonNode> steps) {
        List<String> codes = steps.stream().map(s -> s.get("MaHoSo").asText()).toList();
        List<ReentrantLock> held = lockAll(codes);
        try {
            for (String code : codes) {
                if (!dossiers.containsKey(code)) {
                    throw DvcqgError.invalid("Hồ sơ " + code + " không tồn tại");
                }
            }
            List<Applied> applied = new ArrayList<>(steps.size());
            for (int i = 0; i < steps.size(); i++) {
                String code = codes.get(i);
                String canonical = SimJson.canonical(steps.get(i));
                String hash = SimHashes.sha256Hex(canonical);
                String at = steps.get(i).get("ThoiDiemXuLy").asText();
                PortalDossier d = dossiers.get(code);
                // the applied table is unique per dossier and content (RELIABILITY.md): a step resent because its
                // answer was lost is counted on the wire, neither stored twice nor taken for an older step arriving
                // late; an unexcused repeat is still an applied duplicate in the ledger
                boolean known = d.steps.contains(canonical);
                if (!known && d.latestStepTime != null && at.compareTo(d.latestStepTime) < 0) {
                    ledger.addOutOfOrder(1);
                } else if (!known) {
                    d.latestStepTime = at;
                }
                if (ledger.apply(code, hash) == SimLedger.ApplyResult.APPLIED_DUPLICATE) {
                    log.warn("DVCQG simulator: progress step of dossier {} at {} (status {}) received again",
                            code, at, steps.get(i).path("TrangThai").asText());
                }
                if (!known) {
                    ledger.increment(PROGRESS_STEPS);
                    d.steps.add(canonical);
                }
                applied.add(new Applied(code, hash));
            }
            return applied;
        } finally {
            unlockAll(held);
        }
    }

    /** {@code {"item":…,"steps":[…],"history":[…]}} for one dossier, or null when unknown. */
    ObjectNode view(String code) {
        PortalDossier d = dossiers.get(code);
        if (d == null) {
            return null;
        }
        String item;
        List<String> steps;
        List<Integer> history;
        ReentrantLock lock = lockFor(code);
        lock.lock();
        try {
            item = d.item;
            steps = List.copyOf(d.steps);
            history = List.copyOf(d.history);
        } finally {
            lock.unlock();
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("item", item == null ? JsonNodeFactory.instance.nullNode() : SimJson.parse(item));
        ArrayNode stepsNode = out.putArray("steps");
        steps.forEach(s -> stepsNode.add(SimJson.parse(s)));
        ArrayNode historyNode = out.putArray("history");
        history.forEach(historyNode::add);
        return out;
    }

    int size() {
        return dossiers.size();
    }

    /**
     * Drift: forgets up to {@code n} dossiers (item, steps, history and their ledger entries), as a portal that
     * lost data does; {@code among} (null: every dossier) limits the candidates. Answers the codes forgotten.
     */
    List<String> drop(int n, Set<String> among) {
        return drift(n, among, (code, d) -> {
            dossiers.remove(code);
            ledger.forget(code);
            return true;
        });
    }

    /**
     * Drift: rolls up to {@code n} dossiers back to the status they held before their current one (only those whose
     * history has an earlier, different status are candidates); the item's TrangThaiHoSo is rewritten and the
     * ledger's current state follows, so that the hub re-sending the right state is a real change, not a duplicate.
     */
    List<String> stale(int n, Set<String> among) {
        return drift(n, among, (code, d) -> {
            if (d.item == null) {
                return false;
            }
            Integer older = null;
            for (int i = d.history.size() - 1; i >= 0; i--) {
                if (d.history.get(i) != d.status) {
                    older = d.history.get(i);
                    break;
                }
            }
            if (older == null) {
                return false;
            }
            ObjectNode item = (ObjectNode) SimJson.parse(d.item);
            item.put("TrangThaiHoSo", String.valueOf(older));
            d.item = SimJson.canonical(item);
            d.status = older;
            d.history.add(older);
            ledger.rollback(code, SimHashes.sha256Hex(d.item));
            return true;
        });
    }

    /**
     * Drift: changes the content of up to {@code n} held dossiers without touching their status (the summary, as an
     * operator editing at the portal would), so only a comparison of content finds them; the ledger's current state
     * follows, so that the hub re-sending its item is a real change, not a duplicate.
     */
    List<String> alter(int n, Set<String> among) {
        return drift(n, among, (code, d) -> {
            if (d.item == null) {
                return false;
            }
            ObjectNode item = (ObjectNode) SimJson.parse(d.item);
            item.put("TrichYeuHoSo", item.path("TrichYeuHoSo").asText() + " (sửa tại Cổng)");
            d.item = SimJson.canonical(item);
            ledger.rollback(code, SimHashes.sha256Hex(d.item));
            return true;
        });
    }

    /**
     * Applies {@code change} under each candidate's lock to up to {@code n} held dossiers, in code order;
     * answers the codes it changed.
     */
    private List<String> drift(int n, Set<String> among, java.util.function.BiPredicate<String, PortalDossier> change) {
        List<String> out = new ArrayList<>();
        for (String code : new TreeSet<>(among == null ? dossiers.keySet() : among)) {
            if (out.size() >= n) {
                break;
            }
            ReentrantLock lock = lockFor(code);
            lock.lock();
            try {
                PortalDossier d = dossiers.get(code);
                if (d != null && change.test(code, d)) {
                    out.add(code);
                }
            } finally {
                lock.unlock();
            }
        }
        return out;
    }

    void clear() {
        dossiers.clear();
    }

    private ReentrantLock lockFor(String code) {
        return locks[Math.floorMod(code.hashCode(), STRIPES)];
    }

    private List<ReentrantLock> lockAll(List<String> codes) {
        TreeSet<Integer> stripes = new TreeSet<>();
        for (String code : codes) {
            stripes.add(Math.floorMod(code.hashCode(), STRIPES));
        }
        List<ReentrantLock> held = new ArrayList<>(stripes.size());
        for (int stripe : stripes) {
            locks[stripe].lock();
            held.add(locks[stripe]);
        }
        return held;
    }

    private static void unlockAll(List<ReentrantLock> held) {
        for (int i = held.size() - 1; i >= 0; i--) {
            held.get(i).unlock();
        }
    }
}
