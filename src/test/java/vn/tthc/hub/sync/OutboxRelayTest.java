package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.ManualClock;

/**
 * The outbox relay against a mocked store and a mocked JMS connection factory: due deliveries are
 * marked published and their ids sent to {@code hub.<target>}, grouped by dossier, in one JMS
 * transaction committed before the database's; a broker failure rolls the database back so they
 * stay due; deliveries published long ago and still open are made due again.
 */
class OutboxRelayTest {
    static final Instant T0 = Instant.parse("2026-11-23T03:00:00Z");

    ManualClock clock;
    DeliveryStore store;
    PlatformTransactionManager txManager;
    ConnectionFactory factory;
    Connection connection;
    Session session;
    SyncProperties props;
    /** Producers by queue name, and each message sent with its text and group. */
    final Map<String, MessageProducer> producers = new HashMap<>();
    final List<Sent> sent = new ArrayList<>();
    OutboxRelay relay;

    record Sent(String queue, String text, String group) {
    }

    @BeforeEach
    void setUp() throws JMSException {
        clock = new ManualClock(T0);
        store = mock(DeliveryStore.class);
        txManager = mock(PlatformTransactionManager.class);
        when(txManager.getTransaction(any())).thenAnswer(i -> new SimpleTransactionStatus());
        factory = mock(ConnectionFactory.class);
        connection = mock(Connection.class);
        session = mock(Session.class);
        when(factory.createConnection()).thenReturn(connection);
        when(connection.createSession(true, Session.SESSION_TRANSACTED)).thenReturn(session);
        when(session.createQueue(anyString())).thenAnswer(i -> {
            Queue q = mock(Queue.class);
            when(q.getQueueName()).thenReturn(i.getArgument(0));
            return q;
        });
        when(session.createProducer(any())).thenAnswer(i -> {
            String queue = ((Queue) i.getArgument(0)).getQueueName();
            MessageProducer p = mock(MessageProducer.class);
            doAnswer(s -> {
                TextMessage m = s.getArgument(0);
                sent.add(new Sent(queue, m.getText(), m.getStringProperty(OutboxRelay.GROUP_PROPERTY)));
                return null;
            }).when(p).send(any(), anyInt(), anyInt(), anyLong());
            producers.put(queue, p);
            return p;
        });
        when(session.createTextMessage(anyString())).thenAnswer(i -> {
            Map<String, String> properties = new HashMap<>();
            TextMessage m = mock(TextMessage.class);
            when(m.getText()).thenReturn(i.getArgument(0));
            doAnswer(s -> properties.put(s.getArgument(0), s.getArgument(1))).when(m)
                    .setStringProperty(anyString(), anyString());
            when(m.getStringProperty(anyString())).thenAnswer(s -> properties.get(s.<String>getArgument(0)));
            return m;
        });
        props = new SyncProperties();
        relay = new OutboxRelay(factory, store, new TransactionTemplate(txManager), props, clock);
    }

    @Test
    void dueDeliveriesAreMarkedPublishedAndTheirIdsSentToTheirTargetsQueueInOneTransaction() throws JMSException {
        when(store.lockDue(T0, 500)).thenReturn(List.of(new DeliveryStore.DueDelivery(11, "D-1", "emc"),
                new DeliveryStore.DueDelivery(12, "D-2", "dvcqg"), new DeliveryStore.DueDelivery(13, "D-1", "dvcqg")));

        assertThat(relay.publishDue()).isEqualTo(3);

        assertThat(sent).containsExactly(new Sent("hub.emc", "11", "D-1"), new Sent("hub.dvcqg", "12", "D-2"),
                new Sent("hub.dvcqg", "13", "D-1"));
        // persistent, default priority, never expiring: an id lost in the broker would leave its delivery waiting for the stale sweep
        verify(producers.get("hub.emc")).send(any(), eq(DeliveryMode.PERSISTENT), eq(4), eq(0L));
        verify(producers.get("hub.dvcqg"), times(2)).send(any(), eq(DeliveryMode.PERSISTENT), eq(4), eq(0L));
        verify(connection).createSession(true, Session.SESSION_TRANSACTED);
        InOrder order = inOrder(store, session, txManager);
        order.verify(store).lockDue(T0, 500);
        order.verify(store).markPublished(List.of(11L, 12L, 13L), T0);
        // the broker's transaction first: a crash before the database commits re-sends, never loses
        order.verify(session).commit();
        order.verify(txManager).commit(any());
        verify(session, times(1)).commit();
        verify(session, never()).rollback();
        verify(txManager, never()).rollback(any());
    }

