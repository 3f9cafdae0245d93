package vn.tthc.hub.sync;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;

/**
 * One circuit per target, in this hub instance (resilience4j, count-based): it opens after
 * {@code failureThreshold} transient failures in a row (5xx, timeouts, resets: the adapter's TRANSIENT results); a
 * business rejection (PERMANENT) is the target answering and counts as a success, and so does a transient failure of
 * an attempt that got further than the one before (the target took some of its calls, e.g. the portal stored the
 * dossier and then failed a progress chunk): the circuit is about a target that does not answer, not about unlucky
 * deliveries of several calls — at 30 % 503s per call half of a portal's three-call deliveries fail, and counting
 * those opened the circuit now and then for a target that answered 70 % of its calls. While open no delivery is attempted
 * (the worker defers it, not an attempt); after {@code openDuration} one probe at a time goes out (half-open): a
 * success closes the circuit, a failure opens it again.
 *
 * <p>When the circuit closes again the {@code waker} is called: it makes the target's waiting deliveries due now (a
 * database update, so deliveries waiting in every instance resume). While the circuit is closed (the target answered
 * at least one of its last {@code failureThreshold} calls) a transient failure waits at most {@code healthyMaxDelay}
 * before its retry: an unlucky delivery does not sit out minutes of backoff behind a target that answers.
 *
 * <p>Metrics: {@code hub.partner.circuit.state{target}} (0 closed, 1 half-open, 2 open) and
 * {@code hub.partner.circuit.opens{target}}.
 */
public class PartnerCircuits {
    private static final Logger log = LoggerFactory.getLogger(PartnerCircuits.class);

    /** The state as the API and the console show it. */
    public enum State {
        CLOSED("closed", 0), HALF_OPEN("half-open", 1), OPEN("open", 2);

        private final String label;
        private final int gauge;

        State(String label, int gauge) {
            this.label = label;
            this.gauge = gauge;
        }

        public String label() { return label; }
        public int gauge() { return gauge; }
    }

    /** What the worker does with a delivery now: attempt it (a permission is held until {@link #record}) or defer it. */
    public record Gate(boolean permitted, Instant deferUntil) {
        static final Gate PERMIT = new Gate(true, null);
    }

    private final class Circuit {
        final String target;
        final CircuitSettings settings;
        final CircuitBreaker breaker;
        final Counter opens;
        volatile Instant openUntil = Instant.EPOCH;
        volatile boolean healthy = true;
        volatile Instant lastWake = Instant.EPOCH;

        Circuit(String target, CircuitSettings s) {
            this.target = target;
            this.settings = s;
            int n = s.getFailureThreshold();
            this.breaker = CircuitBreaker.of(target, CircuitBreakerConfig.custom()
                    .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                    // a window of n calls that opens at 100 % failed: n failures in a row
                    .slidingWindowSize(n).minimumNumberOfCalls(n).failureRateThreshold(100f)
                    .slowCallRateThreshold(100f).slowCallDurationThreshold(Duration.ofDays(1))
                    .waitDurationInOpenState(s.getOpenDuration())
                    .permittedNumberOfCallsInHalfOpenState(1)
                    // a probe whose outcome is never recorded (a worker killed mid-call) must not hold the circuit half-open
                    .maxWaitDurationInHalfOpenState(max(s.getOpenDuration().multipliedBy(6), Duration.ofMinutes(2)))
                    .automaticTransitionFromOpenToHalfOpenEnabled(false)
                    .clock(clock)
                    .build());
            this.opens = Counter.builder("hub.partner.circuit.opens").description("times the target's circuit opened")
                    .tag("target", target).register(meters);
            Gauge.builder("hub.partner.circuit.state", this, c -> c.state().gauge())
                    .description("circuit of the target: 0 closed, 1 half-open, 2 open").tag("target", target).register(meters);
            breaker.getEventPublisher().onStateTransition(e -> {
                CircuitBreaker.State to = e.getStateTransition().getToState();
                if (to == CircuitBreaker.State.OPEN) {
                    openUntil = clock.instant().plus(settings.getOpenDuration());
                    opens.increment();
                    log.warn("Circuit of {} is open ({} after {} transient failures in a row): one probe every {}", target,
                            e.getStateTransition(), settings.getFailureThreshold(), settings.getOpenDuration());
                } else if (to == CircuitBreaker.State.CLOSED) {
                    log.info("Circuit of {} is closed again: its waiting deliveries resume", target);
                }
            });
        }

        State state() {
            return switch (breaker.getState()) {
                case CLOSED, DISABLED, METRICS_ONLY -> State.CLOSED;
                case HALF_OPEN -> State.HALF_OPEN;
                default -> State.OPEN;
            };
        }

        /**
         * Closed: the target answered at least one of its last {@code failureThreshold} calls. (A share of failed calls
         * would not do: at 30 % 503s per call, a portal delivery of two or three calls fails about half the time.)
         */
        boolean computeHealthy() {
            return breaker.getState() == CircuitBreaker.State.CLOSED;
        }
    }

