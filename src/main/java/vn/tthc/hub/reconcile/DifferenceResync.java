package vn.tthc.hub.reconcile;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.sync.DeliveryStore;

/**
 * Re-syncs one difference of a run by hand, the way the run heals it: the latest DELIVERED delivery of the dossier to
 * the target is re-opened and goes out again through the normal outbox path (the outbox relay publishes it, the worker
 * sends it with its retries and its idempotency). Applied at most once per row: the row is claimed (neither healed by
 * the run nor re-synced before) in the same transaction as the re-opening, and nothing is kept when the delivery is no
 * longer DELIVERED (already being sent again, or replaced by a newer version). Every re-sync is audited
 * ({@code RECONCILE_RESYNC}).
 */
@Service
public class DifferenceResync {
    /** What a person can re-sync: a target that lost, rolled back or altered a version the hub delivered. */
    static final Set<Category> RESYNCABLE = EnumSet.of(Category.MISSING_AT_TARGET, Category.STATUS_MISMATCH, Category.CONTENT_MISMATCH);
    public static final String AUDIT_ACTION = "reconcile.resync";

    private final ReconcileStore store;
    private final DeliveryStore deliveries;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;

    public DifferenceResync(ReconcileStore store, DeliveryStore deliveries, TransactionTemplate tx, AuditLog audit, Clock clock) {
        this.store = store;
        this.deliveries = deliveries;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether a row may still be re-synced (the console shows the button for these only). */
    public static boolean resyncable(ReconcileStore.Difference d) {
        return d.target() != null && RESYNCABLE.contains(d.category()) && !d.healed() && d.resyncedAt() == null;
    }

    /** Why a re-sync was refused: no such row, or a row that cannot (or no longer) be re-synced. */
    public static class Refused extends RuntimeException {
        private final boolean notFound;

        Refused(boolean notFound, String message) {
            super(message);
            this.notFound = notFound;
        }

        public boolean notFound() {
            return notFound;
        }
    }

    /** The outcome: the delivery re-queued. */
    public record Outcome(long runId, long differenceId, String dossierCode, String target, long deliveryId, Instant at, String by) {
    }

    /**
     * @throws Refused not found (no such run or row of it), or conflict (a category a person fixes elsewhere, a row healed
     *                 or re-synced already, a delivery no longer DELIVERED)
     */
    public Outcome resync(long runId, long differenceId, String user, String remoteAddress) {
        ReconcileStore.Difference d = store.difference(runId, differenceId)
                .orElseThrow(() -> new Refused(true, "no difference " + differenceId + " in reconciliation " + runId));
        if (d.target() == null || !RESYNCABLE.contains(d.category())) {
            throw new Refused(false, switch (d.category()) {
                case DEAD_LETTERED -> "a dead-lettered delivery is replayed from the dead letters, not re-synced here";
                case STUCK -> "a stuck delivery is still being retried: replay or discard it from the dead letters when it ends";
                default -> "a difference between the source and the hub is healed by intake: start a run that heals, or wait for the next pull";
            });
        }
        if (d.healed() || d.resyncedAt() != null) {
            throw new Refused(false, d.resyncedAt() != null ? "already re-synced by " + d.resyncedBy() + " at " + d.resyncedAt()
                    : "already healed by the run: " + d.healAction());
        }
        Instant now = clock.instant();
        Optional<Long> reopened = tx.execute(status -> {
            if (!store.claimResync(runId, differenceId, user, "re-synced by " + user, now)) {
                return Optional.<Long>empty();
            }
            Optional<Long> id = deliveries.reopenLatestDelivered(d.source(), d.dossierCode(), d.target(), now);
            if (id.isEmpty()) {
                status.setRollbackOnly();
                return Optional.<Long>of(-1L);
            }
            // the row's action names the delivery re-queued, like the run's own heals
            store.claimResyncAction(runId, differenceId, "re-synced by " + user + ": re-queued delivery #" + id.get());
            return id;
        });
        if (reopened == null || reopened.isEmpty()) {
            throw new Refused(false, "already healed or re-synced (by someone else just now)");
        }
        if (reopened.get() < 0) {
            throw new Refused(false, "not re-queued: the latest delivery of " + d.dossierCode() + " to " + d.target()
                    + " is no longer DELIVERED (being sent again, or a newer version replaced it)");
        }
        audit.record(user, AUDIT_ACTION, "reconciliation " + runId + " difference " + differenceId,
                d.category().key() + " " + d.dossierCode() + " → " + d.target() + ": re-queued delivery #" + reopened.get(), remoteAddress);
        return new Outcome(runId, differenceId, d.dossierCode(), d.target(), reopened.get(), now, user);
    }
}
