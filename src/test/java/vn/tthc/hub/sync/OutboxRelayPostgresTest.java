package vn.tthc.hub.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Two outbox relays (two hub instances) on one real PostgreSQL publish the same outbox in parallel: every due delivery
 * is published exactly once, by one of them (FOR UPDATE SKIP LOCKED: disjoint batches), and both do part of the work.
 */
class OutboxRelayPostgresTest {
    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    static final int DOSSIERS = 600;
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void twoRelaysInParallelNeverPublishTheSameDeliveryTwice() throws Exception {
        DataSource ds = pg.getPostgresDatabase();
        Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).load().migrate();
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(ds);
        VersionStore versions = new VersionStore(jdbc);
        DeliveryStore deliveries = new DeliveryStore(jdbc);
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(ds));
        tx.executeWithoutResult(s -> {
            for (int i = 0; i < DOSSIERS; i++) {
                String code = "H56.99-" + i;
                VersionStore.NewVersion v = new VersionStore.NewVersion(code, "province", 1, "h" + "0".repeat(63), 1, "2.000477",
                        "000.00.06.H56", 1, 0, "{\"code\":\"" + code + "\"}", "webhook");
                versions.insertDossier(v, T0);
                versions.insertVersion(v, T0);
                deliveries.insertDeliveries("province", code, 1, List.of("dvcqg", "emc"), T0);
            }
        });
        SyncProperties props = new SyncProperties();
        props.getRelay().setBatchSize(20);
        Clock clock = Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC);
        List<String> sentA = Collections.synchronizedList(new ArrayList<>());
        List<String> sentB = Collections.synchronizedList(new ArrayList<>());
        OutboxRelay a = new OutboxRelay(broker(sentA), deliveries, tx, props, clock);
        OutboxRelay b = new OutboxRelay(broker(sentB), deliveries, tx, props, clock);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (OutboxRelay r : List.of(a, b)) {
                runs.add(pool.submit(() -> {
                    go.await();
                    int n = 0;
                    for (int k = 0; k < 5; k++) {
                        n += r.publishDue();
                    }
                    return n;
                }));
            }
            go.countDown();
            int total = runs.get(0).get() + runs.get(1).get();

            assertThat(total).isEqualTo(2 * DOSSIERS);
            Set<String> union = new HashSet<>(sentA);
            union.addAll(sentB);
            assertThat(sentA.size() + sentB.size()).as("messages sent by both relays").isEqualTo(2 * DOSSIERS);
            assertThat(union).as("distinct deliveries published").hasSize(2 * DOSSIERS);
            assertThat(sentA).as("both instances share the work").isNotEmpty();
            assertThat(sentB).as("both instances share the work").isNotEmpty();
            assertThat(jdbc.getJdbcTemplate().queryForObject("SELECT COUNT(*) FROM delivery WHERE published = FALSE", Integer.class))
                    .isZero();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A JMS connection factory whose sends land in {@code sent} (ids only), a little slow so that the batches overlap. */
    static ConnectionFactory broker(List<String> sent) throws JMSException {
        ConnectionFactory factory = mock(ConnectionFactory.class);
        Connection connection = mock(Connection.class);
        Session session = mock(Session.class);
        when(factory.createConnection()).thenReturn(connection);
        when(connection.createSession(true, Session.SESSION_TRANSACTED)).thenReturn(session);
        MessageProducer producer = mock(MessageProducer.class);
        when(session.createProducer(any())).thenReturn(producer);
        List<String> pending = new ArrayList<>();
        when(session.createTextMessage(anyString())).thenAnswer(i -> {
            TextMessage m = mock(TextMessage.class);
            when(m.getText()).thenReturn(i.getArgument(0));
            return m;
        });
        doAnswer(i -> {
            pending.add(((TextMessage) i.getArgument(0)).getText());
            return null;
        }).when(producer).send(any(), anyInt(), anyInt(), anyLong());
        doAnswer(i -> {
            Thread.sleep(2);
            sent.addAll(pending);
            pending.clear();
            return null;
        }).when(session).commit();
        return factory;
    }
}
