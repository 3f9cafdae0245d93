package vn.tthc.hub.sync;

import java.time.Instant;

/**
 * Told about deliveries that reached DEAD, after the state is committed; owned by sync so that the
 * packages that react (alerts) depend on sync and never the other way round.
 */
public interface DeliveryListener {

    /** Called once per delivery that this worker closed as DEAD; must not throw into the delivery path. */
    void onDead(DeadDelivery dead);

    /** A delivery that reached DEAD: what, where, after how many attempts, and its (already masked) last error. */
    record DeadDelivery(long deliveryId, String source, String dossierCode, long version, String target, int attempts,
                        Integer httpStatus, String error, Instant at) {
    }
}
