package vn.tthc.hub.sim.ministry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tthc.hub.sim.ndxp.NdxpBackend;
import vn.tthc.hub.sim.ndxp.NdxpBackendGroup;

/**
 * The ministry simulators, one per {@code hub.ministries} entry, as one NDXP backend group, with the
 * daemon ticker that advances up to {@code perTick} dossiers of each ministry every {@code tickMs}.
 */
public final class MinistrySims implements NdxpBackendGroup, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MinistrySims.class);

    private final Map<String, MinistrySimulator> byCode = new LinkedHashMap<>();
    private final long tickMs;
    private final int perTick;
    private ScheduledExecutorService ticker;

    public MinistrySims(List<MinistrySimulator> simulators, long tickMs, int perTick) {
        for (MinistrySimulator s : simulators) {
            if (byCode.put(s.config().code().toUpperCase(Locale.ROOT), s) != null) {
                throw new IllegalArgumentException("ministry configured twice: " + s.config().code());
            }
        }
        this.tickMs = tickMs;
        this.perTick = perTick;
    }

    /** One simulator per configuration, each with its own random seed. */
    public static MinistrySims of(List<MinistryConfig> configs, Clock clock, long tickMs, int perTick) {
        List<MinistrySimulator> sims = new ArrayList<>();
        long seed = System.nanoTime();
        for (MinistryConfig c : configs) {
            sims.add(new MinistrySimulator(c, clock, seed + c.code().hashCode()));
        }
        return new MinistrySims(sims, tickMs, perTick);
    }

    @Override
    public List<NdxpBackend> backends() {
        return List.copyOf(byCode.values());
    }

    public List<MinistrySimulator> simulators() {
        return List.copyOf(byCode.values());
    }

    /** The simulator of a ministry code (case-insensitive), or null. */
    public MinistrySimulator get(String code) {
        return code == null ? null : byCode.get(code.toUpperCase(Locale.ROOT));
    }

    /** Advances every ministry by up to {@code perTick} dossiers. */
    public void tick() {
        for (MinistrySimulator s : byCode.values()) {
            try {
                s.advance(perTick);
            } catch (RuntimeException e) {
                log.warn("Ministry simulator {}: tick failed", s.config().code(), e);
            }
        }
    }

    /** Starts the daemon ticker (no-op when tickMs or perTick is 0). */
    public synchronized MinistrySims start() {
        if (tickMs > 0 && perTick > 0 && ticker == null && !byCode.isEmpty()) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ministry-sim-ticker");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
        }
        return this;
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}