    @Test
    void nothingDueOpensNoBrokerConnection() {
        when(store.lockDue(any(), anyInt())).thenReturn(List.of());

        assertThat(relay.publishDue()).isZero();

        verify(store, never()).markPublished(anyList(), any());
        verifyNoInteractions(factory);
    }

    @Test
    void aFullBatchIsFollowedByTheNextOneEachInItsOwnTransaction() throws JMSException {
        props.getRelay().setBatchSize(2);
        when(store.lockDue(T0, 2)).thenReturn(List.of(new DeliveryStore.DueDelivery(1, "A", "emc"), new DeliveryStore.DueDelivery(2, "B", "emc")),
                List.of(new DeliveryStore.DueDelivery(3, "C", "emc")));

        assertThat(relay.publishDue()).isEqualTo(3);

        InOrder order = inOrder(store, session);
        order.verify(store).markPublished(List.of(1L, 2L), T0);
        order.verify(session).commit();
        order.verify(store).markPublished(List.of(3L), T0);
        order.verify(session).commit();
        assertThat(sent).extracting(Sent::text).containsExactly("1", "2", "3");
        // one connection and session for the relay's life, one producer per target queue
        verify(factory, times(1)).createConnection();
        verify(session, times(1)).createProducer(any());
    }

    @Test
    void aBrokerFailureRollsTheDatabaseBackSoTheDeliveriesStayDue() throws JMSException {
        when(store.lockDue(any(), anyInt())).thenReturn(List.of(new DeliveryStore.DueDelivery(21, "D-1", "emc")));
        doThrow(new JMSException("broker gone")).when(session).commit();

        assertThatThrownBy(relay::publishDue).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 deliveries stay due").hasMessageContaining("broker gone");

        verify(store).markPublished(List.of(21L), T0);
        verify(txManager).rollback(any());
        // the only database commit is the stale sweep's, which runs in a transaction of its own before
        InOrder order = inOrder(store, txManager);
        order.verify(store).unpublishStale(any());
        order.verify(txManager).commit(any());
        order.verify(store).markPublished(List.of(21L), T0);
        order.verify(txManager).rollback(any());
        verify(txManager, times(1)).commit(any());
        verify(session).close();
        verify(connection).close();

        // the next run connects afresh and sends them
        doNothing().when(session).commit();
        assertThat(relay.publishDue()).isEqualTo(1);
        verify(factory, times(2)).createConnection();
        assertThat(sent).extracting(Sent::text).containsExactly("21", "21");
    }

    @Test
    void deliveriesPublishedLongAgoAndStillOpenArePublishedAgain() throws JMSException {
        props.getRelay().setStaleAfter(Duration.ofMinutes(10));
        // the sweep makes delivery 31 unpublished again, so the next lock finds it due
        when(store.unpublishStale(T0.minus(Duration.ofMinutes(10)))).thenReturn(1);
        when(store.lockDue(any(), anyInt())).thenReturn(List.of(new DeliveryStore.DueDelivery(31, "D-9", "province")));

        assertThat(relay.publishDue()).isEqualTo(1);

        InOrder order = inOrder(store, session);
        order.verify(store).unpublishStale(T0.minus(Duration.ofMinutes(10)));
        order.verify(store).lockDue(T0, 500);
        order.verify(store).markPublished(List.of(31L), T0);
        order.verify(session).commit();
        assertThat(sent).containsExactly(new Sent("hub.province", "31", "D-9"));
    }

    @Test
    void theStaleSweepRunsAtMostEveryThirtySeconds() {
        when(store.lockDue(any(), anyInt())).thenReturn(List.of());

        relay.publishDue();
        clock.advance(Duration.ofSeconds(29));
        relay.publishDue();
        verify(store, times(1)).unpublishStale(any());

        clock.advance(Duration.ofSeconds(1));
        relay.publishDue();
        verify(store).unpublishStale(T0.plusSeconds(30).minus(props.getRelay().getStaleAfter()));
        verify(store, times(2)).unpublishStale(any());
    }

    @Test
    void stoppingClosesTheBrokerSession() throws JMSException {
        when(store.lockDue(any(), anyInt())).thenReturn(List.of(new DeliveryStore.DueDelivery(41, "D-1", "emc")));
        relay.publishDue();

        relay.destroy();

        verify(session).close();
        verify(connection).close();
    }
}
