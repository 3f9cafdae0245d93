package vn.tthc.hub.sync;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.dossier.Pii;

/**
 * The dead letters: list them, replay one (DEAD back to PENDING through the normal outbox, once however many times it
 * is asked), or discard one with a reason. A version whose successor already reached the target is superseded:
 * replaying it would move the target backwards, so it is refused and offered for discarding. Every replay and discard
 * is audited.
 */
@Service
public class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    public static final String AUDIT_REPLAY = "delivery.replay";
    public static final String AUDIT_DISCARD = "delivery.discard";

    private final DeliveryStore store;
    private final AuditLog audit;
    private final Clock clock;

    public DeadLetters(DeliveryStore store, AuditLog audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    public List<DeadLetter> list(DeadLetterFilter filter, long offset, int limit) {
        return store.deadLetters(filter, offset, limit);
    }

    public long count(DeadLetterFilter filter) {
        return store.countDeadLetters(filter);
    }

    /**
     * Replays one dead delivery and audits it.
     *
     * @return the delivery's state afterwards (PENDING)
     * @throws ReplayRefused NOT_FOUND, CONFLICT when it is not DEAD (any more), SUPERSEDED when a later version was delivered
     */
    public DeliveryState replay(long id, String user, String remoteAddress) {
        DeliveryStore.ReplayCandidate c = store.replayCandidate(id)
                .orElseThrow(() -> ReplayRefused.notFound("no delivery #" + id));
        Outcome o = replayOne(c, user);
        switch (o) {
            case REPLAYED -> {
                audit.record(user, AUDIT_REPLAY, "delivery #" + id, describe(c) + "; dead after " + c.attempts() + " attempt(s): "
                        + Pii.maskText(String.valueOf(c.lastError())), remoteAddress);
                log.info("Delivery #{} ({}) replayed by {}", id, describe(c), user);
                return DeliveryState.PENDING;
            }
            case SUPERSEDED -> throw new ReplayRefused(ReplayRefused.Kind.SUPERSEDED, null, "delivery #" + id + " is superseded: a later"
                    + " version of dossier " + c.dossierCode() + " was already delivered to " + c.target()
                    + "; replaying it would move the target backwards — discard it instead");
            default -> {
                DeliveryState now = store.replayCandidate(id).map(DeliveryStore.ReplayCandidate::state).orElse(c.state());
                throw ReplayRefused.conflict("delivery #" + id + " is " + now + ", not DEAD: only a dead delivery is replayed");
            }
        }
    }

    /** What one conditional replay did. */
    enum Outcome { REPLAYED, SUPERSEDED, NOT_DEAD }

    /** The conditional replay shared by the single and the bulk replay (no audit: the callers audit their own way). */
    Outcome replayOne(DeliveryStore.ReplayCandidate c, String user) {
        if (c.state() != DeliveryState.DEAD) {
            return Outcome.NOT_DEAD;
        }
        if (c.superseded()) {
            return Outcome.SUPERSEDED;
        }
        Instant now = clock.instant();
        String note = "replayed by " + user + " at " + now + " after " + c.attempts() + " attempt(s); it was dead with: "
                + Pii.maskText(String.valueOf(c.lastError()));
        if (store.replay(c.id(), user, note, now) == 1) {
            return Outcome.REPLAYED;
        }
        // changed meanwhile: superseded by a successor just delivered, or replayed or discarded by someone else
        return store.replayCandidate(c.id()).filter(x -> x.state() == DeliveryState.DEAD && x.superseded()).isPresent()
                ? Outcome.SUPERSEDED : Outcome.NOT_DEAD;
    }

    /**
     * Discards one dead delivery with a reason and audits it.
     *
     * @throws ReplayRefused INVALID naming {@code reason} when blank, NOT_FOUND, CONFLICT when it is not DEAD
     */
    public DeliveryState discard(long id, String reason, String user, String remoteAddress) {
        if (reason == null || reason.isBlank()) {
            throw ReplayRefused.invalid("reason", "required: say why this delivery is given up");
        }
        String why = Pii.maskText(reason.strip());
        DeliveryStore.ReplayCandidate c = store.replayCandidate(id)
                .orElseThrow(() -> ReplayRefused.notFound("no delivery #" + id));
        if (store.discard(id, why, user, clock.instant()) != 1) {
            DeliveryState now = store.replayCandidate(id).map(DeliveryStore.ReplayCandidate::state).orElse(c.state());
            throw ReplayRefused.conflict("delivery #" + id + " is " + now + ", not DEAD: only a dead delivery is discarded");
        }
        audit.record(user, AUDIT_DISCARD, "delivery #" + id, describe(c) + "; reason: " + why, remoteAddress);
        log.info("Delivery #{} ({}) discarded by {}: {}", id, describe(c), user, why);
        return DeliveryState.DISCARDED;
    }

    static String describe(DeliveryStore.ReplayCandidate c) {
        return "dossier " + c.dossierCode() + " v" + c.version() + " from " + c.source() + " to " + c.target();
    }
}
