package vn.tthc.hub.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.retention.RetentionProperties;
import vn.tthc.hub.retention.RetentionPruner;
import vn.tthc.hub.retention.RetentionStore;

/**
 * Benchmark of the retention pruner (not a test): the store's size per million dossiers before and after pruning.
 * On a real PostgreSQL (embedded binaries, the hub's migrations), N dossiers of 4 versions each (1 creation + 3
 * status changes), bodies made from {@code mappings/province/SAMPLE-dossier.json} padded with Vietnamese text to
 * 2–20 KB (median about 6 KB), every version delivered to the portal and EMC 200 days ago with one attempt each. Then
 * one pruner run in archive mode (the production setting), timed. Prints the sizes of the tables and the database
 * (pg_total_relation_size: heap, TOAST and indexes) before, after a plain VACUUM (space reusable by new rows, the files
 * not shrunk) and after VACUUM FULL (returned to the file system), each scaled to a million dossiers, the archive's
 * bytes, and the pruning rate. Exits 1 unless exactly the non-head versions lost their bodies.
 *
 * <pre>mvn -B -ntp -o -Pretention-bench -DskipTests test -Dbench.dossiers=50000</pre>
 */
public final class RetentionBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSIONS = 4;
    private static final String[] WORDS = ("hồ sơ thủ tục hành chính tiếp nhận giải quyết kết quả công dân doanh nghiệp sở khoa học"
            + " công nghệ giấy phép chứng nhận đăng ký hoạt động chuyển giao thẩm định cơ sở ứng dụng bức xạ tiêu chuẩn đo lường chất"
            + " lượng sản phẩm hàng hóa sở hữu trí tuệ nhiệm vụ đề tài nghiệm thu kinh phí ngân sách tỉnh huyện xã phường bổ sung"
            + " đề nghị văn bản quyết định thông báo biên bản tờ khai bản sao chứng thực ngày tháng năm số ký hiệu").split(" ");

    private RetentionBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.dossiers", 50_000);
        Path archive = Files.createTempDirectory("retention-bench");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            DataSource ds = pg.getPostgresDatabase();
            Flyway.configure().dataSource(ds).load().migrate();
            long fill = System.nanoTime();
            long bodyBytes = fill(ds, n);
            System.out.printf("filled %,d dossiers × %d versions (%,d body bytes, %.0f B a version) in %.1f s%n", n, VERSIONS, bodyBytes,
                    bodyBytes / (double) (n * VERSIONS), (System.nanoTime() - fill) / 1e9);
            vacuum(ds, false);
            Map<String, Long> before = sizes(ds);

            RetentionProperties props = new RetentionProperties();
            props.setDefaultDays(90);
            props.setMode(RetentionProperties.Mode.ARCHIVE);
            props.setArchiveDir(archive.toString());
            props.setBlockSize(500);
            props.setMaxBlocksPerRun(Integer.MAX_VALUE);
            NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(ds);
            RetentionStore store = new RetentionStore(jdbc);
            RetentionPruner pruner = new RetentionPruner(store, new TransactionTemplate(new DataSourceTransactionManager(ds)), props,
                    Clock.systemUTC());
            long start = System.nanoTime();
            long id = pruner.runNow("bench", false);
            double seconds = (System.nanoTime() - start) / 1e9;
            RetentionStore.Run run = store.run(id).orElseThrow();
            long pruned = run.counts().pruned();
            vacuum(ds, false);
            Map<String, Long> afterVacuum = sizes(ds);
            vacuum(ds, true);
            Map<String, Long> afterFull = sizes(ds);
            long archived;
            try (Stream<Path> files = Files.walk(archive)) {
                archived = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
            }
            long left = jdbc.queryForObject("SELECT COUNT(*) FROM dossier_version WHERE body IS NOT NULL", Map.of(), Long.class);

            double perMillion = 1_000_000.0 / n;
            System.out.printf("%npruner: run %d %s, %,d versions pruned (archived %,d) in %.1f s = %,.0f versions/s, %d blocks; %,d bodies left%n",
                    id, run.state(), pruned, run.counts().archived(), seconds, pruned / seconds, run.counts().blocks(), left);
            System.out.printf("%nsize per million dossiers (%d versions each), scaled from %,d:%n", VERSIONS, n);
            System.out.printf("| relation | before | after VACUUM | after VACUUM FULL |%n|---|--:|--:|--:|%n");
            for (String k : before.keySet()) {
                System.out.printf("| %s | %s | %s | %s |%n", k, gb(before.get(k) * perMillion), gb(afterVacuum.get(k) * perMillion),
                        gb(afterFull.get(k) * perMillion));
            }
            System.out.printf("| archive files (gzip JSON Lines) | – | %s | %s |%n", gb(archived * perMillion), gb(archived * perMillion));
            System.out.println("\n" + JSON.writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("dossiers", n, "versionsPerDossier", VERSIONS,
                    "bodyBytes", bodyBytes, "pruned", pruned, "seconds", seconds, "before", before, "afterVacuum", afterVacuum,
                    "afterVacuumFull", afterFull, "archiveBytes", archived)));
            boolean ok = pruned == (long) n * (VERSIONS - 1) && left == n;
            System.out.println(ok ? "OK: exactly the non-head versions were pruned" : "FAILED: pruned " + pruned + ", bodies left " + left);
            System.exit(ok ? 0 : 1);
        } finally {
            try (Stream<Path> files = Files.walk(archive)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String gb(double bytes) {
        return String.format("%.2f GB", bytes / 1e9);
    }

    private static long fill(DataSource ds, int n) throws Exception {
        ObjectNode sample = (ObjectNode) JSON.readTree(Files.readString(Path.of("mappings/province/SAMPLE-dossier.json")));
        Random rnd = new Random(20261204);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        Timestamp old = Timestamp.from(Instant.now().minus(Duration.ofDays(200)));
        long bytes = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement dossier = c.prepareStatement("INSERT INTO dossier (source, code, version, content_hash, status, steps_count,"
                    + " created_at, updated_at) VALUES ('province', ?, ?, ?, 10, 4, ?, ?)");
                 PreparedStatement version = c.prepareStatement("INSERT INTO dossier_version (source, dossier_code, version, content_hash,"
                         + " status, steps_from, body, received_via, received_at) VALUES ('province', ?, ?, ?, ?, ?, ?, 'webhook', ?)");
                 PreparedStatement delivery = c.prepareStatement("INSERT INTO delivery (source, dossier_code, version, target, state, attempts,"
                         + " next_attempt_at, created_at, updated_at, delivered_at) VALUES ('province', ?, ?, ?, 'DELIVERED', 1, ?, ?, ?, ?)",
                         Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement attempt = c.prepareStatement("INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms,"
                         + " http_status, outcome, instance) VALUES (?, 1, ?, 42, 200, 'DELIVERED', 'hub-1')")) {
                for (int i = 0; i < n; i++) {
                    String code = String.format("000.00.06.H56-250601-%07d", i);
                    int target = (int) Math.min(20_000, Math.max(2_000, Math.exp(Math.log(6_000) + rnd.nextGaussian() * 0.45)));
                    String hash = null;
                    for (int v = 1; v <= VERSIONS; v++) {
                        ObjectNode d = sample.deepCopy();
                        d.put("code", code);
                        d.put("summary", words(rnd, target / 7));
                        String body = d.toString();
                        bytes += body.getBytes(StandardCharsets.UTF_8).length;
                        hash = HexFormat.of().formatHex(sha.digest(body.getBytes(StandardCharsets.UTF_8)));
                        version.setString(1, code);
                        version.setInt(2, v);
                        version.setString(3, hash);
                        version.setInt(4, v == 1 ? 1 : 2 + v);
                        version.setInt(5, v - 1);
                        version.setString(6, body);
                        version.setTimestamp(7, old);
                        version.addBatch();
                        for (String t : List.of("dvcqg", "emc")) {
                            delivery.setString(1, code);
                            delivery.setInt(2, v);
                            delivery.setString(3, t);
                            for (int k = 4; k <= 7; k++) {
                                delivery.setTimestamp(k, old);
                            }
                            delivery.addBatch();
                        }
                    }
                    dossier.setString(1, code);
                    dossier.setInt(2, VERSIONS);
                    dossier.setString(3, hash);
                    dossier.setTimestamp(4, old);
                    dossier.setTimestamp(5, old);
                    dossier.addBatch();
                    if (i % 500 == 499 || i == n - 1) {
                        dossier.executeBatch();
                        version.executeBatch();
                        delivery.executeBatch();
                        try (var keys = delivery.getGeneratedKeys()) {
                            while (keys.next()) {
                                attempt.setLong(1, keys.getLong(1));
                                attempt.setTimestamp(2, old);
                                attempt.addBatch();
                            }
                        }
                        attempt.executeBatch();
                        c.commit();
                    }
                }
            }
        }
        return bytes;
    }

    private static String words(Random rnd, int count) {
        StringBuilder b = new StringBuilder(count * 7);
        for (int i = 0; i < count; i++) {
            b.append(i == 0 ? "" : " ").append(WORDS[rnd.nextInt(WORDS.length)]);
        }
        return b.toString();
    }

    private static void vacuum(DataSource ds, boolean full) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute(full ? "VACUUM FULL ANALYZE" : "VACUUM ANALYZE");
        }
    }

    private static Map<String, Long> sizes(DataSource ds) throws Exception {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            for (String t : List.of("dossier", "dossier_version", "delivery", "delivery_attempt")) {
                try (var rs = s.executeQuery("SELECT pg_total_relation_size('" + t + "')")) {
                    rs.next();
                    m.put(t, rs.getLong(1));
                }
            }
            try (var rs = s.executeQuery("SELECT pg_database_size(current_database())")) {
                rs.next();
                m.put("whole database", rs.getLong(1));
            }
        }
        return m;
    }
}
