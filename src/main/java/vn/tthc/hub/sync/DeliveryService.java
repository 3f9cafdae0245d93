package vn.tthc.hub.sync;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.mapping.MappingException;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;

/**
 * Attempts one delivery named by a broker message: skips closed ones (duplicate messages), waits
 * while an earlier version of the same dossier is still open for the target (ordering), calls the
 * target's adapter, and records the attempt and the new state in one transaction: delivered,
 * failed with a retry scheduled (exponential backoff with jitter), or dead.
 */
@Service
public class DeliveryService {
    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);

    /** What the route does next with the message. */
    public enum Outcome { DELIVERED, FAILED, DEAD, DEFERRED, DUPLICATE, MISSING }

    private final DeliveryStore store;
    private final TargetRegistry targets;
    private final TransactionTemplate tx;
    private final SyncProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final List<DeliveryListener> listeners;
    private final PartnerCircuits circuits;

    public DeliveryService(DeliveryStore store, TargetRegistry targets, TransactionTemplate tx, SyncProperties props, Clock clock,
                           MeterRegistry meters) {
        this(store, targets, tx, props, clock, meters, List.of());
    }

    public DeliveryService(DeliveryStore store, TargetRegistry targets, TransactionTemplate tx, SyncProperties props, Clock clock,
                           MeterRegistry meters, List<DeliveryListener> listeners) {
        this(store, targets, tx, props, clock, meters, listeners, new PartnerCircuits(t -> {
            try {
                return targets.adapter(t).settings().getCircuit();
            } catch (IllegalArgumentException e) {
                return new CircuitSettings();
            }
        }, clock, meters, t -> store.wakeTarget(t, clock.instant(), SyncConfig.WAKE_LIMIT)));
    }

    @Autowired
    public DeliveryService(DeliveryStore store, TargetRegistry targets, TransactionTemplate tx, SyncProperties props, Clock clock,
                           MeterRegistry meters, List<DeliveryListener> listeners, PartnerCircuits circuits) {
        this.circuits = circuits;
        this.listeners = List.copyOf(listeners);
        this.store = store;
        this.targets = targets;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
    }

    public Outcome process(long deliveryId, Boolean redelivered) {
        Optional<DeliveryStore.DeliveryWork> found = store.loadWork(deliveryId);
        if (found.isEmpty()) {
            log.warn("Delivery #{} named by a broker message does not exist", deliveryId);
            return count("?", Outcome.MISSING);
        }
        DeliveryStore.DeliveryWork w = found.get();
        if (DeliveryDecision.closed(w.state())) {
            return count(w.target(), Outcome.DUPLICATE);
        }
        Instant now = clock.instant();
        Optional<Instant> predecessorDue = store.openPredecessorDue(w.source(), w.dossierCode(), w.target(), w.version());
        if (predecessorDue.isPresent()) {
            store.defer(w.id(), DeliveryDecision.deferredUntil(now, predecessorDue.get(), props.getRelay().getDeferDelay()), now);
            return count(w.target(), Outcome.DEFERRED);
        }
        Optional<Long> newer = store.deliveredSuccessor(w.source(), w.dossierCode(), w.target(), w.version());
        if (newer.isPresent()) {
            // only a replayed version can be here (its successor went ahead while it was DEAD): sending it would move the
            // target backwards, so it goes back to the dead letters, marked superseded, for a person to discard
            String why = "superseded: version " + newer.get() + " was delivered to " + w.target() + " first; discard this one";
            if (store.closeSuperseded(w.id(), why, now) == 1) {
                log.warn("Delivery #{} of dossier {} v{} to {} not sent: {}", w.id(), w.dossierCode(), w.version(), w.target(), why);
                return count(w.target(), Outcome.DEAD);
            }
            return count(w.target(), Outcome.DUPLICATE);
        }
        Optional<String> lastHash = store.lastDeliveredPayloadHash(w.source(), w.dossierCode(), w.target(), w.version());
        PartnerCircuits.Gate gate = circuits.gate(w.target());
        if (!gate.permitted()) {
            // the target's circuit is open (or its one probe is out): not an attempt, its retry budget is untouched
            store.defer(w.id(), gate.deferUntil(), now);
            if (circuits.state(w.target()) == PartnerCircuits.State.CLOSED) {
                // the probe closed the circuit (and woke the waiting deliveries) while this one was being deferred
                store.defer(w.id(), clock.instant(), now);
            }
            return count(w.target(), Outcome.DEFERRED);
        }
        long started = System.nanoTime();
        AdapterResult result;
        boolean hubFault = false;
        try {
            TargetAdapter adapter = targets.adapter(w.target());
            TargetAdapter.DeliveryRequest request = new TargetAdapter.DeliveryRequest(w.id(), w.source(), w.dossierCode(), w.version(),
                    CanonicalJson.fromJson(w.body()), w.stepsFrom(), w.stage(), lastHash.filter(h -> !h.isEmpty()).orElse(null),
                    lastHash.isPresent(), w.attempts(), Boolean.TRUE.equals(redelivered));
            result = adapter.deliver(request);
        } catch (MappingException e) {
            // a mapping's answer for this version never changes (e.g. its output would carry markup): no retry helps
            log.error("Delivery #{} to {}: {}", w.id(), w.target(), e.getMessage());
            result = AdapterResult.permanentFailure(w.stage(), null, e.getMessage());
            hubFault = true;
        } catch (RuntimeException e) {
            // an adapter bug, a stored body that no longer reads or a target gone from configuration must not
            // lose the delivery nor loop through the broker: it is an attempt that failed, retried and then DEAD
            log.error("Delivery #{} to {} failed unexpectedly", w.id(), w.target(), e);
            result = AdapterResult.transientFailure(w.stage(), null, "internal error: " + e.getClass().getSimpleName());
            hubFault = true;
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        // at once, before the database: a probe's outcome must reach the circuit even if recording it fails; an attempt
        // in which the target took some of its calls (it said so, or it got further than the last one) is the target answering
        circuits.record(w.target(), result.kind(), hubFault, result.answered() || result.stage() > w.stage(), latencyMs);
        return record(w, result, now, latencyMs);
    }

    /** The target's retry policy, or the default one for a target no longer configured (so that it still ends DEAD). */
    private RetrySettings retryOf(String target) {
        try {
            return targets.adapter(target).settings().getRetry();
        } catch (IllegalArgumentException e) {
            return new RetrySettings();
        }
    }

    private Outcome record(DeliveryStore.DeliveryWork w, AdapterResult r, Instant started, long latencyMs) {
        // while the target answers most calls, a transient failure is retried soon (capped backoff)
        RetrySettings own = retryOf(w.target());
        RetrySettings retry = r.kind() == AdapterResult.Kind.TRANSIENT ? circuits.retryFor(w.target(), own) : own;
        int attempts = w.attempts() + 1;
        Instant now = clock.instant();
        String error = r.error() == null ? null : Pii.maskText(r.error());
        // the retry budget counts from the last replay (the attempt numbers and their history go on)
        DeliveryDecision.Next next = DeliveryDecision.next(r.kind(), w.attemptsSinceReplay() + 1, error, retry, now,
                ThreadLocalRandom.current());
        final Outcome outcome = next.outcome();
        final DeliveryState state = next.state();
        final String err = next.error();
        final Instant nextAt = next.nextAttempt();
        boolean closedHere = Boolean.TRUE.equals(tx.execute(s -> {
            store.insertAttempt(w.id(), attempts, started, latencyMs, r.httpStatus(), r.kind().name(), err);
            if (store.finishAttempt(w.id(), state, attempts, r.stage(), nextAt, r.httpStatus(), err, r.payloadHash(), now) == 0) {
                return false;
            }
            if (state == DeliveryState.DELIVERED || state == DeliveryState.DEAD) {
                store.wakeSuccessors(w.source(), w.dossierCode(), w.target(), w.version(), now);
            }
            return true;
        }));
        if (!closedHere) {
            // a concurrent copy of this message closed the delivery first: its outcome stands (the attempt is kept)
            return count(w.target(), Outcome.DUPLICATE);
        }
        if (outcome == Outcome.DEAD) {
            log.error("Delivery #{} of dossier {} v{} to {} is DEAD after {} attempt(s): {}", w.id(), w.dossierCode(), w.version(),
                    w.target(), attempts, err);
            notifyDead(new DeliveryListener.DeadDelivery(w.id(), w.source(), w.dossierCode(), w.version(), w.target(), attempts,
                    r.httpStatus(), err, now));
        } else if (outcome == Outcome.FAILED) {
            Instant soon = now.plus(circuits.healthyMaxDelay(w.target()));
            if (retry == own && nextAt.isAfter(soon) && circuits.state(w.target()) == PartnerCircuits.State.CLOSED) {
                // the circuit closed (and woke the target's waiting deliveries) while this attempt was being recorded
                store.defer(w.id(), soon, now);
            }
            log.info("Delivery #{} of dossier {} v{} to {} failed (attempt {}), retry at {}: {}", w.id(), w.dossierCode(), w.version(),
                    w.target(), attempts, nextAt, err);
        }
        meters.timer("hub.delivery.attempt", "target", w.target(), "outcome", r.kind().name()).record(Duration.ofMillis(latencyMs));
        return count(w.target(), outcome);
    }

    /** After the commit: a listener's failure (e.g. the mail server down) must never undo or repeat the delivery's outcome. */
    private void notifyDead(DeliveryListener.DeadDelivery dead) {
        for (DeliveryListener l : listeners) {
            try {
                l.onDead(dead);
            } catch (RuntimeException e) {
                log.warn("Delivery listener {} failed on DEAD delivery #{}: {}", l.getClass().getSimpleName(), dead.deliveryId(),
                        Pii.maskText(String.valueOf(e.getMessage())));
            }
        }
    }

    private Outcome count(String target, Outcome o) {
        meters.counter("hub.delivery.outcome", "target", target, "outcome", o.name()).increment();
        return o;
    }
}
