package vn.tthc.hub.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.mockito.Mockito;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import vn.tthc.hub.reconcile.ReconcileProperties;
import vn.tthc.hub.reconcile.ReconcileStore;
import vn.tthc.hub.reconcile.Reconciler;
import vn.tthc.hub.sync.TargetLookup;
import vn.tthc.hub.sync.TargetRegistry;

/**
 * Benchmark of one reconciliation (not a test): N dossiers delivered to the portal in an H2 file database against a
 * simulated portal digest set with 0.1 % seeded drift (half forgotten, half in another status), read through a Hikari pool
 * as in the hub; prints wall time, rows/s, found/seeded, false positives, peak heap and heap after GC. {@code mvn -B -ntp -Preconcile-bench -DskipTests test
 * -Dbench.dossiers=1000000}.
 */
public final class ReconcileBench {
    private ReconcileBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.dossiers", 1_000_000);
        int every = Integer.getInteger("bench.drift-every", 1000);
        Path dir = Files.createTempDirectory("reconcile-bench");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).load().migrate();
        Instant t = Instant.parse("2026-11-23T01:00:00Z");
        long seedStart = System.nanoTime();
        seed(ds, n, t);
        System.out.printf("seeded %,d dossiers (dossier, version, delivery rows) in %.1f s%n", n, (System.nanoTime() - seedStart) / 1e9);

        // the simulated portal is a function of the code (no map of a million entries in the heap being measured):
        // one dossier in `every` drifts, alternately rolled back to another status and forgotten
        Set<String> seeded = new HashSet<>();
        for (int i = every / 2; i < n; i += every) {
            seeded.add(code(i));
        }
        TargetLookup lookup = new TargetLookup() {
            @Override
            public String target() {
                return "dvcqg";
            }

            @Override
            public Held held(String source, String code, long deliveredVersion) {
                int i = Integer.parseInt(code.substring(code.length() - 7));
                if (i % every != every / 2) {
                    return new Held(true, status(i), true);
                }
                boolean forgotten = (i / every) % 2 == 1;
                return forgotten ? Held.absent() : new Held(true, status(i) == 1 ? 2 : 1, true);
            }
        };
        ReconcileProperties props = new ReconcileProperties();
        props.setLookupsPerSecond(1e9);
        props.setMaxHeals(0);
        props.setBatchSize(Integer.getInteger("bench.batch", 1000));
        TargetRegistry registry = Mockito.mock(TargetRegistry.class);
        Mockito.when(registry.allTargets()).thenReturn(List.of("dvcqg"));
        // a connection pool, as the hub has (Hikari, Spring Boot's default): without it every query opens the file again
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setDataSource(ds);
        pool.setMaximumPoolSize(4);
        NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(pool);
        ReconcileStore store = new ReconcileStore(jdbc);
        Reconciler reconciler = new Reconciler(store, List.of(), List.of(lookup), registry, null, null, props, Clock.systemUTC(), List.of());

        System.gc();
        List<MemoryPoolMXBean> heap = new ArrayList<>();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
                heap.add(p);
            }
        }
        long start = System.nanoTime();
        long id = reconciler.start(t.minusSeconds(3600), t.plusSeconds(3600), "bench");
        ReconcileStore.Run run;
        while ((run = store.run(id).orElseThrow()).state().equals("RUNNING")) {
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.gc();
        long afterGc = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        Set<String> found = new HashSet<>();
        long[] falsePositives = {0};
        store.differences(id, null, d -> {
            if (seeded.contains(d.dossierCode())) {
                found.add(d.dossierCode());
            } else {
                falsePositives[0]++;
            }
        });
        System.out.printf("run #%d %s: %,d dossiers checked in %.1f s (%,.0f rows/s); found %,d / %,d seeded; %d false positive(s); "
                        + "peak heap %,d MiB, heap after GC %,d MiB (max %,d MiB)%n", id, run.state(), run.checked(), seconds, run.checked() / seconds,
                found.size(), seeded.size(), falsePositives[0], peak >> 20, afterGc >> 20, Runtime.getRuntime().maxMemory() >> 20);
        reconciler.getClass(); // keep the reconciler's executor alive until here
        System.exit(run.state().equals("DONE") && found.size() == seeded.size() && falsePositives[0] == 0 ? 0 : 1);
    }

    static String code(int i) {
        return String.format("000.00.06.H56-261123-B%07d", i);
    }

    static int status(int i) {
        return 1 + i % 9;
    }

    private static void seed(JdbcDataSource ds, int n, Instant t) throws Exception {
        Timestamp ts = Timestamp.from(t);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement dossier = c.prepareStatement("""
                    INSERT INTO dossier (source, code, version, content_hash, status, procedure_code, agency_code, steps_count, created_at,
                      updated_at) VALUES ('province', ?, 1, ?, ?, '2.000477', '000.00.06.H56', 1, ?, ?)""");
                 PreparedStatement version = c.prepareStatement("""
                    INSERT INTO dossier_version (source, dossier_code, version, content_hash, status, steps_from, body, received_via,
                      received_at) VALUES ('province', ?, 1, ?, ?, 0, '{}', 'bench', ?)""");
                 PreparedStatement delivery = c.prepareStatement("""
                    INSERT INTO delivery (source, dossier_code, version, target, state, attempts, stage, published, next_attempt_at,
                      created_at, updated_at, delivered_at) VALUES ('province', ?, 1, 'dvcqg', 'DELIVERED', 1, 1, TRUE, ?, ?, ?, ?)""")) {
                String hash = "a".repeat(64);
                for (int i = 0; i < n; i++) {
                    String code = code(i);
                    dossier.setString(1, code);
                    dossier.setString(2, hash);
                    dossier.setInt(3, status(i));
                    dossier.setTimestamp(4, ts);
                    dossier.setTimestamp(5, ts);
                    dossier.addBatch();
                    version.setString(1, code);
                    version.setString(2, hash);
                    version.setInt(3, status(i));
                    version.setTimestamp(4, ts);
                    version.addBatch();
                    delivery.setString(1, code);
                    for (int k = 2; k <= 5; k++) {
                        delivery.setTimestamp(k, ts);
                    }
                    delivery.addBatch();
                    if (i % 5000 == 4999 || i == n - 1) {
                        dossier.executeBatch();
                        version.executeBatch();
                        delivery.executeBatch();
                        c.commit();
                    }
                }
            }
        }
    }
}
