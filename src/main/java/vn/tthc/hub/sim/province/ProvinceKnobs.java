package vn.tthc.hub.sim.province;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The province simulator's own run-time knobs (push on/off, push drop share, token lifetime), beside the shared fault knobs. */
public final class ProvinceKnobs {

    public static final String PUSH_ENABLED = "pushEnabled";
    public static final String PUSH_DROP_RATE = "pushDropRate";
    public static final String TOKEN_TTL_SECONDS = "tokenTtlSeconds";
    public static final Set<String> KNOBS = Set.of(PUSH_ENABLED, PUSH_DROP_RATE, TOKEN_TTL_SECONDS);
    public static final long MAX_TOKEN_TTL_SECONDS = 86_400;

    private record Values(boolean pushEnabled, double pushDropRate, long tokenTtlSeconds) {
    }

    private final Values defaults;
    private volatile Values values;

    public ProvinceKnobs(boolean pushEnabled, long tokenTtlSeconds) {
        if (tokenTtlSeconds < 1 || tokenTtlSeconds > MAX_TOKEN_TTL_SECONDS) {
            throw new IllegalArgumentException("token-ttl-seconds must be between 1 and " + MAX_TOKEN_TTL_SECONDS);
        }
        this.defaults = new Values(pushEnabled, 0, tokenTtlSeconds);
        this.values = defaults;
    }

    public static boolean isKnob(String key) {
        return KNOBS.contains(key);
    }

    /**
     * Applies the given knobs, all or nothing.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     */
    public synchronized void update(Map<String, Object> changes) {
        Values v = values;
        boolean enabled = v.pushEnabled();
        double drop = v.pushDropRate();
        long ttl = v.tokenTtlSeconds();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            Object value = e.getValue();
            switch (e.getKey()) {
                case PUSH_ENABLED -> {
                    if (!(value instanceof Boolean b)) {
                        throw new IllegalArgumentException(PUSH_ENABLED + ": must be true or false");
                    }
                    enabled = b;
                }
                case PUSH_DROP_RATE -> {
                    if (value == null) {
                        drop = 0;
                    } else if (!(value instanceof Number n) || Double.isNaN(n.doubleValue()) || n.doubleValue() < 0
                            || n.doubleValue() > 1) {
                        throw new IllegalArgumentException(PUSH_DROP_RATE + ": must be a number between 0 and 1");
                    } else {
                        drop = n.doubleValue();
                    }
                }
                case TOKEN_TTL_SECONDS -> {
                    if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                            || n.longValue() < 1 || n.longValue() > MAX_TOKEN_TTL_SECONDS) {
                        throw new IllegalArgumentException(TOKEN_TTL_SECONDS + ": must be a whole number of seconds between 1 and "
                                + MAX_TOKEN_TTL_SECONDS);
                    }
                    ttl = n.longValue();
                }
                default -> throw new IllegalArgumentException("unknown knob: " + e.getKey());
            }
        }
        values = new Values(enabled, drop, ttl);
    }

    /** Checks the given knobs without applying them. */
    public void validate(Map<String, Object> changes) {
        new ProvinceKnobs(defaults.pushEnabled(), defaults.tokenTtlSeconds()).update(changes);
    }

    public Map<String, Object> snapshot() {
        Values v = values;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(PUSH_ENABLED, v.pushEnabled());
        m.put(PUSH_DROP_RATE, v.pushDropRate());
        m.put(TOKEN_TTL_SECONDS, v.tokenTtlSeconds());
        return m;
    }

    /** Back to the configured values. */
    public void reset() {
        values = defaults;
    }

    public boolean pushEnabled() {
        return values.pushEnabled();
    }

    public double pushDropRate() {
        return values.pushDropRate();
    }

    public long tokenTtlSeconds() {
        return values.tokenTtlSeconds();
    }
}
