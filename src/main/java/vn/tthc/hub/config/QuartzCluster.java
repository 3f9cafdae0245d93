package vn.tthc.hub.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.SchedulerException;
import org.quartz.SchedulerFactory;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * The Quartz scheduler of every {@code quartz:} route (pulls, nightly reconciliation, reports, the morning digest) on a
 * clustered JDBC job store in the hub's own database: each instance's scheduler takes a trigger's fire under the
 * store's row lock (QRTZ_LOCKS), so a job fires on one node only, and a node that dies mid-job has its triggers taken
 * over by another after {@code clusterCheckinInterval}. The tables come from the PostgreSQL-only migration
 * {@code db/migration-postgresql}. Plain class: the properties are checked here, the Spring wiring is
 * {@link QuartzClusterConfiguration}.
 */
public final class QuartzCluster {
    /** The Quartz data source name under which the hub's DataSource is registered. */
    public static final String DATA_SOURCE = "hub";
    /** What a clustered store must have; anything else (thread pool, check-in interval) may be tuned. */
    static final Map<String, String> REQUIRED = Map.of(
            "org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX",
            "org.quartz.jobStore.isClustered", "true",
            "org.quartz.jobStore.dataSource", DATA_SOURCE,
            "org.quartz.scheduler.instanceId", "AUTO");
    static final List<String> REQUIRED_KEYS = List.of("org.quartz.scheduler.instanceName", "org.quartz.jobStore.driverDelegateClass");

    private QuartzCluster() {
    }

    /** The properties checked: a missing or different required value stops the start with the property named. */
    public static Properties validated(Map<String, String> configured) {
        Properties p = new Properties();
        configured.forEach((k, v) -> p.setProperty(k.trim(), v == null ? "" : v.trim()));
        REQUIRED.forEach((k, v) -> {
            if (!v.equals(p.getProperty(k))) {
                throw new IllegalStateException("hub.quartz.properties[" + k + "] must be " + v + " (was " + p.getProperty(k) + ")");
            }
        });
        for (String k : REQUIRED_KEYS) {
            if (p.getProperty(k, "").isBlank()) {
                throw new IllegalStateException("hub.quartz.properties[" + k + "] is required");
            }
        }
        if (p.stringPropertyNames().stream().anyMatch(k -> k.startsWith("org.quartz.dataSource."))) {
            throw new IllegalStateException("hub.quartz.properties: no org.quartz.dataSource.* — the hub's own DataSource is used");
        }
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        return p;
    }

    /** A scheduler factory on the hub's DataSource with the checked properties. */
    public static SchedulerFactory factory(Map<String, String> configured, DataSource dataSource) throws SchedulerException {
        Properties p = validated(configured);
        DBConnectionManager.getInstance().addConnectionProvider(DATA_SOURCE, new ConnectionProvider() {
            @Override
            public Connection getConnection() throws SQLException {
                return dataSource.getConnection();
            }

            @Override
            public void shutdown() {
                // the DataSource belongs to Spring, which closes it after Camel (and its scheduler) stopped
            }

            @Override
            public void initialize() {
                // nothing: the DataSource is ready
            }
        });
        return new StdSchedulerFactory(p);
    }
}
