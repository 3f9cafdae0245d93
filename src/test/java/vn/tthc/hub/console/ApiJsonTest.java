package vn.tthc.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import vn.tthc.hub.sync.DeliveryState;
import vn.tthc.hub.sync.PullRegistry;
import vn.tthc.hub.sync.TargetRegistry;
import vn.tthc.hub.sync.WatermarkStore;

/**
 * The management API's JSON, compared as text over fixed rows with every nullable column both set
 * and empty, rendered by the ObjectMapper Spring Boot gives the hub: clients read these field names,
 * their nulls and their ISO instants, so the records must answer exactly what the maps they replaced did.
 */
class ApiJsonTest {
    static final Instant T0 = Instant.parse("2026-11-23T01:00:00Z");
    static ObjectMapper json;
    NamedParameterJdbcTemplate jdbc;
    ApiController api;
    QuarantineApi quarantineApi;

    static final String DOSSIER = """
            {
              "source": "province",
              "code": "A-1",
              "version": 2,
              "status": 4,
              "procedureCode": "2.000477",
              "agencyCode": "000.00.06.H56",
              "createdAt": "2026-11-23T01:00:00Z",
              "updatedAt": "2026-11-23T01:00:01.500Z",
              "views": [
                {"source": "province", "code": "A-1", "version": 2, "status": 4, "procedureCode": "2.000477", "agencyCode": "000.00.06.H56", "createdAt": "2026-11-23T01:00:00Z", "updatedAt": "2026-11-23T01:00:01.500Z"},
                {"source": "ministry-G06", "code": "A-1", "version": 1, "status": 9, "procedureCode": null, "agencyCode": null, "createdAt": "2026-11-23T01:00:05Z", "updatedAt": "2026-11-23T01:00:05Z"}
              ],
              "deliveries": [
                {"id": 1, "source": "province", "target": "dvcqg", "version": 1, "state": "DELIVERED", "attempts": 1, "stage": 3, "lastHttpStatus": 200, "lastError": null, "nextAttemptAt": "2026-11-23T01:00:00.123456Z", "deliveredAt": "2026-11-23T01:00:02Z"},
                {"id": 2, "source": "province", "target": "dvcqg", "version": 2, "state": "FAILED", "attempts": 2, "stage": 1, "lastHttpStatus": 503, "lastError": "HTTP 503", "nextAttemptAt": "2026-11-23T01:00:30Z", "deliveredAt": null},
                {"id": 3, "source": "province", "target": "emc", "version": 2, "state": "PENDING", "attempts": 0, "stage": 0, "lastHttpStatus": null, "lastError": null, "nextAttemptAt": "2026-11-23T01:00:00Z", "deliveredAt": null},
                {"id": 4, "source": "ministry-G06", "target": "province", "version": 1, "state": "DEAD", "attempts": 1, "stage": 0, "lastHttpStatus": 400, "lastError": "error_code -1", "nextAttemptAt": "2026-11-23T01:00:00Z", "deliveredAt": null}
              ]
            }""";

    static final String PARTNERS = """
            {
              "dvcqg": {"pending": 1, "failed": 1, "delivered": 1, "dead": 0, "discarded": 0, "circuit": "closed"},
              "emc": {"pending": 1, "failed": 0, "delivered": 0, "dead": 0, "discarded": 0, "circuit": "open"},
              "province": {"pending": 0, "failed": 0, "delivered": 0, "dead": 1, "discarded": 0, "circuit": "closed"},
              "coordination": {"pending": 1, "failed": 0, "delivered": 0, "dead": 0, "discarded": 0, "role": "source", "watermark": "2026-11-23T08:00:00+07:00", "circuit": "closed"},
              "ministry-G99": {"pending": 0, "failed": 0, "delivered": 0, "dead": 0, "discarded": 0, "role": "source", "watermark": null, "circuit": "closed"}
            }""";

