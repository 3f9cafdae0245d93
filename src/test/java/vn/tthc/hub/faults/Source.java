package vn.tthc.hub.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The source side of the fault suite: makes the province's dossiers (from {@code mappings/province/SAMPLE-dossier.json},
 * each with its own canary CCCD and phone number) and pushes them to the hubs' signed webhook the way the province
 * system does. It counts the Jepsen way: an {@code attempted} push is {@code acknowledged} only when a hub answered
 * 2xx; a push a hub could not take (refused connection, 5xx, time-out) is retried on the other hub for up to two
 * minutes. What the checker later expects at the partners is the latest acknowledged version of each dossier.
 */
final class Source {
    static final ZoneOffset VN = ZoneOffset.ofHours(7);
    static final DateTimeFormatter DATE14 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final AtomicInteger COUNTER = new AtomicInteger();

    /**
     * The latest acknowledged version of a dossier: its revision and what the portal must then hold — the due date as
     * the portal writes it ({@code NgayHenTra}), the status ({@code TrangThaiHoSo}: the province's id + 1, as
     * {@code mappings/codes/province-status.csv} maps it) and the summary ({@code TrichYeuHoSo}).
     */
    record Acked(long revision, String dueDate14, String status, String summary) {
        /** Whether a portal item is this version. */
        boolean isHeldBy(JsonNode item) {
            return item != null && dueDate14.equals(item.path("NgayHenTra").asText()) && status.equals(item.path("TrangThaiHoSo").asText())
                    && summary.equals(item.path("TrichYeuHoSo").asText());
        }
    }

    private final Cluster cluster;
    private final ObjectNode template;
    private final byte[] secret;
    final AtomicLong attempted = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong unacknowledged = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    /** Latest acknowledged version per dossier code. */
    final Map<String, Acked> latest = new ConcurrentHashMap<>();
    /** The canary personal data of every dossier made: none may appear whole in a log, mail or page. */
    final Set<String> canaries = ConcurrentHashMap.newKeySet();
    /** Every due date sent per dossier, acknowledged or not: a portal state outside it was never sent (I3). */
    final Map<String, Set<String>> sent = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    Source(Cluster cluster) throws IOException {
        this.cluster = cluster;
        this.template = (ObjectNode) Cluster.JSON.readTree(Files.readString(Path.of("mappings/province/SAMPLE-dossier.json")));
        this.secret = cluster.secret("HUB_PROVINCE_WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8);
    }

    /** A new dossier (revision 1), with canary personal data. */
    ObjectNode newDossier() {
        ObjectNode d = template.deepCopy();
        int n = COUNTER.incrementAndGet();
        OffsetDateTime base = OffsetDateTime.now(VN).minusHours(2).withNano(0);
        // {agency}-{yyMMdd}-{NNNN}: 9 999 numbers a day, so the suite's dossiers take the days before today as they go
        String code = "000.00.06.H56-" + base.minusDays(n / 9_999).format(DateTimeFormatter.ofPattern("yyMMdd"))
                + "-" + String.format("%04d", 1 + n % 9_999);
        d.put("nationCode", code);
        d.put("code", "KHCN-F-" + n);
        d.put("revision", 1);
        d.put("updatedDate", base.plusMinutes(30).toString());
        d.put("appliedDate", base.toString());
        d.put("acceptedDate", base.plusMinutes(10).toString());
        d.put("appointmentDate", base.plusDays(14).toString());
        String cccd = String.format("0791%08d", n);
        String phone = String.format("09%08d", n);
        canaries.add(cccd);
        canaries.add(phone);
        ObjectNode applicant = (ObjectNode) d.get("applicant");
        applicant.put("identityNumber", cccd);
        applicant.put("phone", phone);
        ((ObjectNode) applicant.get("identities").get(0)).put("number", cccd);
        ArrayNode steps = (ArrayNode) d.get("processes");
        for (int i = 0; i < steps.size(); i++) {
            ObjectNode s = (ObjectNode) steps.get(i);
            s.put("time", base.plusMinutes(10L * i).toString());
            s.put("startDate", base.plusMinutes(10L * i).toString());
        }
        return d;
    }

    /** The next revision of a dossier with other content (a later due date), as a new object. */
    static ObjectNode nextVersion(ObjectNode d) {
        ObjectNode v = d.deepCopy();
        v.put("revision", d.get("revision").asLong() + 1);
        v.put("updatedDate", OffsetDateTime.parse(d.get("updatedDate").asText()).plusMinutes(5).toString());
        v.put("appointmentDate", OffsetDateTime.parse(d.get("appointmentDate").asText()).plusDays(1).toString());
        return v;
    }

    /** The dossier in another status (the province's status id and name). */
    static ObjectNode withStatus(ObjectNode d, String id, String name) {
        ObjectNode status = (ObjectNode) d.get("dossierStatus");
        status.put("id", id);
        status.put("name", name);
        return d;
    }

    static String code(JsonNode d) {
        return d.get("nationCode").asText();
    }

    static String dueDate14(JsonNode d) {
        return OffsetDateTime.parse(d.get("appointmentDate").asText()).atZoneSameInstant(VN).format(DATE14);
    }

    /**
     * Pushes one version until a hub acknowledges it (or refuses it for good: 4xx), alternating the hubs.
     *
     * @return the final HTTP status, or -1 when no hub acknowledged it within two minutes
     */
    int push(ObjectNode d) {
        return push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", d);
    }

    /** Pushes raw bytes (a malformed input); {@code parsed} (may be null) is recorded as acknowledged on a 2xx. */
    int push(byte[] body, String contentType, ObjectNode parsed) {
        attempted.incrementAndGet();
        if (parsed != null) {
            sent.computeIfAbsent(code(parsed), c -> ConcurrentHashMap.newKeySet()).add(dueDate14(parsed));
        }
        int hub = Math.floorMod(next.getAndIncrement(), 2);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        long pause = 100;
        while (true) {
            int status;
            try {
                HttpResponse<String> r = Cluster.HTTP.send(HttpRequest.newBuilder(URI.create(cluster.hubUrl(hub) + "/api/v1/intake/province"))
                        .timeout(Duration.ofSeconds(15)).header("Content-Type", contentType)
                        .header("X-Hub-Signature-256", "sha256=" + hmac(body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
            if (status / 100 == 2) {
                acknowledged.incrementAndGet();
                if (parsed != null) {
                    record(parsed);
                }
                return status;
            }
            if (status / 100 == 4 && status != 429 && status != 408) {
                return status;
            }
            if (System.nanoTime() > deadline) {
                unacknowledged.incrementAndGet();
                return -1;
            }
            retries.incrementAndGet();
            hub = 1 - hub;
            sleep(pause);
            pause = Math.min(2_000, pause * 2);
        }
    }

    private void record(ObjectNode d) {
        long revision = d.get("revision").asLong();
        Acked acked = new Acked(revision, dueDate14(d), String.valueOf(Integer.parseInt(d.get("dossierStatus").get("id").asText()) + 1),
                d.get("summary").asText());
        latest.merge(code(d), acked, (a, b) -> b.revision() > a.revision() ? b : a);
    }

    /** The dossiers with an acknowledged version. */
    List<String> codes() {
        return List.copyOf(latest.keySet());
    }

    private String hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
