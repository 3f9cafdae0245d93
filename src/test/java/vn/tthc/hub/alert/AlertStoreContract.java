package vn.tthc.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The alerts' SQL (attempt reading, digest counts, the alert log of V4) run unchanged on each supported database. */
abstract class AlertStoreContract {
    static final Instant T0 = Instant.parse("2026-12-03T03:00:00Z");
    NamedParameterJdbcTemplate jdbc;
    AlertStore store;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(dataSource()).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(dataSource()).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource());
        store = new AlertStore(jdbc);
        dossier("A", "1.001229");
        dossier("B", "2.000123");
        long a = delivery("A", "dvcqg", "FAILED", null);
        attempt(a, 1, T0, "DELIVERED", 200, null);
        attempt(a, 2, T0.plusSeconds(60), "TRANSIENT", 503, "HTTP 503 first");
        attempt(a, 3, T0.plusSeconds(120), "TRANSIENT", 503, "HTTP 503 second");
        long b = delivery("B", "emc", "DELIVERED", T0.plusSeconds(60));
        attempt(b, 1, T0.plusSeconds(60), "DELIVERED", 200, null);
        long c = delivery("B", "dvcqg", "DEAD", null);
        attempt(c, 1, T0.plusSeconds(30), "PERMANENT", 400, "rejected");
    }

    @Test
    void openIncidentsAreKeptInTheDatabaseOneOpenerAndOneCloserEach() {
        IncidentKey failing = IncidentKey.failing("dvcqg");
        IncidentKey dead = new IncidentKey("emc", "1.001229", "dead-http-400");
        JdbcIncidentBook book = new JdbcIncidentBook(jdbc);
        assertThat(book.open(failing, T0).isNew()).isTrue();
        assertThat(book.open(failing, T0.plusSeconds(30)).isNew()).isFalse();
        assertThat(book.open(dead, T0.plusSeconds(10)).isNew()).isTrue();

        // a restarted hub, or a second instance: the same incidents, not new again
        JdbcIncidentBook other = new JdbcIncidentBook(jdbc);
        IncidentBook.Opened again = other.open(failing, T0.plusSeconds(60));
        assertThat(again.isNew()).isFalse();
        assertThat(again.incident().id()).isEqualTo(IncidentBook.idOf(failing, T0));
        assertThat(again.incident().occurrences()).isEqualTo(3);
        assertThat(again.incident().since()).isEqualTo(T0);
        assertThat(again.incident().lastSeen()).isEqualTo(T0.plusSeconds(60));
        assertThat(other.all()).extracting(i -> i.key().toString()).containsExactly("dvcqg/*/failing", "emc/1.001229/dead-http-400");

        assertThat(other.recovered(failing, T0.plusSeconds(90)).orElseThrow().recoveredAt()).isEqualTo(T0.plusSeconds(90));
        assertThat(book.recovered(failing, T0.plusSeconds(120)).orElseThrow().recoveredAt()).as("the first answer is kept")
                .isEqualTo(T0.plusSeconds(90));
        assertThat(book.close(failing)).isPresent();
        assertThat(other.close(failing)).as("closed once").isEmpty();
        assertThat(book.open(failing, T0.plusSeconds(300)).isNew()).as("a later failure is a new incident").isTrue();

        other.closeQuiet("dead", T0.plusSeconds(100), java.time.Duration.ofSeconds(120));
        assertThat(book.get(dead)).as("seen 90 s ago, quiet for 120 s: still open").isPresent();
        other.closeQuiet("dead", T0.plusSeconds(130), java.time.Duration.ofSeconds(120));
        assertThat(book.get(dead)).isEmpty();
        assertThat(book.get(failing)).isPresent();
    }

    @Test
    void partnerStatusesSayWhoFailsSinceWhen() {
        Map<String, PartnerStatus> byPartner = new java.util.HashMap<>();
        store.partnerStatuses(T0.minusSeconds(3600)).forEach(s -> byPartner.put(s.partner(), s));
        PartnerStatus portal = byPartner.get("dvcqg");
        assertThat(portal.lastSuccess()).isEqualTo(T0);
        assertThat(portal.firstFailureAfterSuccess()).isEqualTo(T0.plusSeconds(30));
        assertThat(portal.lastError()).isEqualTo("HTTP 503 second");
        assertThat(portal.lastHttpStatus()).isEqualTo(503);
        assertThat(portal.openDossiers()).isEqualTo(1);
        assertThat(portal.failedDeliveries()).isEqualTo(1);
        PartnerStatus emc = byPartner.get("emc");
        assertThat(emc.lastSuccess()).isEqualTo(T0.plusSeconds(60));
        assertThat(emc.firstFailureAfterSuccess()).isNull();
        assertThat(store.partnerStatuses(T0.plusSeconds(3600))).isEmpty();
    }

    @Test
    void countsForRecoveryAndDigest() {
        assertThat(store.deliveredSince("emc", T0)).isEqualTo(1);
        assertThat(store.deliveredSince("emc", T0.plusSeconds(61))).isZero();
        assertThat(store.procedureOf("province", "A")).contains("1.001229");
        assertThat(store.procedureOf("province", "Z")).isEmpty();
        assertThat(store.dayByPartner(T0.minusSeconds(60), T0.plusSeconds(3600))).containsExactly(
                new AlertComposer.DayCounts("dvcqg", 0, 1, 1), new AlertComposer.DayCounts("emc", 1, 0, 0));
        assertThat(store.dayByDepartment(T0.minusSeconds(60), T0.plusSeconds(3600))).containsExactly(
                new AlertComposer.DayCounts("000.00.06.H56", 1, 1, 1));
    }

    @Test
    void theAlertLogKeepsWhatWasSent() {
        AlertMail m = new AlertMail(AlertMail.Kind.INCIDENT, "dvcqg", null, "dvcqg-failing-20261203-030000", "dvcqg/*/failing", 37,
                "[tthc-hub] Sự cố đồng bộ Cổng DVCQG: 37 hồ sơ", "body", List.of());
        store.logMail(T0, m, "SENT", List.of("a@localhost", "b@localhost"), null);
        store.logMail(T0.plusSeconds(1), m, "THROTTLED", List.of("c@localhost"), null);
        List<AlertStore.AlertRecord> recent = store.recent(10);
        assertThat(recent).hasSize(2);
        AlertStore.AlertRecord sent = recent.get(1);
        assertThat(sent.time()).isEqualTo(T0);
        assertThat(sent.kind()).isEqualTo("incident");
        assertThat(sent.status()).isEqualTo("SENT");
        assertThat(sent.recipients()).containsExactly("a@localhost", "b@localhost");
        assertThat(sent.subject()).isEqualTo("[tthc-hub] Sự cố đồng bộ Cổng DVCQG: 37 hồ sơ");
        assertThat(sent.incidentId()).isEqualTo("dvcqg-failing-20261203-030000");
        assertThat(sent.dossiers()).isEqualTo(37);
        assertThat(recent.get(0).status()).isEqualTo("THROTTLED");
    }

    void dossier(String code, String procedure) {
        jdbc.update("""
                INSERT INTO dossier (source, code, version, content_hash, status, procedure_code, agency_code, steps_count, created_at, updated_at)
                VALUES ('province', :code, 1, :hash, 2, :procedure, '000.00.06.H56', 1, :t, :t)""",
                new MapSqlParameterSource("code", code).addValue("hash", "0".repeat(64)).addValue("procedure", procedure)
                        .addValue("t", T0.atOffset(ZoneOffset.UTC)));
    }

    long delivery(String code, String target, String state, Instant deliveredAt) {
        jdbc.update("""
                INSERT INTO delivery (source, dossier_code, version, target, state, next_attempt_at, created_at, updated_at, delivered_at)
                VALUES ('province', :code, 1, :target, :state, :t, :t, :t, :delivered)""",
                new MapSqlParameterSource("code", code).addValue("target", target).addValue("state", state)
                        .addValue("t", T0.atOffset(ZoneOffset.UTC))
                        .addValue("delivered", deliveredAt == null ? null : deliveredAt.atOffset(ZoneOffset.UTC)));
        return jdbc.queryForObject("SELECT id FROM delivery WHERE dossier_code = :code AND target = :target",
                Map.of("code", code, "target", target), Long.class);
    }

    void attempt(long delivery, int n, Instant at, String outcome, Integer http, String error) {
        jdbc.update("""
                INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, http_status, outcome, error)
                VALUES (:d, :n, :t, 5, :http, :outcome, :error)""",
                new MapSqlParameterSource("d", delivery).addValue("n", n).addValue("t", at.atOffset(ZoneOffset.UTC))
                        .addValue("http", http).addValue("outcome", outcome).addValue("error", error));
    }
}