    static final String DELIVERIES = """
            [
              {"id": 5, "source": "coordination", "target": "dvcqg", "version": 1, "state": "PENDING", "attempts": 0, "stage": 0, "lastHttpStatus": null, "lastError": null, "nextAttemptAt": "2026-11-23T01:00:00Z", "deliveredAt": null, "dossierCode": "B-7"},
              {"id": 4, "source": "ministry-G06", "target": "province", "version": 1, "state": "DEAD", "attempts": 1, "stage": 0, "lastHttpStatus": 400, "lastError": "error_code -1", "nextAttemptAt": "2026-11-23T01:00:00Z", "deliveredAt": null, "dossierCode": "A-1"},
              {"id": 3, "source": "province", "target": "emc", "version": 2, "state": "PENDING", "attempts": 0, "stage": 0, "lastHttpStatus": null, "lastError": null, "nextAttemptAt": "2026-11-23T01:00:00Z", "deliveredAt": null, "dossierCode": "A-1"},
              {"id": 2, "source": "province", "target": "dvcqg", "version": 2, "state": "FAILED", "attempts": 2, "stage": 1, "lastHttpStatus": 503, "lastError": "HTTP 503", "nextAttemptAt": "2026-11-23T01:00:30Z", "deliveredAt": null, "dossierCode": "A-1"},
              {"id": 1, "source": "province", "target": "dvcqg", "version": 1, "state": "DELIVERED", "attempts": 1, "stage": 3, "lastHttpStatus": 200, "lastError": null, "nextAttemptAt": "2026-11-23T01:00:00.123456Z", "deliveredAt": "2026-11-23T01:00:02Z", "dossierCode": "A-1"}
            ]""";

    static final String DELIVERIES_DVCQG_FAILED = """
            [
              {"id": 2, "source": "province", "target": "dvcqg", "version": 2, "state": "FAILED", "attempts": 2, "stage": 1, "lastHttpStatus": 503, "lastError": "HTTP 503", "nextAttemptAt": "2026-11-23T01:00:30Z", "deliveredAt": null, "dossierCode": "A-1"}
            ]""";

    static final String ATTEMPTS = """
            [
              {"attempt": 1, "startedAt": "2026-11-23T01:00:00Z", "latencyMs": 12, "httpStatus": 503, "outcome": "TRANSIENT", "error": "HTTP 503"},
              {"attempt": 2, "startedAt": "2026-11-23T01:00:01Z", "latencyMs": 40, "httpStatus": null, "outcome": "TRANSIENT", "error": "connect timed out"},
              {"attempt": 3, "startedAt": "2026-11-23T01:00:02Z", "latencyMs": 7, "httpStatus": 200, "outcome": "OK", "error": null}
            ]""";

    static final String QUARANTINE = """
            {
              "items": [
                {"id": 2, "receivedAt": "2026-11-23T01:00:03Z", "source": "province", "channel": "pull", "dossierCode": "A-2", "httpStatus": 422, "reason": "summary: required", "payloadHash": "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "payloadSize": 20, "contentType": "application/json", "repeats": 2, "lastSeenAt": "2026-11-23T01:00:09Z", "state": "OPEN", "errors": [{"field": "summary", "rule": "required", "message": "summary is required"}], "resolvedAt": null, "resolvedBy": null},
                {"id": 1, "receivedAt": "2026-11-23T01:00:00Z", "source": "province", "channel": "webhook", "dossierCode": null, "httpStatus": 400, "reason": "body: not JSON", "payloadHash": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "payloadSize": 4, "contentType": null, "repeats": 0, "lastSeenAt": null, "state": "OPEN", "errors": [], "resolvedAt": null, "resolvedBy": null}
              ],
              "page": 1,
              "size": 100,
              "total": 2,
              "totalPages": 1
            }""";

