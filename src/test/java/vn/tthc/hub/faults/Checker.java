package vn.tthc.hub.faults;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Counts one scenario the Jepsen way, at the ends: what the source had acknowledged (its {@link Source}) against what
 * the partner simulators hold and their ledgers counted, plus the hub's own database only for what must be visible
 * (dead letters, quarantine records, open deliveries). The invariants of RELIABILITY.md: I1 lost, I2 applied
 * duplicates, I3 unexpected (a state the source never sent), I4 ordering regressions, I5 error records, I6 stuck,
 * I8 PII canary hits (hub logs, alert mails, pages), I10 recovery time.
 */
final class Checker {
    static final List<String> TARGETS = List.of("dvcqg", "emc");
    static final List<String> LOGS = List.of("hub1.log", "hub2.log");

    private final Cluster cluster;
    private final Map<String, Long> logOffsets = new HashMap<>();
    private Map<String, JsonNode> ledgersBefore;
    private long mailsBefore;
    private long searchesBefore;
    Instant started;

    Checker(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Marks the start of a scenario: ledgers, mails and log positions from here on are its own. */
    void begin() {
        started = Instant.now();
        ledgersBefore = ledgers();
        mailsBefore = mails().size();
        searchesBefore = cluster.sim("/sim/province/_control/ledger").path("searches").asLong();
        for (String log : LOGS) {
            logOffsets.put(log, size(cluster.dir.resolve(log)));
        }
    }

    /** Province dossier searches (first pages) since {@link #begin()}: one per fire of the scheduled pull. */
    long searches() {
        return cluster.sim("/sim/province/_control/ledger").path("searches").asLong() - searchesBefore;
    }

    Map<String, JsonNode> ledgers() {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        for (String t : TARGETS) {
            m.put(t, cluster.sim("/sim/" + t + "/_control/ledger"));
        }
        return m;
    }

    long ledgerDelta(String target, String counter) {
        return cluster.sim("/sim/" + target + "/_control/ledger").path(counter).asLong() - ledgersBefore.get(target).path(counter).asLong();
    }

    /** Waits until none of the dossiers has an open delivery (PENDING or FAILED); the number still open after {@code max}. */
    long awaitSettled(Set<String> codes, Duration max) throws SQLException {
        long deadline = System.nanoTime() + max.toNanos();
        long open;
        do {
            open = count("SELECT COUNT(*) FROM delivery WHERE dossier_code = ANY(?) AND state IN ('PENDING','FAILED')", codes);
            if (open == 0) {
                return 0;
            }
            Source.sleep(500);
        } while (System.nanoTime() < deadline);
        return open;
    }

    /** The counts of the scenario after it settled. */
    ScenarioResult result(String id, String title, Source source, long errorRecordsExpected, Double recoverySeconds,
                          Map<String, Object> extra) throws SQLException, IOException {
        Set<String> codes = source.latest.keySet();
        long stuck = awaitSettled(codes, Duration.ofSeconds(5));
        Set<String> deadToPortal = strings("SELECT DISTINCT dossier_code FROM delivery WHERE target = 'dvcqg' AND state = 'DEAD' AND dossier_code = ANY(?)", codes);
        Set<String> deadToEmc = strings("SELECT DISTINCT dossier_code FROM delivery WHERE target = 'emc' AND state = 'DEAD' AND dossier_code = ANY(?)", codes);
        List<String> lostCodes = lost(source, deadToPortal, deadToEmc);
        long lost = lostCodes.size();
        long unexpected = 0;
        for (String code : codes) {
            JsonNode portal = cluster.sim("/sim/dvcqg/_control/dossiers/" + code);
            String held = portal == null || portal.path("item").isNull() ? null : portal.path("item").path("NgayHenTra").asText();
            if (held != null && !source.sent.getOrDefault(code, Set.of()).contains(held)) {
                unexpected++;
            }
        }
        long dead = count("SELECT COUNT(*) FROM delivery WHERE state = 'DEAD' AND dossier_code = ANY(?)", codes);
        long quarantined = scalar("SELECT COUNT(*) FROM quarantine WHERE received_at >= ?", Timestamp.from(started));
        Long maxAttempts = scalar("SELECT COALESCE(MAX(attempts), 0) FROM delivery WHERE dossier_code = ANY(?)", codes);
        long appliedDuplicates = 0;
        long wireDuplicates = 0;
        long outOfOrder = 0;
        Map<String, Object> perTarget = new LinkedHashMap<>();
        for (String t : TARGETS) {
            long ad = ledgerDelta(t, "appliedDuplicates");
            long wd = ledgerDelta(t, "wireDuplicates");
            long oo = ledgerDelta(t, "outOfOrder");
            appliedDuplicates += ad;
            wireDuplicates += wd;
            outOfOrder += oo;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("received", ledgerDelta(t, "received"));
            m.put("applied", ledgerDelta(t, "applied"));
            m.put("appliedDuplicates", ad);
            m.put("wireDuplicates", wd);
            m.put("rejected", ledgerDelta(t, "rejected"));
            m.put("outOfOrder", oo);
            perTarget.put(t, m);
        }
        long regressions = outOfOrder; // an older state left at the end is counted as lost (the latest never arrived)
        long pii = piiHits(source.canaries, codes);
        long alerts = mails().size() - mailsBefore;
        Instant ended = Instant.now();
        double seconds = Duration.between(started, ended).toMillis() / 1000.0;
        long delivered = count("SELECT COUNT(*) FROM delivery WHERE state = 'DELIVERED' AND dossier_code = ANY(?)", codes);
        Map<String, Object> more = new LinkedHashMap<>(extra);
        more.put("targets", perTarget);
        if (!lostCodes.isEmpty()) {
            more.put("lostExamples", lostCodes.subList(0, Math.min(10, lostCodes.size())));
        }
        more.put("deadLetters", dead);
        more.put("quarantined", quarantined);
        return new ScenarioResult(id, title, codes.size(), source.attempted.get(), source.acknowledged.get(), source.unacknowledged.get(),
                lost, appliedDuplicates, wireDuplicates, unexpected, regressions, stuck, errorRecordsExpected, dead + quarantined,
                maxAttempts, recoverySeconds, alerts, pii, seconds, delivered, more);
    }

    /**
     * I1: the acknowledged dossiers whose latest version the portal does not hold (its due date, status and summary)
     * or EMC does not know, unless the hub shows that delivery as a dead letter (a visible failure, not a loss).
     */
    List<String> lost(Source source, Set<String> deadToPortal, Set<String> deadToEmc) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Source.Acked> e : source.latest.entrySet()) {
            String code = e.getKey();
            JsonNode portal = cluster.sim("/sim/dvcqg/_control/dossiers/" + code);
            JsonNode item = portal == null || portal.path("item").isNull() ? null : portal.path("item");
            boolean atPortal = e.getValue().isHeldBy(item);
            boolean atEmc = cluster.sim("/sim/emc/_control/dossiers/" + code) != null;
            if ((!atPortal && !deadToPortal.contains(code)) || (!atEmc && !deadToEmc.contains(code))) {
                out.add(code + (atPortal ? "" : item == null ? " (not at the portal)" : " (the portal holds " + item.path("NgayHenTra").asText()
                        + "/" + item.path("TrangThaiHoSo").asText() + ", expected " + e.getValue().dueDate14() + "/" + e.getValue().status() + ")")
                        + (atEmc ? "" : " (not at EMC)"));
            }
        }
        return out;
    }

    /**
     * I10: from {@code recoveredAt}, the first 3-s window in which deliveries of {@code codes} to {@code target} ran at
     * ≥ 80 % of {@code baseline} per second; seconds from the recovery to that window's start, or null if none in 30 s.
     */
    Double recoverySeconds(Set<String> codes, String target, Instant recoveredAt, double baseline) throws SQLException {
        for (int s = 0; s + 3 <= 33; s++) {
            Instant from = recoveredAt.plusSeconds(s);
            if (from.plusSeconds(3).isAfter(Instant.now())) {
                break;
            }
            long n = count2("SELECT COUNT(*) FROM delivery WHERE target = ? AND dossier_code = ANY(?) AND delivered_at >= ? AND delivered_at < ?",
                    target, codes, from, from.plusSeconds(3));
            if (n / 3.0 >= 0.8 * baseline) {
                return (double) s;
            }
        }
        return null;
    }

    /** Deliveries of {@code codes} to {@code target} per second between two instants. */
    double rate(Set<String> codes, String target, Instant from, Instant to) throws SQLException {
        long n = count2("SELECT COUNT(*) FROM delivery WHERE target = ? AND dossier_code = ANY(?) AND delivered_at >= ? AND delivered_at < ?",
                target, codes, from, to);
        return n / (Duration.between(from, to).toMillis() / 1000.0);
    }

    /** Intake (the version's received_at) to delivery at {@code target}, per delivered version of the dossiers, in ms. */
    List<Long> latenciesMs(Set<String> codes, String target) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Connection c = cluster.database(); PreparedStatement ps = c.prepareStatement("""
                SELECT v.received_at, d.delivered_at FROM delivery d JOIN dossier_version v ON v.source = d.source
                  AND v.dossier_code = d.dossier_code AND v.version = d.version
                WHERE d.target = ? AND d.state = 'DELIVERED' AND d.dossier_code = ANY(?)""")) {
            ps.setString(1, target);
            ps.setArray(2, c.createArrayOf("varchar", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getTimestamp(2).getTime() - rs.getTimestamp(1).getTime());
                }
            }
        }
        return out;
    }

    // ---- I8: personal data -------------------------------------------------------------------------------------

    /** Whole canary CCCDs and phone numbers in the hubs' log lines since {@link #begin()}, the alert mails, and the pages. */
    long piiHits(Set<String> canaries, Set<String> codes) throws IOException {
        long hits = 0;
        for (String log : LOGS) {
            hits += occurrences(tail(cluster.dir.resolve(log), logOffsets.getOrDefault(log, 0L)), canaries);
        }
        for (JsonNode mail : mails()) {
            hits += occurrences(mail.toString(), canaries);
        }
        // the list views and a few dossier pages as a viewer would see them (an admin's full-payload view is audited, not masked)
        StringBuilder pages = new StringBuilder();
        pages.append(page("/dossiers?size=100")).append(page("/quarantine")).append(page("/api/v1/dossiers?size=100"))
                .append(page("/api/v1/quarantine?limit=100"));
        codes.stream().limit(3).forEach(c -> pages.append(page("/dossiers/" + c)).append(page("/api/v1/dossiers/" + c + "/timeline")));
        hits += occurrences(pages.toString(), canaries);
        return hits;
    }

    private String page(String path) {
        try {
            return cluster.hub(0, "GET", path, null).body();
        } catch (RuntimeException e) {
            try {
                return cluster.hub(1, "GET", path, null).body();
            } catch (RuntimeException again) {
                return "";
            }
        }
    }

    List<JsonNode> mails() {
        // the simulators' mail sink (GreenMail in the sims process) keeps the hubs' alert mails
        List<JsonNode> out = new ArrayList<>();
        cluster.simSignedIn("/api/v1/alerts/mails").forEach(out::add);
        return out;
    }

    static long occurrences(String text, Set<String> needles) {
        long n = 0;
        for (String needle : needles) {
            for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
                n++;
            }
        }
        return n;
    }

    private static long size(Path p) {
        try {
            return Files.exists(p) ? Files.size(p) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String tail(Path p, long from) throws IOException {
        if (!Files.exists(p)) {
            return "";
        }
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "r")) {
            long start = from <= f.length() ? from : 0; // a restarted process appends; a shorter file was replaced
            byte[] b = new byte[(int) Math.min(Integer.MAX_VALUE - 8, f.length() - start)];
            f.seek(start);
            f.readFully(b);
            return new String(b, StandardCharsets.UTF_8);
        }
    }

    // ---- SQL ---------------------------------------------------------------------------------------------------

    long count(String sql, Set<String> codes) throws SQLException {
        try (Connection c = cluster.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, c.createArrayOf("varchar", codes.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long count2(String sql, String target, Set<String> codes, Instant from, Instant to) throws SQLException {
        try (Connection c = cluster.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, target);
            ps.setArray(2, c.createArrayOf("varchar", codes.toArray()));
            ps.setTimestamp(3, Timestamp.from(from));
            ps.setTimestamp(4, Timestamp.from(to));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    Set<String> strings(String sql, Set<String> codes) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Connection c = cluster.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            Array a = c.createArrayOf("varchar", codes.toArray());
            ps.setArray(1, a);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    long scalar(String sql, Object param) throws SQLException {
        try (Connection c = cluster.database(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param instanceof Set<?> s) {
                ps.setArray(1, c.createArrayOf("varchar", s.toArray()));
            } else {
                ps.setObject(1, param);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
