package vn.tthc.hub.sync;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves due outbox rows onto the broker: locks a batch of due deliveries, marks them published,
 * sends their ids (grouped by dossier, so one consumer sees a dossier's versions in order) in one
 * JMS transaction, and only then commits the database. A crash in between re-sends, never loses;
 * consumers ignore ids whose delivery is already closed. Also re-publishes deliveries whose
 * message vanished (published long ago, still open).
 */
@Component
public class OutboxRelay implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** JMS property carrying the dossier code as the Artemis message group. */
    public static final String GROUP_PROPERTY = "JMSXGroupID";

    private final ConnectionFactory connectionFactory;
    private final DeliveryStore store;
    private final TransactionTemplate tx;
    private final SyncProperties props;
    private final Clock clock;
    private Connection connection;
    private Session session;
    private final Map<String, MessageProducer> producers = new HashMap<>();
    private Instant lastStaleSweep = Instant.EPOCH;

    public OutboxRelay(ConnectionFactory connectionFactory, DeliveryStore store, TransactionTemplate tx, SyncProperties props, Clock clock) {
        this.connectionFactory = connectionFactory;
        this.store = store;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    public static String queueOf(String target) {
        return "hub." + target;
    }

    public static String deadLetterQueueOf(String target) {
        return "DLQ.hub." + target;
    }

    /** Publishes everything due now, batch by batch; returns how many deliveries were published. */
    public synchronized int publishDue() {
        Instant now = clock.instant();
        sweepStale(now);
        int batch = props.getRelay().getBatchSize();
        int total = 0;
        while (true) {
            Integer n = tx.execute(status -> {
                List<DeliveryStore.DueDelivery> due = store.lockDue(now, batch);
                if (due.isEmpty()) {
                    return 0;
                }
                store.markPublished(due.stream().map(DeliveryStore.DueDelivery::id).toList(), now);
                send(due);
                return due.size();
            });
            total += n == null ? 0 : n;
            if (n == null || n < batch) {
                return total;
            }
        }
    }

    private void sweepStale(Instant now) {
        if (now.isBefore(lastStaleSweep.plusSeconds(30))) {
            return;
        }
        lastStaleSweep = now;
        Integer n = tx.execute(s -> store.unpublishStale(now.minus(props.getRelay().getStaleAfter())));
        if (n != null && n > 0) {
            log.warn("Re-publishing {} deliveries whose broker message was not consumed within {}", n, props.getRelay().getStaleAfter());
        }
    }

    private void send(List<DeliveryStore.DueDelivery> due) {
        try {
            Session s = session();
            for (DeliveryStore.DueDelivery d : due) {
                TextMessage m = s.createTextMessage(Long.toString(d.id()));
                m.setStringProperty(GROUP_PROPERTY, d.dossierCode());
                producer(s, d.target()).send(m, DeliveryMode.PERSISTENT, 4, 0);
            }
            s.commit();
        } catch (JMSException e) {
            reset();
            throw new IllegalStateException("broker unavailable, " + due.size() + " deliveries stay due: " + e.getMessage(), e);
        }
    }

    private Session session() throws JMSException {
        if (session == null) {
            connection = connectionFactory.createConnection();
            session = connection.createSession(true, Session.SESSION_TRANSACTED);
        }
        return session;
    }

    private MessageProducer producer(Session s, String target) throws JMSException {
        MessageProducer p = producers.get(target);
        if (p == null) {
            p = s.createProducer(s.createQueue(queueOf(target)));
            producers.put(target, p);
        }
        return p;
    }

    private void reset() {
        producers.clear();
        try {
            if (session != null) {
                session.close();
            }
        } catch (JMSException ignored) {
            // the session is being discarded
        }
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (JMSException ignored) {
            // the connection is being discarded
        }
        session = null;
        connection = null;
    }

    @Override
    public synchronized void destroy() {
        reset();
    }
}