    @BeforeAll
    static void bootsObjectMapper() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .run(ctx -> json = ctx.getBean(ObjectMapper.class));
    }

    @BeforeEach
    void seed() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:apijson;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(ds);
        dossier("province", "A-1", 2, 4, "2.000477", "000.00.06.H56", T0, T0.plusMillis(1500));
        dossier("ministry-G06", "A-1", 1, 9, null, null, T0.plusSeconds(5), T0.plusSeconds(5));
        delivery("province", "A-1", 1, "dvcqg", "DELIVERED", 1, 3, 200, null, T0.plusNanos(123_456_000), T0.plusSeconds(2));
        delivery("province", "A-1", 2, "dvcqg", "FAILED", 2, 1, 503, "HTTP 503", T0.plusSeconds(30), null);
        delivery("province", "A-1", 2, "emc", "PENDING", 0, 0, null, null, T0, null);
        delivery("ministry-G06", "A-1", 1, "province", "DEAD", 1, 0, 400, "error_code -1", T0, null);
        delivery("coordination", "B-7", 1, "dvcqg", "PENDING", 0, 0, null, null, T0, null);
        attempt(1, 1, T0, 12, 503, "TRANSIENT", "HTTP 503");
        attempt(1, 2, T0.plusSeconds(1), 40, null, "TRANSIENT", "connect timed out");
        attempt(1, 3, T0.plusSeconds(2), 7, 200, "OK", null);
        quarantine(T0, "webhook", null, 400, "body: not JSON", "a", 4, null, 0, null);
        quarantine(T0.plusSeconds(3), "pull", "A-2", 422, "summary: required", "b", 20, "application/json", 2, T0.plusSeconds(9));
        jdbc.update("UPDATE quarantine SET errors = '[{\"field\":\"summary\",\"rule\":\"required\",\"message\":\"summary is required\"}]'"
                + " WHERE dossier_code = 'A-2'", new MapSqlParameterSource());
        jdbc.update("INSERT INTO watermark (source, position, updated_at) VALUES ('coordination', '2026-11-23T08:00:00+07:00', :t)",
                new MapSqlParameterSource("t", ts(T0)));
        TargetRegistry targets = mock(TargetRegistry.class);
        when(targets.allTargets()).thenReturn(List.of("dvcqg", "emc", "province"));
        PullRegistry pulls = mock(PullRegistry.class);
        // province is a target as well (listed once, as a target); ministry-G99 has neither deliveries nor a watermark yet
        when(pulls.ids()).thenReturn(Set.of("province", "coordination", "ministry-G99"));
        // EMC failed ten times in a row (the default threshold): its circuit is open
        vn.tthc.hub.sync.PartnerCircuits circuits = new vn.tthc.hub.sync.PartnerCircuits(t -> new vn.tthc.hub.sync.CircuitSettings(),
                java.time.Clock.systemUTC(), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), t -> { });
        for (int i = 0; i < 10; i++) {
            circuits.gate("emc");
            circuits.record("emc", vn.tthc.hub.sync.TargetAdapter.AdapterResult.Kind.TRANSIENT, false, 5);
        }
        api = new ApiController(new ConsoleQueries(jdbc), new WatermarkStore(jdbc), targets, pulls, circuits);
        quarantineApi = new QuarantineApi(new QuarantineQueries(jdbc), null);
    }

    @Test
    void aDossierShowsItsFirstSourceOnTopThenEveryViewAndDelivery() throws Exception {
        assertJson(api.dossier("A-1").getBody(), DOSSIER);
        ResponseEntity<Object> missing = api.dossier("nope");
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        // a Map.of: its field order is not fixed, so only its content is compared
        JsonNode body = json.valueToTree(missing.getBody());
        assertThat(body).isEqualTo(json.readTree("{\"error\": \"not_found\", \"message\": \"no dossier nope\"}"));
    }

    @Test
    void partnersCountDeliveriesByStateAndShowEachPulledSourcesWatermark() throws Exception {
        assertJson(api.partners(), PARTNERS);
    }

    @Test
    void deliveriesAreListedNewestFirstWithTheirDossier() throws Exception {
        assertJson(api.deliveries(null, null, 100), DELIVERIES);
        assertJson(api.deliveries("dvcqg", "failed", 100), DELIVERIES_DVCQG_FAILED);
        assertThat(api.deliveries(null, null, 2)).extracting(d -> d.delivery().id()).containsExactly(5L, 4L);
    }

    @Test
    void attemptsAreListedInTheOrderTheyWereMade() throws Exception {
        assertJson(api.attempts(1), ATTEMPTS);
        assertJson(api.attempts(99), "[]");
    }

    @Test
    void theQuarantineCountsEverythingAndListsTheNewestFirst() throws Exception {
        assertJson(quarantine(100), QUARANTINE);
        assertThat(quarantine(1).items()).extracting(QuarantineItem::id).containsExactly(2L);
        assertThat(quarantine(1).total()).isEqualTo(2);
    }

    @Test
    void stateCountsListEveryDeliveryStateInTheEnumsOrder() {
        assertThat(Arrays.stream(StateCounts.class.getRecordComponents()).map(RecordComponent::getName).toList())
                .containsExactlyElementsOf(Arrays.stream(DeliveryState.values()).map(s -> s.name().toLowerCase()).toList());
    }

    /** The quarantine list as {@code GET /api/v1/quarantine?limit=} answers it (every state, newest first). */
    Paged<QuarantineItem> quarantine(int limit) {
        return quarantineApi.search(null, null, null, null, null, null, null, null, null, null, limit);
    }

    /** Compared as text, so that the order of the fields counts too. */
    static void assertJson(Object answer, String expected) throws Exception {
        assertThat(json.writeValueAsString(answer)).isEqualTo(json.readTree(expected).toString());
    }

    static OffsetDateTime ts(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    void dossier(String source, String code, long version, int status, String procedure, String agency, Instant created, Instant updated) {
        jdbc.update("""
                INSERT INTO dossier (code, source, version, content_hash, status, procedure_code, agency_code, steps_count, created_at, updated_at)
                VALUES (:code, :source, :version, :hash, :status, :procedure, :agency, 0, :created, :updated)""",
                new MapSqlParameterSource("code", code).addValue("source", source).addValue("version", version)
                        .addValue("hash", "h".repeat(64)).addValue("status", status).addValue("procedure", procedure, Types.VARCHAR)
                        .addValue("agency", agency, Types.VARCHAR).addValue("created", ts(created)).addValue("updated", ts(updated)));
    }

    void delivery(String source, String code, long version, String target, String state, int attempts, int stage, Integer http,
                  String error, Instant next, Instant delivered) {
        jdbc.update("""
                INSERT INTO delivery (source, dossier_code, version, target, state, attempts, stage, published, next_attempt_at,
                  last_http_status, last_error, created_at, updated_at, delivered_at)
                VALUES (:source, :code, :version, :target, :state, :attempts, :stage, FALSE, :next, :http, :error, :t, :t, :delivered)""",
                new MapSqlParameterSource("source", source).addValue("code", code).addValue("version", version)
                        .addValue("target", target).addValue("state", state).addValue("attempts", attempts).addValue("stage", stage)
                        .addValue("next", ts(next)).addValue("http", http, Types.INTEGER).addValue("error", error, Types.VARCHAR)
                        .addValue("t", ts(T0)).addValue("delivered", ts(delivered), Types.TIMESTAMP_WITH_TIMEZONE));
    }

    void attempt(long delivery, int attempt, Instant started, int latency, Integer http, String outcome, String error) {
        jdbc.update("""
                INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, http_status, outcome, error)
                VALUES (:id, :attempt, :started, :latency, :http, :outcome, :error)""",
                new MapSqlParameterSource("id", delivery).addValue("attempt", attempt).addValue("started", ts(started))
                        .addValue("latency", latency).addValue("http", http, Types.INTEGER).addValue("outcome", outcome)
                        .addValue("error", error, Types.VARCHAR));
    }

    void quarantine(Instant at, String channel, String code, int status, String reason, String hashChar, int size, String contentType,
                    int repeats, Instant lastSeen) {
        jdbc.update("""
                INSERT INTO quarantine (received_at, source, channel, dossier_code, http_status, reason, errors, payload, payload_hash,
                  payload_size, content_type, repeats, last_seen_at)
                VALUES (:at, 'province', :channel, :code, :status, :reason, '[]', '{}', :hash, :size, :ct, :repeats, :seen)""",
                new MapSqlParameterSource("at", ts(at)).addValue("channel", channel).addValue("code", code, Types.VARCHAR)
                        .addValue("status", status).addValue("reason", reason).addValue("hash", hashChar.repeat(64))
                        .addValue("size", size).addValue("ct", contentType, Types.VARCHAR).addValue("repeats", repeats)
                        .addValue("seen", ts(lastSeen), Types.TIMESTAMP_WITH_TIMEZONE));
    }
}