    private final Function<String, CircuitSettings> settingsOf;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Consumer<String> waker;
    private final Map<String, Circuit> circuits = new ConcurrentHashMap<>();

    /**
     * @param settingsOf each target's circuit settings
     * @param waker      makes a target's waiting deliveries due now (called when the target is healthy again)
     */
    public PartnerCircuits(Function<String, CircuitSettings> settingsOf, Clock clock, MeterRegistry meters, Consumer<String> waker) {
        this.settingsOf = settingsOf;
        this.clock = clock;
        this.meters = meters;
        this.waker = waker;
    }

    private Circuit circuit(String target) {
        return circuits.computeIfAbsent(target, t -> new Circuit(t, settingsOf.apply(t)));
    }

    /** Registers the target's circuit (and its gauge) before its first delivery. */
    public void register(String target) {
        circuit(target);
    }

    public State state(String target) {
        return circuit(target).state();
    }

    /**
     * Before an attempt: a permission to call the target, or when to look again. While open: a little after the open
     * interval ends (spread over one more interval, so the backlog does not come back at one instant; the first one
     * back is the probe); while half-open with the probe out: within one interval (a successful probe wakes them
     * sooner).
     */
    public Gate gate(String target) {
        Circuit c = circuit(target);
        if (c.breaker.tryAcquirePermission()) {
            return Gate.PERMIT;
        }
        Instant now = clock.instant();
        Instant from = c.openUntil.isAfter(now) ? c.openUntil : now;
        long spreadMs = Math.max(1, c.settings.getOpenDuration().toMillis());
        return new Gate(false, from.plusMillis(Math.max(50, ThreadLocalRandom.current().nextLong(spreadMs))));
    }

    /** {@link #record(String, AdapterResult.Kind, boolean, boolean, long)} of an attempt that made no progress. */
    public void record(String target, AdapterResult.Kind kind, boolean hubFault, long latencyMs) {
        record(target, kind, hubFault, false, latencyMs);
    }

    /**
     * After an attempt that held a permission: TRANSIENT counts as a failure unless {@code progressed} (the target took
     * part of the attempt: its stage advanced), DELIVERED and PERMANENT (the target answered) as a success;
     * {@code hubFault} (nothing was learnt about the target, e.g. a mapping error) releases the permission without
     * counting. Wakes the target's waiting deliveries when it is healthy again.
     */
    public void record(String target, AdapterResult.Kind kind, boolean hubFault, boolean progressed, long latencyMs) {
        Circuit c = circuit(target);
        if (hubFault) {
            c.breaker.releasePermission();
        } else if (kind == AdapterResult.Kind.TRANSIENT && !progressed) {
            c.breaker.onError(latencyMs, TimeUnit.MILLISECONDS, new TransientFailure());
        } else {
            c.breaker.onSuccess(latencyMs, TimeUnit.MILLISECONDS);
        }
        boolean healthy = c.computeHealthy();
        boolean was = c.healthy;
        c.healthy = healthy;
        if (healthy && !was) {
            Instant now = clock.instant();
            if (!now.isBefore(c.lastWake.plus(c.settings.getOpenDuration()))) {
                c.lastWake = now;
                try {
                    waker.accept(target);
                } catch (RuntimeException e) {
                    // the deliveries keep their own due times (bounded while the circuit was open): later, never lost
                    log.warn("Could not wake the waiting deliveries of {}: {}", target, e.getMessage());
                }
            }
        }
    }

    /**
     * The retry policy to apply to a transient failure now: while the circuit is closed the backoff is capped at
     * {@code healthyMaxDelay}, so an unlucky delivery does not wait minutes behind a target that answers; while it is
     * open or half-open the target's own policy (the close wakes the delivery anyway).
     */
    public RetrySettings retryFor(String target, RetrySettings retry) {
        Circuit c = circuit(target);
        if (!c.computeHealthy() || retry.getMaxDelay().compareTo(c.settings.getHealthyMaxDelay()) <= 0) {
            return retry;
        }
        // sooner, but not fewer in time: the capped policy keeps the original one's time budget before DEAD
        return RetryPolicy.capped(retry, c.settings.getHealthyMaxDelay());
    }

    /** The longest a transient failure waits while the target's circuit is closed. */
    public Duration healthyMaxDelay(String target) {
        return circuit(target).settings.getHealthyMaxDelay();
    }

    /** Labels of a state for the API ({@code closed|open|half-open}). */
    public String label(String target) {
        return state(target).label().toLowerCase(Locale.ROOT);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** What the breaker records for a transient failure (no stack trace: it is an answer, not a bug). */
    static final class TransientFailure extends RuntimeException {
        TransientFailure() {
            super("transient failure", null, false, false);
        }
    }
}
