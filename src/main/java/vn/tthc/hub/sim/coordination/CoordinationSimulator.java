package vn.tthc.hub.sim.coordination;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import vn.tthc.hub.sim.common.SimControl;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimFaults.FaultDecision;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.common.SimKnobs;
import vn.tthc.hub.sim.common.SimLedger;
import vn.tthc.hub.sim.ministry.LgspFaults;
import vn.tthc.hub.sim.ministry.MinistryError;
import vn.tthc.hub.sim.ministry.MinistrySimulator;
import vn.tthc.hub.sim.ministry.MinistrySimulator.LookUp;
import vn.tthc.hub.sim.ministry.MinistrySimulator.Version;
import vn.tthc.hub.sim.ndxp.NdxpBackend;
import vn.tthc.hub.sim.ndxp.NdxpReply;

/**
 * The coordination system (Hệ thống điều phối) behind NDXP, context {@code coordination}, version
 * {@code v1} (<b>assumed</b> interface): it holds the progress of the whole country; the simulator
 * mirrors the ministry simulators' dossiers, hiding changes younger than the {@code lagMs} knob.
 * {@code GET dossiers?updatedFrom&madonvi&page&size} answers the ministries' JSON look-up shape, each
 * item also carrying {@code MaHeThong} (e.g. {@code ministry-G06}). Nothing is written to it: its
 * ledger counts look-ups served ({@code received}) and distinct dossiers served ({@code dossiers}).
 */
public final class CoordinationSimulator implements NdxpBackend, SimControl {

    public static final String CONTEXT = "coordination";
    public static final String VERSION = "v1";
    public static final String LAG_MS = "lagMs";

    private final Supplier<List<MinistrySimulator>> ministries;
    private final Clock clock;
    private final SimLedger ledger = new SimLedger();
    private final SimFaults faults = new SimFaults();
    private final Set<String> served = ConcurrentHashMap.newKeySet();
    private volatile long lagMs;

    public CoordinationSimulator(Supplier<List<MinistrySimulator>> ministries, Clock clock) {
        this.ministries = ministries;
        this.clock = clock;
    }

    @Override
    public SimLedger ledger() {
        return ledger;
    }

    @Override
    public String context() {
        return CONTEXT;
    }

    @Override
    public NdxpReply handle(String method, String version, String resourcePath, String query, String contentType,
                            byte[] body) {
        String path = resourcePath == null ? "" : resourcePath.replaceAll("^/+|/+$", "");
        if (!VERSION.equals(version) || !path.equals("dossiers")) {
            return answer(404, MinistryError.RECORD_NOT_FOUND, "Tài nguyên không tồn tại: " + version + "/" + path);
        }
        if (!"GET".equalsIgnoreCase(method)) {
            return answer(405, MinistryError.DATA_TYPE_INVALID, "Phương thức không được hỗ trợ: " + method);
        }
        faults.sleepLatency();
        FaultDecision decision = faults.decide();
        NdxpReply faulted = LgspFaults.beforeEffect(decision, faults, ledger, CoordinationSimulator::answer);
        if (faulted != null) {
            return faulted;
        }
        NdxpReply reply;
        try {
            reply = lookUp(query);
        } catch (MinistryError e) {
            ledger.addRejected(1);
            reply = answer(e.httpStatus(), e.code(), e.getMessage());
        }
        if (decision == FaultDecision.DROP_AFTER_APPLY) {
            faults.sleepHang();
        }
        return reply;
    }

    private NdxpReply lookUp(String query) {
        ledger.recordRequest("GET dossiers?" + (query == null ? "" : query));
        LookUp q = MinistrySimulator.parseLookUp(query);
        long lag = lagMs;
        Instant notAfter = lag > 0 ? clock.instant().minusMillis(lag) : null;
        List<Version> visible = new ArrayList<>();
        Map<Version, String> systemOf = new HashMap<>();
        for (MinistrySimulator m : ministries.get()) {
            for (Version v : m.versions(notAfter)) {
                visible.add(v);
                systemOf.put(v, m.config().systemId());
            }
        }
        List<Version> all = MinistrySimulator.select(visible, q);
        List<Version> page = MinistrySimulator.page(all, q);
        ledger.addReceived(1);
        ObjectNode out = SimJson.MAPPER.createObjectNode();
        out.put("status", 1);
        out.put("errorCode", 0);
        out.put("total", all.size());
        out.put("page", q.page());
        out.put("size", q.size());
        var data = out.putArray("data");
        for (Version v : page) {
            ObjectNode item = (ObjectNode) SimJson.parse(v.view());
            item.put("MaHeThong", systemOf.get(v));
            data.add(item);
            served.add(v.code());
        }
        return new NdxpReply(200, "application/json", SimJson.write(out));
    }

    private static NdxpReply answer(int httpStatus, int code, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", code == 0 ? 1 : 0);
        m.put("errorCode", code);
        if (code != 0) {
            m.put("errorName", MinistryError.name(code));
        }
        m.put("message", message);
        return NdxpReply.json(httpStatus, SimJson.write(m));
    }

    public long lagMs() {
        return lagMs;
    }

    @Override
    public Map<String, Object> ledgerSnapshot() {
        Map<String, Object> m = new LinkedHashMap<>(ledger.snapshot());
        m.put("dossiers", (long) served.size());
        return m;
    }

    /** The gateway's fault knobs; {@link #knobs()} and {@link #updateKnobs} add this simulator's own. */
    @Override
    public SimKnobs knobSet() {
        return faults;
    }

    @Override
    public Map<String, Object> knobs() {
        Map<String, Object> m = new LinkedHashMap<>(faults.snapshot());
        m.put(LAG_MS, lagMs);
        return m;
    }

    /** The SimFaults knobs plus {@code lagMs} (whole milliseconds, 0..1 day), all or nothing. */
    @Override
    public synchronized Map<String, Object> updateKnobs(Map<String, Object> changes) {
        Map<String, Object> rest = new LinkedHashMap<>(changes);
        Long lag = null;
        if (rest.containsKey(LAG_MS)) {
            Object v = rest.remove(LAG_MS);
            if (v == null) {
                lag = 0L;
            } else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                    && n.longValue() >= 0 && n.longValue() <= 86_400_000L) {
                lag = n.longValue();
            } else {
                throw new IllegalArgumentException(LAG_MS + ": must be a whole number of milliseconds between 0 and 86400000");
            }
        }
        faults.validate(rest);
        faults.update(rest);
        if (lag != null) {
            lagMs = lag;
        }
        return knobs();
    }

    @Override
    public void reset() {
        ledger.reset();
        faults.reset();
        served.clear();
        lagMs = 0;
    }
}
