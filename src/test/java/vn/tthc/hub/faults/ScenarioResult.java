package vn.tthc.hub.faults;

import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The counts of one scenario (RELIABILITY.md's report), and the report of a whole run as JSON and as a table. */
record ScenarioResult(String id, String title, long dossiers, long attempted, long acknowledged, long unacknowledged, long lost,
                      long appliedDuplicates, long wireDuplicates, long unexpected, long orderingRegressions, long stuck,
                      long errorRecordsExpected, long errorRecordsActual, long maxAttempts, Double recoverySeconds, long alertsSent,
                      long piiCanaryHits, double seconds, long deliveriesDelivered, Map<String, Object> details) {

    /** The report: the run's settings, then one entry per scenario in order. */
    static void write(Path dir, Map<String, Object> run, List<ScenarioResult> results) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> report = new LinkedHashMap<>(run);
        Map<String, Object> scenarios = new LinkedHashMap<>();
        results.forEach(r -> scenarios.put(r.id(), r));
        report.put("scenarios", scenarios);
        Files.writeString(dir.resolve("report.json"), Cluster.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        Files.writeString(dir.resolve("report.txt"), table(run, results));
    }

    static String table(Map<String, Object> run, List<ScenarioResult> results) {
        StringBuilder b = new StringBuilder();
        b.append("Fault suite, profile ").append(run.get("profile")).append(", seed ").append(run.get("seed")).append(", ")
                .append(run.get("finishedAt")).append('\n');
        b.append("| scenario | dossiers | acked | lost | applied dup. | wire dup. | unexpected | order regr. | stuck | error rec. exp./act. | max att. | recovery s | alerts | PII hits | s |\n");
        b.append("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ScenarioResult r : results) {
            b.append(String.format("| %s %s | %d | %d | %d | %d | %d | %d | %d | %d | %d / %d | %d | %s | %d | %d | %.0f |%n", r.id(), r.title(), r.dossiers(),
                    r.acknowledged(), r.lost(), r.appliedDuplicates(), r.wireDuplicates(), r.unexpected(), r.orderingRegressions(), r.stuck(),
                    r.errorRecordsExpected(), r.errorRecordsActual(), r.maxAttempts(),
                    r.recoverySeconds() == null ? "–" : String.format("%.0f", r.recoverySeconds()), r.alertsSent(), r.piiCanaryHits(), r.seconds()));
        }
        return b.toString();
    }
}
