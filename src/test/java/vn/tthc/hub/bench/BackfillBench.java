package vn.tthc.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import vn.tthc.hub.HubApplication;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PortalItem;
import vn.tthc.hub.partner.dvcqg.DvcqgClient;
import vn.tthc.hub.sim.dvcqg.DvcqgSimController;
import vn.tthc.hub.sim.province.ProvinceSimulator;
import vn.tthc.hub.sync.PullFeed;
import vn.tthc.hub.sync.PullRegistry;

/**
 * Benchmark of one back-fill (not a test): the hub on its embedded default (simulators on, H2 file database and
 * persistent Artemis in a temporary folder, a random port), the province simulator holding N dossiers submitted
 * 30 to 365 days ago (behind the pull's watermark, which a dossier of today has moved on first), a share of them
 * already held identically by the portal simulator; one back-fill of their range toward the portal through
 * {@code POST /api/v1/backfills}, followed until the hub has no open portal delivery. Prints wall time, dossiers/s,
 * deliveries to the portal, skipped as identical, the portal ledger's applied and applied duplicates, and the heap
 * (peak, sampled maximum and trend, after GC at the end). Exits 1 unless every dossier is at the portal once and
 * nothing was applied twice.
 *
 * <pre>mvn -B -ntp -o -Pbackfill-bench -DskipTests test -Dbench.dossiers=100000</pre>
 *
 * Knobs: {@code bench.dossiers} (100 000), {@code bench.portal-share} (0.1: every 10th dossier seeded at the portal),
 * {@code bench.records-per-tick} (the back-fill's {@code hub.backfill.records-per-tick}; the hub's default unless set),
 * {@code bench.timeout-minutes} (120), {@code bench.keep-data} (false: the temporary folder is deleted at the end).
 */
