package vn.tthc.hub.sim.province;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Moves unfinished dossiers along their paths on a daemon scheduler: every {@code tickMs}, up to {@code perTick} dossiers, one step each. */
public final class ProvinceTicker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ProvinceTicker.class);

    private final ProvinceStore store;
    private final long tickMs;
    private final int perTick;
    private ScheduledExecutorService scheduler;

    /** @param tickMs 0 disables the ticker */
    public ProvinceTicker(ProvinceStore store, long tickMs, int perTick) {
        if (tickMs < 0 || perTick < 0) {
            throw new IllegalArgumentException("tick-ms and per-tick must not be negative");
        }
        this.store = store;
        this.tickMs = tickMs;
        this.perTick = perTick;
    }

    public synchronized void start() {
        if (tickMs == 0 || perTick == 0 || scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-province-ticker");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::tick, tickMs, tickMs, TimeUnit.MILLISECONDS);
    }

    /** One tick (also callable directly). */
    public void tick() {
        try {
            store.advance(perTick);
        } catch (RuntimeException e) {
            log.warn("province ticker failed: {}", e.toString());
        }
    }

    public synchronized boolean running() {
        return scheduler != null;
    }

    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
