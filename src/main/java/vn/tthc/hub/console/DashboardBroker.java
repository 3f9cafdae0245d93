package vn.tthc.hub.console;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TemporaryQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.api.jms.management.JMSManagementHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many messages wait on the broker's queues, asked through Artemis management messages (a request to
 * {@code activemq.management} reading the queue's {@code messageCount}): the same for the embedded broker and an
 * external one, with no JMX port. A broker that refuses management messages (its security denies the role) is
 * counted with a queue browser instead, up to {@link #BROWSE_LIMIT}. Answers are cached for {@link #TTL}, so that
 * however many screens refresh, the broker is asked at most once per queue in that time.
 */
@Component
public class DashboardBroker {
    private static final Logger log = LoggerFactory.getLogger(DashboardBroker.class);
    static final Duration TTL = Duration.ofSeconds(5);
    static final int BROWSE_LIMIT = 10_000;
    private static final long REPLY_TIMEOUT_MS = 2000;

    /** A queue's depth: the count, how it was read ({@code management}, {@code browser}, {@code unavailable}). */
    public record Depth(String queue, Long messages, String via) {
        /** A browsed count that reached the limit: at least this many. */
        public boolean atLeast() {
            return "browser".equals(via) && messages != null && messages >= BROWSE_LIMIT;
        }
    }

    private final ConnectionFactory connections;
    private final Clock clock;
    private volatile Map<String, Depth> cached = Map.of();
    private volatile Instant cachedAt = Instant.EPOCH;

    private final String managementAddress;

    public DashboardBroker(ConnectionFactory connections, Clock clock,
                           @Value("${hub.dashboard.broker-management-address:activemq.management}") String managementAddress) {
        this.connections = connections;
        this.clock = clock;
        this.managementAddress = managementAddress;
    }

    /** The depth of every named queue (cached for a few seconds). */
    public synchronized Map<String, Depth> depths(Collection<String> queues) {
        Instant now = clock.instant();
        if (cachedAt.plus(TTL).isAfter(now) && cached.keySet().containsAll(queues)) {
            return cached;
        }
        Map<String, Depth> out = new LinkedHashMap<>();
        try (Connection c = connections.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            try {
                Management m = new Management(s, managementAddress);
                try {
                    for (String q : queues) {
                        out.put(q, depth(s, m, q));
                    }
                } finally {
                    m.close();
                }
            } finally {
                s.close();
            }
        } catch (JMSException | RuntimeException e) {
            log.warn("Queue depths could not be read from the broker: {}", e.toString());
            queues.forEach(q -> out.putIfAbsent(q, new Depth(q, null, "unavailable")));
        }
        cached = Map.copyOf(out);
        cachedAt = now;
        return cached;
    }

    private Depth depth(Session s, Management m, String queue) {
        if (m.usable) {
            try {
                Long n = m.messageCount(queue);
                if (n != null) {
                    return new Depth(queue, n, "management");
                }
            } catch (JMSException | RuntimeException e) {
                log.debug("Management request for queue {} failed: {}", queue, e.toString());
            }
        }
        try {
            QueueBrowser b = s.createBrowser(s.createQueue(queue));
            try {
                long n = 0;
                for (Enumeration<?> e = b.getEnumeration(); e.hasMoreElements() && n < BROWSE_LIMIT; e.nextElement()) {
                    n++;
                }
                return new Depth(queue, n, "browser");
            } finally {
                b.close();
            }
        } catch (JMSException | RuntimeException e) {
            log.debug("Queue {} could not be browsed: {}", queue, e.toString());
            return new Depth(queue, null, "unavailable");
        }
    }

    /** Request and reply over the management address; unusable once the broker refuses it (then the browser counts). */
    private static final class Management {
        private final Session session;
        private TemporaryQueue reply;
        private MessageProducer producer;
        private MessageConsumer consumer;
        boolean usable = true;

        Management(Session session, String managementAddress) {
            this.session = session;
            Queue a = null;
            try {
                a = session.createQueue(managementAddress);
                reply = session.createTemporaryQueue();
                producer = session.createProducer(a);
                consumer = session.createConsumer(reply);
            } catch (JMSException | RuntimeException e) {
                log.debug("Management address {} not usable: {}", managementAddress, e.toString());
                usable = false;
            }
        }

        Long messageCount(String queue) throws JMSException {
            Message m = session.createMessage();
            JMSManagementHelper.putAttribute(m, ResourceNames.QUEUE + queue, "messageCount");
            m.setJMSReplyTo(reply);
            producer.send(m);
            Message r = consumer.receive(REPLY_TIMEOUT_MS);
            if (r == null) {
                usable = false;  // nobody answers: do not wait again for every other queue
                return null;
            }
            if (!JMSManagementHelper.hasOperationSucceeded(r)) {
                return null;
            }
            Object v;
            try {
                v = JMSManagementHelper.getResult(r, Long.class);
            } catch (Exception e) {
                return null;
            }
            return v instanceof Number n ? n.longValue() : null;
        }

        void close() {
            for (AutoCloseable c : List.<AutoCloseable>of(
                    () -> { if (consumer != null) consumer.close(); },
                    () -> { if (producer != null) producer.close(); },
                    () -> { if (reply != null) reply.delete(); })) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing a broken session's parts
                }
            }
        }
    }
}