public final class BackfillBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final int MIN_AGE_DAYS = 30;
    private static final int AGE_DAYS = 365;
    private static final int GENERATE_CHUNK = 10_000;

    private static String base;
    private static String authorization;

    private BackfillBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.getInteger("bench.dossiers", 100_000);
        double share = Double.parseDouble(System.getProperty("bench.portal-share", "0.1"));
        String perTick = System.getProperty("bench.records-per-tick");
        long timeout = Long.getLong("bench.timeout-minutes", 120);
        Path dir = Files.createTempDirectory("backfill-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://localhost:" + port;
        // the hub's admin with a password of this run only: the benchmark calls the API by HTTP Basic
        String adminPassword = java.util.UUID.randomUUID().toString();
        authorization = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
        List<String> props = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("db/hub")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0",
                "--spring.artemis.embedded.data-directory=" + dir.resolve("artemis"),
                "--hub.security.data-dir=" + dir, "--hub.security.admin-password=" + adminPassword,
                // the simulators change nothing by themselves: the benchmark's dossiers stay as generated
                "--hub.sim.province.tick-ms=0", "--hub.sim.ministry.tick-ms=0",
                // the pull every 2 s, so that the watermark passes today's dossier quickly (the schedule does not matter after)
                "--hub.partners.province.pull-cron=0/2 * * * * ?",
                "--logging.level.root=WARN", "--logging.level.vn.tthc.hub.backfill=INFO"));
        if (perTick != null) {
            props.add("--hub.backfill.records-per-tick=" + perTick);
        }
        long bootStart = System.nanoTime();
        ConfigurableApplicationContext ctx = SpringApplication.run(HubApplication.class, props.toArray(String[]::new));
        System.out.printf("hub started on port %d in %.1f s (data in %s)%n", port, (System.nanoTime() - bootStart) / 1e9, dir);
        int exit = 1;
        try {
            exit = run(ctx, n, share, Duration.ofMinutes(timeout));
        } finally {
            ctx.close();
            if (!Boolean.getBoolean("bench.keep-data")) {
                // the H2 file grows to gigabytes at 100 k (delivery rows updated many times, never compacted while open)
                deleteTree(dir);
            }
        }
        System.exit(exit);
    }

    private static int run(ConfigurableApplicationContext ctx, int n, double share, Duration timeout) throws Exception {
        long idle = liveHeap();
        ProvinceSimulator province = ctx.getBean(ProvinceSimulator.class);
        DvcqgSimController portal = ctx.getBean(DvcqgSimController.class);
        post("/sim/province/_control/faults", "{\"pushEnabled\":false}");

        // the pull's watermark is recent, as on any hub that has been running: a dossier of today, pulled and delivered
        String today = post("/sim/province/_control/generate", "{\"count\":1,\"seed\":8080}").path("codes").get(0).asText();
        await(Duration.ofMinutes(2), "today's dossier pulled and delivered", () -> get("/sim/dvcqg/_control/dossiers/" + enc(today)) != null
                && portalCounts().path("pending").asLong() + portalCounts().path("failed").asLong() == 0);

        long seedStart = System.nanoTime();
        List<String> codes = new ArrayList<>(n);
        for (int done = 0, chunk = 0; done < n; done += GENERATE_CHUNK, chunk++) {
            int count = Math.min(GENERATE_CHUNK, n - done);
            post("/sim/province/_control/generate", "{\"count\":" + count + ",\"seed\":" + (8081 + chunk) + ",\"ageDays\":" + AGE_DAYS
                    + ",\"minAgeDays\":" + MIN_AGE_DAYS + "}").path("codes").forEach(c -> codes.add(c.asText()));
        }
        System.out.printf("seeded %,d back-dated dossiers at the province in %.1f s%n", codes.size(), (System.nanoTime() - seedStart) / 1e9);

        long portalStart = System.nanoTime();
        List<String> atPortal = seedPortal(ctx, province, codes, share);
        System.out.printf("seeded %,d of them at the portal (DongBoHoSoMC, as the hub maps them) in %.1f s%n", atPortal.size(),
                (System.nanoTime() - portalStart) / 1e9);

        JsonNode ledger0 = get("/sim/dvcqg/_control/ledger");
        long delivered0 = portalCounts().path("delivered").asLong();
        if (get("/api/v1/dossiers/" + enc(codes.get(0))) != null) {
            throw new IllegalStateException("the hub already knows a back-dated dossier: the pull read them");
        }

        Heap heap = new Heap();
        heap.start();
        Instant now = Instant.now();
        String from = now.minus(Duration.ofDays(AGE_DAYS + 1)).toString();
        String to = now.minus(Duration.ofDays(MIN_AGE_DAYS - 1)).toString();
        long start = System.nanoTime();
        long id = post("/api/v1/backfills", "{\"from\":\"" + from + "\",\"to\":\"" + to + "\",\"target\":\"dvcqg\"}").path("id").asLong();
        JsonNode job;
        JsonNode counts;
        double readSeconds = -1;
        long lastPrint = 0;
        while (true) {
            Thread.sleep(1000);
            job = get("/api/v1/backfills/" + id);
            counts = portalCounts();
            double t = (System.nanoTime() - start) / 1e9;
            boolean read = !"RUNNING".equals(job.path("state").asText());
            if (read && readSeconds < 0) {
                readSeconds = t;
            }
            long open = counts.path("pending").asLong() + counts.path("failed").asLong();
            if (t - lastPrint >= 30 || (read && open == 0)) {
                lastPrint = (long) t;
                heap.sample();
                System.out.printf("%6.0f s  back-fill %s %,d/%,d read (%,.0f/s), %,d synced; portal deliveries: %,d delivered, %,d open;"
                                + " heap %,d MiB%n", t, job.path("state").asText(), job.path("done").asLong(), job.path("total").asLong(),
                        job.path("ratePerSecond").asDouble(), job.path("synced").asLong(), counts.path("delivered").asLong() - delivered0,
                        open, heap.last >> 20);
            }
            if (read && open == 0) {
                break;
            }
            if (t > timeout.toSeconds()) {
                System.out.printf("timed out after %,.0f s%n", t);
                break;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        heap.stop();
        JsonNode ledger1 = get("/sim/dvcqg/_control/ledger");
        long delivered = counts.path("delivered").asLong() - delivered0;
        long dead = counts.path("dead").asLong();
        long received = delta(ledger0, ledger1, "received");
        long steps = delta(ledger0, ledger1, "progressSteps");
        long applied = delta(ledger0, ledger1, "applied");
        long duplicates = delta(ledger0, ledger1, "appliedDuplicates");
        // DongBoHoSoMC items sent = items and steps received less the steps received (the simulator counts steps apart)
        long itemsSent = received - steps;
        int missing = 0;
        int twice = 0;
        int skipped = 0;
        java.util.Set<String> seeded = new java.util.HashSet<>(atPortal);
        for (String code : codes) {
            JsonNode view = portal.simulator().dossier(code);
            if (view == null) {
                missing++;
                continue;
            }
            int states = view.path("history").size();
            if (seeded.contains(code) && states == 1) {
                skipped++; // the portal holds the state it was seeded with, and no second one: the hub did not send it
            } else if (states != 1) {
                twice++;
            }
        }
        System.out.printf("%nback-fill #%d %s: %,d dossiers in %.1f s wall (%,.0f dossiers/s; back-fill read done at %.1f s, %,.0f/s)%n",
                id, job.path("state").asText(), codes.size(), seconds, codes.size() / seconds, readSeconds,
                job.path("done").asLong() / Math.max(readSeconds, 0.001));
        System.out.printf("  back-fill counters: read %,d of %,d, synced %,d, refused %,d%n", job.path("done").asLong(),
                job.path("total").asLong(), job.path("synced").asLong(), job.path("refused").asLong());
        System.out.printf("  portal deliveries (hub, DELIVERED): %,d; dead: %,d; DongBoHoSoMC items sent: %,d; skipped as identical: %,d"
                + " (of %,d seeded at the portal)%n", delivered, dead, itemsSent, skipped, atPortal.size());
        System.out.printf("  portal ledger: applied %,d (%,d dossier states, %,d progress steps), applied duplicates %,d;"
                + " dossiers missing at the portal %,d, with more than one state %,d%n", applied, applied - steps, steps, duplicates,
                missing, twice);
        heap.print();
        // the simulators keep every dossier in this same heap: emptied, what is left is the hub's own
        for (String sim : List.of("province", "dvcqg", "emc")) {
            post("/sim/" + sim + "/_control/reset", "");
        }
        System.out.printf("  heap after GC, simulators emptied: %,d MiB (the hub idle after start-up: %,d MiB)%n", liveHeap() >> 20,
                idle >> 20);
        boolean ok = "DONE".equals(job.path("state").asText()) && missing == 0 && twice == 0 && duplicates == 0
                && delivered == codes.size() && dead == 0;
        System.out.println(ok ? "OK: every dossier at the portal once, nothing applied twice"
                : "FAILED: not every dossier reached the portal exactly once");
        return ok ? 0 : 1;
    }

    /**
     * Every {@code 1/share}-th dossier sent to the portal beforehand, mapped exactly as the hub maps it (the province
     * listing's record through the intake's mapping, then the portal item), with the hub's own portal client: the portal
     * holds it identically, as after a send whose answer was lost, so the back-fill's delivery looks it up and skips it.
     */
    private static List<String> seedPortal(ConfigurableApplicationContext ctx, ProvinceSimulator province, List<String> codes,
                                           double share) throws IOException {
        List<String> seeded = new ArrayList<>();
        if (share <= 0) {
            return seeded;
        }
        int every = (int) Math.max(1, Math.round(1 / share));
        MappingEngine mappings = ctx.getBean(MappingEngine.class);
        PullFeed feed = ctx.getBean(PullRegistry.class).feed("province").orElseThrow();
        DvcqgClient client = ctx.getBean(DvcqgClient.class);
        Map<String, List<JsonNode>> batches = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i += every) {
            JsonNode record = JSON.readTree(province.store().get(codes.get(i)));
            Dossier d = CanonicalJson.bindPartial(mappings.mapForValidation(feed.mapping(), feed.inbound(record))).dossier();
            String madonvi = PortalItem.madonvi(d);
            List<JsonNode> batch = batches.computeIfAbsent(madonvi, k -> new ArrayList<>());
            batch.add(PortalItem.of(mappings, d));
            seeded.add(codes.get(i));
            if (batch.size() == 10) {
                send(client, madonvi, batch);
            }
        }
        for (Map.Entry<String, List<JsonNode>> e : batches.entrySet()) {
            send(client, e.getKey(), e.getValue());
        }
        return seeded;
    }

    private static void send(DvcqgClient client, String madonvi, List<JsonNode> batch) {
        if (batch.isEmpty()) {
            return;
        }
        DvcqgClient.Answer a = client.call("DongBoHoSoMC", madonvi, Map.of("isUpdating", "False", "data", List.copyOf(batch)));
        if (!a.ok()) {
            throw new IllegalStateException("seeding the portal failed: " + a.message());
        }
        batch.clear();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The hub's own count of portal deliveries by state ({@code GET /api/v1/partners}). */
    private static JsonNode portalCounts() {
        return get("/api/v1/partners").path("dvcqg");
    }

    private static long delta(JsonNode before, JsonNode after, String field) {
        return after.path(field).asLong() - before.path(field).asLong();
    }

    /** Heap in use, sampled every second, and after each collection (the live set): peak, maximum and trend. */
    private static final class Heap {
        private final List<MemoryPoolMXBean> pools = new ArrayList<>();
        private final List<long[]> samples = new CopyOnWriteArrayList<>(); // {millis, used, used after the last GC}
        private final long t0 = System.currentTimeMillis();
        private volatile boolean running = true;
        private volatile long last;
        private Thread thread;

        Heap() {
            System.gc();
            for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                if (p.getType() == MemoryType.HEAP) {
                    p.resetPeakUsage();
                    pools.add(p);
                }
            }
            sample();
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    sample();
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap");
            thread.setDaemon(true);
            thread.start();
        }

        void sample() {
            long used = 0;
            long afterGc = 0;
            for (MemoryPoolMXBean p : pools) {
                used += p.getUsage().getUsed();
                MemoryUsage c = p.getCollectionUsage();
                afterGc += c == null ? 0 : c.getUsed();
            }
            last = used;
            samples.add(new long[] {System.currentTimeMillis() - t0, used, afterGc});
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join();
        }

        void print() {
            long peak = pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long max = samples.stream().mapToLong(s -> s[1]).max().orElse(0);
            long gcs = ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
            StringBuilder trend = new StringBuilder();
            for (int q = 0; q <= 4; q++) {
                long[] s = samples.get(Math.min(samples.size() - 1, (samples.size() - 1) * q / 4));
                trend.append(String.format("%s%,d s: %,d/%,d", q == 0 ? "" : ", ", s[0] / 1000, s[1] >> 20, s[2] >> 20));
            }
            System.gc();
            long after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            System.out.printf("  heap: peak %,d MiB, sampled max %,d MiB (max heap %,d MiB, %,d collections); after GC at the end %,d MiB "
                            + "(before the back-fill %,d MiB)%n", peak >> 20, max >> 20,
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() >> 20, gcs, after >> 20, samples.get(0)[1] >> 20);
            System.out.println("  heap trend, in use / after the last GC, MiB: " + trend);
        }
    }

    private static void await(Duration atMost, String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("not within " + atMost + ": " + what);
            }
            Thread.sleep(250);
        }
    }

    /** GET as JSON; null on 404. */
    private static JsonNode get(String path) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET().build());
        if (r.statusCode() == 404) {
            return null;
        }
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return read(r.body());
    }

    private static JsonNode post(String path, String body) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return read(r.body());
    }

    private static HttpResponse<String> send(HttpRequest r) {
        try {
            return HTTP.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + s, e);
        }
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
