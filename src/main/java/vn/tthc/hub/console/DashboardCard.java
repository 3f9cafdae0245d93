package vn.tthc.hub.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One partner on the dashboard (the JSON of {@code GET /api/v1/dashboard} and the model of a card).
 *
 * @param partner        id: a target ({@code dvcqg}, {@code ministry-G06}…), a pulled source ({@code coordination}) or the NDXP channel
 * @param kind           {@code target} (the hub delivers to it, and may also pull from it), {@code source} (pulled only), {@code channel} (NDXP)
 * @param name           the partner's own name when the settings give one (a ministry's), else null
 * @param pulled         the hub also pulls from it
 * @param deliveries     deliveries by state: to the target; for a source, those its versions produced; for NDXP, those going through it
 * @param via            for the channel: the targets whose deliveries go through it
 * @param circuit        for a target: its circuit in this instance ({@code closed|open|half-open}), else null
 */
public record DashboardCard(String partner, String kind, String name, boolean pulled, StateCounts deliveries, Rates lastHour,
                            Rates lastDay, Health health, Instant lastSuccess, Queue queue, Pull pull, Reconciliation reconciliation,
                            Map<String, Long> token, List<String> via, String circuit) {

    public DashboardCard(String partner, String kind, String name, boolean pulled, StateCounts deliveries, Rates lastHour,
                         Rates lastDay, Health health, Instant lastSuccess, Queue queue, Pull pull, Reconciliation reconciliation,
                         Map<String, Long> token, List<String> via) {
        this(partner, kind, name, pulled, deliveries, lastHour, lastDay, health, lastSuccess, queue, pull, reconciliation, token, via, null);
    }

    public boolean failing() {
        return health != null && Health.FAILING.equals(health.status());
    }

    /** Attempts in a window, how many delivered and failed, and the share that failed (null without attempts). */
    public record Rates(long attempts, long delivered, long failed, Double errorRate) {
        public static Rates of(long attempts, long delivered) {
            return new Rates(attempts, delivered, attempts - delivered, attempts == 0 ? null : (attempts - delivered) / (double) attempts);
        }

        public Rates plus(Rates o) {
            return of(attempts + o.attempts, delivered + o.delivered);
        }
    }

    /**
     * Whether the partner fails, by the alerts' rule ({@code alert.PartnerStatus}): {@code failing} when every attempt
     * since {@code since} failed, something still waits and that lasted the alert threshold (or an incident is open);
     * {@code degraded} when it is so but for less than the threshold; {@code ok} when the last attempts worked;
     * {@code idle} without attempts in the alerts' look-back.
     *
     * @param incident the open alert incident's id, when one is open
     */
    public record Health(String status, Instant since, String lastError, Integer lastHttpStatus, Integer waitingDossiers,
                         String incident) {
        public static final String FAILING = "failing";
        public static final String DEGRADED = "degraded";
        public static final String OK = "ok";
        public static final String IDLE = "idle";
    }

    /** The partner's broker queue and its dead-letter queue, with their depths (null when the broker could not say). */
    public record Queue(String name, Long depth, String deadLetterName, Long deadLetters, String readVia) {
    }

    /** The partner's scheduled pull: its cron, zone, next run and the watermark it reached. */
    public record Pull(String cron, String zone, Instant next, String watermark) {
    }

    /** The latest finished reconciliation: the run, and the differences it found with this partner by category. */
    public record Reconciliation(long runId, String state, Instant finishedAt, long differences, Map<String, Long> byCategory,
                                 Long runningId) {
    }
}
