package vn.tthc.hub.sim.province;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimLedger;

/**
 * The simulated province one-stop system assembled from its parts (catalogue, store, tokens,
 * faults, ledger, webhook pusher, ticker); the one bean the controllers use, started and stopped
 * with the application.
 */
public final class ProvinceSimulator implements AutoCloseable {

    /** Settings read once at start-up. */
    public record Settings(String agencyCode, String agencyName, long tickMs, int perTick, long tokenTtlSeconds,
                           boolean pushEnabled, int pushThreads, int pushQueue, Duration pushTimeout) {
    }

    /** How many raw request bodies the ledger keeps. */
    static final int LEDGER_CAPACITY = 1000;

    private final Settings settings;
    private final ProvinceCatalogue catalogue;
    private final ProvinceKnobs knobs;
    private final SimFaults faults = new SimFaults();
    /** {@code searches}: the first pages of the dossier search served (one per pull of a hub: a scheduled pull fires on one instance). */
    private final SimLedger ledger = new SimLedger(LEDGER_CAPACITY, "searches");
    private final WebhookPusher pusher;
    private final ProvinceTokens tokens;
    private final ProvinceStore store;
    private final ProvinceTicker ticker;
    private final Clock clock;

    /**
     * @param clientId      expected client id, read at every token request
     * @param clientSecret  expected client secret, read at every token request
     * @param webhookSecret HMAC key of the pushes, read at every push
     * @param webhookUrl    where pushes go, read at every push
     */
    public ProvinceSimulator(Settings settings, ProvinceCatalogue catalogue, Supplier<String> clientId,
                             Supplier<String> clientSecret, Supplier<String> webhookSecret, Supplier<String> webhookUrl,
                             Clock clock) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.clock = clock;
        this.knobs = new ProvinceKnobs(settings.pushEnabled(), settings.tokenTtlSeconds());
        this.pusher = new WebhookPusher(webhookUrl, webhookSecret, knobs, settings.pushThreads(), settings.pushQueue(),
                settings.pushTimeout());
        this.tokens = new ProvinceTokens(clientId, clientSecret, knobs::tokenTtlSeconds, clock);
        DossierGenerator generator = new DossierGenerator(catalogue, settings.agencyCode(), settings.agencyName());
        this.store = new ProvinceStore(catalogue, generator, ledger, pusher::push, clock, settings.agencyCode(),
                settings.agencyName());
        this.ticker = new ProvinceTicker(store, settings.tickMs(), settings.perTick());
    }

    public void start() {
        ticker.start();
    }

    @Override
    public void close() {
        ticker.stop();
        pusher.close();
    }

    /** The ledger counters followed by the simulator's own: generated, changes, pushes, pushFailures, pushesDropped. */
    public Map<String, Object> counters() {
        Map<String, Object> m = new LinkedHashMap<>(ledger.snapshot());
        m.put("generated", store.generated());
        m.put("changes", store.changes());
        m.put("pushes", pusher.pushes());
        m.put("pushFailures", pusher.pushFailures());
        m.put("pushesDropped", pusher.pushesDropped());
        return m;
    }

    /**
     * Applies fault knobs ({@link SimFaults}) and province knobs ({@link ProvinceKnobs}) together,
     * all or nothing.
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public Map<String, Object> updateKnobs(Map<String, Object> changes) {
        Map<String, Object> fault = new LinkedHashMap<>();
        Map<String, Object> own = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            if (SimFaults.isKnob(e.getKey())) {
                fault.put(e.getKey(), e.getValue());
            } else if (ProvinceKnobs.isKnob(e.getKey())) {
                own.put(e.getKey(), e.getValue());
            } else {
                throw new IllegalArgumentException("unknown knob: " + e.getKey());
            }
        }
        faults.validate(fault);
        knobs.validate(own);
        faults.update(fault);
        knobs.update(own);
        return knobSnapshot();
    }

    public Map<String, Object> knobSnapshot() {
        Map<String, Object> m = new LinkedHashMap<>(faults.snapshot());
        m.putAll(knobs.snapshot());
        return m;
    }

    /** Forgets dossiers, counters, the ledger and the knobs; issued tokens stay valid. */
    public void reset() {
        store.reset();
        ledger.reset();
        faults.reset();
        knobs.reset();
        pusher.resetCounters();
    }

    public Settings settings() {
        return settings;
    }

    public ProvinceCatalogue catalogue() {
        return catalogue;
    }

    public ProvinceStore store() {
        return store;
    }

    public ProvinceTokens tokens() {
        return tokens;
    }

    public SimFaults faults() {
        return faults;
    }

    public SimLedger ledger() {
        return ledger;
    }

    public ProvinceKnobs knobs() {
        return knobs;
    }

    public WebhookPusher pusher() {
        return pusher;
    }

    public ProvinceTicker ticker() {
        return ticker;
    }

    public Clock clock() {
        return clock;
    }
}
