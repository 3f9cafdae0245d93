package vn.tthc.hub.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** The dashboard's SQL (totals of the hour and day, buckets of the charts) run unchanged on each supported database. */
abstract class DashboardQueriesContract {
    static final Instant T0 = Instant.parse("2026-12-03T03:00:00Z");  // on a minute and a half-hour boundary
    static final Instant NOW = T0.plusSeconds(1800);
    NamedParameterJdbcTemplate jdbc;
    DashboardQueries queries;

    abstract DataSource dataSource();

    @BeforeEach
    void migrate() {
        Flyway.configure().dataSource(dataSource()).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(dataSource()).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(dataSource());
        queries = new DashboardQueries(jdbc);
        long portal = delivery("province", "A", "dvcqg");
        attempt(portal, T0.plusSeconds(10), "DELIVERED");
        attempt(portal, T0.plusSeconds(70), "TRANSIENT");
        attempt(portal, T0.plusSeconds(75), "TRANSIENT");
        attempt(portal, T0.plusSeconds(130), "DELIVERED");
        attempt(portal, T0.plusSeconds(300), "DELIVERED");          // the end of the bucket range: not in it
        attempt(portal, NOW.plusSeconds(60), "DELIVERED");          // after now: in no total
        long writeBack = delivery("coordination", "B", "province");
        attempt(writeBack, T0.plusSeconds(20), "DELIVERED");
        long emc = delivery("province", "A", "emc");
        attempt(emc, T0.minusSeconds(7200), "PERMANENT");           // in the day, not in the hour
        attempt(emc, NOW.minusSeconds(25 * 3600), "DELIVERED");     // before the day: nowhere
    }

    long delivery(String source, String code, String target) {
        jdbc.update("""
                INSERT INTO delivery (source, dossier_code, version, target, state, next_attempt_at, created_at, updated_at)
                VALUES (:source, :code, 1, :target, 'PENDING', :t, :t, :t)""",
                new MapSqlParameterSource("source", source).addValue("code", code).addValue("target", target)
                        .addValue("t", T0.atOffset(ZoneOffset.UTC)));
        return jdbc.queryForObject("SELECT id FROM delivery WHERE dossier_code = :code AND target = :target",
                Map.of("code", code, "target", target), Long.class);
    }

    void attempt(long delivery, Instant at, String outcome) {
        jdbc.update("""
                INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, http_status, outcome, error)
                VALUES (:d, 1, :t, 5, NULL, :outcome, NULL)""",
                new MapSqlParameterSource("d", delivery).addValue("t", at.atOffset(ZoneOffset.UTC)).addValue("outcome", outcome));
    }

    @Test
    void totalsOfTheHourAndTheDayPerTargetAndSourceWithTheLastSuccessOfTheDay() {
        Map<String, DashboardQueries.Totals> t = queries.totals(NOW.minusSeconds(86_400), NOW.minusSeconds(3600), NOW).stream()
                .collect(Collectors.toMap(x -> x.target() + "<" + x.source(), Function.identity()));
        assertThat(t).containsOnlyKeys("dvcqg<province", "province<coordination", "emc<province");
        assertThat(t.get("dvcqg<province")).isEqualTo(new DashboardQueries.Totals("dvcqg", "province", 5, 3, 5, 3, T0.plusSeconds(300)));
        assertThat(t.get("province<coordination")).isEqualTo(new DashboardQueries.Totals("province", "coordination", 1, 1, 1, 1, T0.plusSeconds(20)));
        assertThat(t.get("emc<province")).isEqualTo(new DashboardQueries.Totals("emc", "province", 0, 0, 1, 0, null));
    }

    @Test
    void bucketsOfAMinuteAndOfHalfAnHourByTargetOrBySource() {
        List<DashboardQueries.Bucket> minutes = queries.buckets(T0, T0.plusSeconds(300), 60, List.of("dvcqg"), null);
        long b0 = T0.getEpochSecond() / 60;
        assertThat(minutes).containsExactlyInAnyOrder(
                new DashboardQueries.Bucket("dvcqg", "province", b0, 1, 1),
                new DashboardQueries.Bucket("dvcqg", "province", b0 + 1, 2, 0),
                new DashboardQueries.Bucket("dvcqg", "province", b0 + 2, 1, 1));
        List<DashboardQueries.Bucket> halfHours = queries.buckets(NOW.minusSeconds(86_400), NOW, 1800, List.of("dvcqg", "emc"), null);
        assertThat(halfHours).containsExactlyInAnyOrder(
                new DashboardQueries.Bucket("dvcqg", "province", T0.getEpochSecond() / 1800, 5, 3),
                new DashboardQueries.Bucket("emc", "province", T0.minusSeconds(7200).getEpochSecond() / 1800, 1, 0));
        assertThat(queries.buckets(T0, NOW, 60, List.of(), "coordination"))
                .containsExactly(new DashboardQueries.Bucket("province", "coordination", b0, 1, 1));
    }
}
