package vn.tthc.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The prod profile's Quartz settings (config/application-prod.yaml, hub.quartz.properties) on a real PostgreSQL with
 * the QRTZ_ tables of db/migration-postgresql: two schedulers of one cluster (two hub instances) share a trigger, and
 * each of its fires runs on exactly one of them.
 */
class QuartzClusterPostgresTest {
    static EmbeddedPostgres pg;
    /** The scheduled time of every fire run, on any node. */
    static final List<Long> FIRES = new CopyOnWriteArrayList<>();
    static final Map<String, AtomicInteger> BY_NODE = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    public static class CountingJob implements Job {
        @Override
        public void execute(JobExecutionContext context) {
            FIRES.add(context.getScheduledFireTime().getTime());
            try {
                BY_NODE.computeIfAbsent(context.getScheduler().getSchedulerInstanceId(), k -> new AtomicInteger()).incrementAndGet();
            } catch (org.quartz.SchedulerException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static Map<String, String> prodQuartzProperties() {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource("config/application-prod.yaml"));
        Properties all = yaml.getObject();
        Map<String, String> quartz = new LinkedHashMap<>();
        String prefix = "hub.quartz.properties[";
        all.stringPropertyNames().stream().filter(k -> k.startsWith(prefix))
                .forEach(k -> quartz.put(k.substring(prefix.length(), k.length() - 1), all.getProperty(k)));
        assertThat(all.getProperty("hub.quartz.clustered")).isEqualTo("true");
        assertThat(all.getProperty("camel.component.quartz.scheduler-factory")).isEqualTo("#hubQuartzSchedulerFactory");
        return quartz;
    }

    static Scheduler node(Map<String, String> props, DataSource ds, String id) throws Exception {
        QuartzCluster.factory(props, ds); // registers the hub's DataSource with Quartz, checks the properties
        Properties p = QuartzCluster.validated(props);
        p.setProperty("org.quartz.scheduler.instanceId", id); // two nodes in one JVM: AUTO could give both the same id
        p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "1000");
        Scheduler s = new StdSchedulerFactory(p).getScheduler();
        // Quartz keeps one scheduler per name per JVM; a second node in this JVM needs its own
        SchedulerRepository.getInstance().remove(s.getSchedulerName());
        return s;
    }

    @Test
    void aTriggerSharedByTwoClusteredNodesFiresOnExactlyOneOfThemEachTime() throws Exception {
        DataSource ds = pg.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/migration-postgresql").load().migrate();
        Map<String, String> props = prodQuartzProperties();
        assertThat(props).containsEntry("org.quartz.jobStore.isClustered", "true")
                .containsEntry("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");

        Scheduler a = node(props, ds, "node-a");
        Scheduler b = node(props, ds, "node-b");
        try {
            int fires = 8;
            Trigger trigger = TriggerBuilder.newTrigger().withIdentity("every-300ms", "test").startNow()
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(300).withRepeatCount(fires - 1))
                    .build();
            a.scheduleJob(JobBuilder.newJob(CountingJob.class).withIdentity("count", "test").build(), trigger);
            a.start();
            b.start();
            long until = System.currentTimeMillis() + 15_000;
            while (FIRES.size() < fires && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
            Thread.sleep(1000);

            assertThat(FIRES).as("every fire ran once, on one node").hasSize(fires).doesNotHaveDuplicates();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            assertThat(jdbc.queryForList("SELECT instance_name FROM qrtz_scheduler_state", String.class))
                    .containsExactlyInAnyOrder("node-a", "node-b");
            // the fires were taken under the store's row lock
            assertThat(jdbc.queryForList("SELECT lock_name FROM qrtz_locks", String.class)).contains("TRIGGER_ACCESS");
        } finally {
            a.shutdown(true);
            b.shutdown(true);
        }
    }

    @Test
    void aNonClusteredOrInMemoryStoreIsRefused() {
        Map<String, String> props = new LinkedHashMap<>(prodQuartzProperties());
        props.put("org.quartz.jobStore.isClustered", "false");
        assertThatThrownBy(() -> QuartzCluster.validated(props)).hasMessageContaining("isClustered");
        props.put("org.quartz.jobStore.isClustered", "true");
        props.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        assertThatThrownBy(() -> QuartzCluster.validated(props)).hasMessageContaining("jobStore.class");
    }
}
