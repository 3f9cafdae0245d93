package vn.tthc.hub.sim.dvcqg;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimKnobs;

/**
 * The portal simulator's knobs: the shared fault knobs ({@link SimFaults}) plus the portal's own
 * behaviour variants (exists code 3 or -3, string error codes, plain-text progress answer, session
 * TTL, batch limit). Updates are all or nothing; a {@code null} value restores a knob's default.
 */
final class DvcqgKnobs implements SimKnobs {

    static final String EXISTS_ERROR_CODE = "existsErrorCode";
    static final String ERROR_CODE_AS_STRING = "errorCodeAsString";
    static final String PLAIN_TEXT_PROGRESS = "plainTextProgress";
    static final String SESSION_TTL_SECONDS = "sessionTtlSeconds";
    static final String MAX_BATCH = "maxBatch";
    /** National procedure codes the portal's catalogue leaves out (LayDanhSachTTHC, LayThuTuc): a procedure it does not know. */
    static final String HIDDEN_PROCEDURES = "hiddenProcedures";

    private static final Set<String> OWN = Set.of(EXISTS_ERROR_CODE, ERROR_CODE_AS_STRING, PLAIN_TEXT_PROGRESS,
            SESSION_TTL_SECONDS, MAX_BATCH, HIDDEN_PROCEDURES);
    private static final int MAX_BATCH_LIMIT = 10_000;
    private static final long MAX_TTL_MILLIS = 7L * 24 * 3600 * 1000;

    /** One immutable set of the portal's own knobs. */
    record Values(int existsErrorCode, boolean errorCodeAsString, boolean plainTextProgress,
                  long sessionTtlMillis, int maxBatch, Set<String> hiddenProcedures) {
    }

    private final SimFaults faults = new SimFaults();
    private final Values defaults;
    private volatile Values values;

    DvcqgKnobs(DvcqgConfig config) {
        this.defaults = new Values(3, false, false, config.sessionTtlMillis(), config.maxBatch(), Set.of());
        this.values = defaults;
    }

    SimFaults faults() {
        return faults;
    }

    Values values() {
        return values;
    }

    /**
     * Applies a JSON map of knobs (SimFaults knobs and the portal's own), all or nothing.
     *
     * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
     */
    @Override
    public synchronized void update(Map<String, Object> changes) {
        Map<String, Object> faultPart = new HashMap<>();
        Values v = values;
        int exists = v.existsErrorCode();
        boolean asString = v.errorCodeAsString();
        boolean plain = v.plainTextProgress();
        long ttl = v.sessionTtlMillis();
        int maxBatch = v.maxBatch();
        Set<String> hidden = v.hiddenProcedures();
        for (Map.Entry<String, Object> e : changes.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (SimFaults.isKnob(key)) {
                faultPart.put(key, value);
                continue;
            }
            if (!OWN.contains(key)) {
                throw new IllegalArgumentException("unknown knob: " + key);
            }
            switch (key) {
                case EXISTS_ERROR_CODE -> exists = value == null ? defaults.existsErrorCode() : existsCode(value);
                case ERROR_CODE_AS_STRING -> asString = value == null ? defaults.errorCodeAsString() : flag(key, value);
                case PLAIN_TEXT_PROGRESS -> plain = value == null ? defaults.plainTextProgress() : flag(key, value);
                case SESSION_TTL_SECONDS -> ttl = value == null ? defaults.sessionTtlMillis() : ttlMillis(value);
                case MAX_BATCH -> maxBatch = value == null ? defaults.maxBatch() : maxBatch(value);
                case HIDDEN_PROCEDURES -> hidden = value == null ? defaults.hiddenProcedures() : codes(value);
                default -> throw new IllegalStateException(key);
            }
        }
        faults.update(faultPart); // throws before anything of this update is applied
        values = new Values(exists, asString, plain, ttl, maxBatch, hidden);
    }

    /** Every knob's current value. */
    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> m = new LinkedHashMap<>(faults.snapshot());
        Values v = values;
        m.put(EXISTS_ERROR_CODE, v.existsErrorCode());
        m.put(ERROR_CODE_AS_STRING, v.errorCodeAsString());
        m.put(PLAIN_TEXT_PROGRESS, v.plainTextProgress());
        long ttl = v.sessionTtlMillis();
        m.put(SESSION_TTL_SECONDS, ttl % 1000 == 0 ? (Object) (ttl / 1000) : (Object) (ttl / 1000.0));
        m.put(MAX_BATCH, v.maxBatch());
        m.put(HIDDEN_PROCEDURES, v.hiddenProcedures().stream().sorted().toList());
        return m;
    }

    @Override
    public synchronized void reset() {
        faults.reset();
        values = defaults;
    }

    private static int existsCode(Object value) {
        if (value instanceof Number n && (n.doubleValue() == 3 || n.doubleValue() == -3)) {
            return n.intValue();
        }
        throw new IllegalArgumentException(EXISTS_ERROR_CODE + ": must be 3 or -3");
    }

    private static boolean flag(String key, Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(key + ": must be true or false");
    }

    private static long ttlMillis(Object value) {
        if (value instanceof Number n) {
            double seconds = n.doubleValue();
            long millis = Math.round(seconds * 1000);
            if (seconds > 0 && millis >= 1 && millis <= MAX_TTL_MILLIS) {
                return millis;
            }
        }
        throw new IllegalArgumentException(SESSION_TTL_SECONDS + ": must be a positive number of seconds (fractions allowed, at most 7 days)");
    }

    private static Set<String> codes(Object value) {
        if (value instanceof java.util.List<?> list && list.stream().allMatch(
                c -> c instanceof String s && DvcqgValidator.NATIONAL_PROCEDURE_CODE.matcher(s).matches())) {
            return Set.copyOf(list.stream().map(String.class::cast).toList());
        }
        throw new IllegalArgumentException(HIDDEN_PROCEDURES + ": must be a list of national procedure codes d.dddddd");
    }

    private static int maxBatch(Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && n.longValue() >= 1 && n.longValue() <= MAX_BATCH_LIMIT) {
            return n.intValue();
        }
        throw new IllegalArgumentException(MAX_BATCH + ": must be a whole number between 1 and " + MAX_BATCH_LIMIT);
    }
}
