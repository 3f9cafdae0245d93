package vn.tthc.hub.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The dossier search's filters, paging and row shape, a timeline's contents and order, and the payload mask, over
 * fixed rows (the hub's migrations) in H2 and in PostgreSQL: every filter both matching and not matching, day boundaries
 * in Vietnam time.
 */
abstract class DossierQueriesContract {
    // 2026-11-23 00:30 in Vietnam is 2026-11-22 17:30 UTC: the day boundary a UTC date would get wrong
    static final Instant T0 = Instant.parse("2026-11-22T17:30:00Z");
    static final Set<String> PARTNERS = Set.of("province", "dvcqg", "emc", "ministry-G06");
    NamedParameterJdbcTemplate jdbc;
    DossierQueries queries;
    ConsoleQueries console;

    @BeforeEach
    void seed() {
        DataSource ds = dataSource();
        Flyway.configure().dataSource(ds).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(ds).load().migrate();
        jdbc = new NamedParameterJdbcTemplate(ds);
        queries = new DossierQueries(jdbc);
        console = new ConsoleQueries(jdbc);
        // A-1: province v1..v2 and a ministry's view; delivered to dvcqg after a failure, failed at emc
        dossier("province", "H56-261123-0001", 2, 4, "2.000477", "000.00.06.H56", T0, T0.plusSeconds(60));
        dossier("ministry-G06", "H56-261123-0001", 1, 9, null, null, T0.plusSeconds(5), T0.plusSeconds(5));
        version("province", "H56-261123-0001", 1, 2, T0, "{\"summary\": \"Lần một\"}");
        version("province", "H56-261123-0001", 2, 4, T0.plusSeconds(60),
                "{\"summary\": \"Đề nghị cấp phép, CCCD 019190001234\", \"procedureName\": \"Cấp phép\", "
                        + "\"applicant\": {\"name\": \"Nguyễn Thị Lan\", \"idNumber\": \"019190001234\"}, \"dueAt\": \"2026-12-07T10:00:00Z\"}");
        version("ministry-G06", "H56-261123-0001", 1, 9, T0.plusSeconds(5), "{\"summary\": \"Bộ\"}");
        long d1 = delivery("province", "H56-261123-0001", 2, "dvcqg", "DELIVERED");
        attempt(d1, 1, T0.plusSeconds(61), 30, 503, "TRANSIENT", "HTTP 503");
        attempt(d1, 2, T0.plusSeconds(62), 12, 200, "DELIVERED", null);
        long d2 = delivery("province", "H56-261123-0001", 2, "emc", "FAILED");
        attempt(d2, 1, T0.plusSeconds(61), 40, null, "TRANSIENT", "connect timed out");
        delivery("ministry-G06", "H56-261123-0001", 1, "province", "DELIVERED");
        quarantine("H56-261123-0001", T0.plusSeconds(30), "summary: must not be empty");
        // B_2: a code with an underscore, dead at dvcqg, updated on the next Vietnamese day
        dossier("province", "H56_261124-0002", 1, 2, "1.000001", "000.00.07.H56", T0.plusSeconds(3600), T0.plusSeconds(86_400));
        version("province", "H56_261124-0002", 1, 2, T0.plusSeconds(86_400), "{\"summary\": \"<script>alert(1)</script>\"}");
        delivery("province", "H56_261124-0002", 1, "dvcqg", "DEAD");
        // C: no delivery at all, the oldest
        dossier("province", "H56X261120-0003", 1, 1, "2.000477", "000.00.06.H56", T0.minusSeconds(86_400), T0.minusSeconds(86_400));
        version("province", "H56X261120-0003", 1, 1, T0.minusSeconds(86_400), "{}");
    }

    abstract DataSource dataSource();

    Paged<DossierSearchItem> search(String code, String procedure, String agency, String status, String partner, String state,
                                    String from, String to) {
        return queries.search(DossierFilter.parse(code, procedure, agency, status, partner, state, from, to, PARTNERS), 1, 50);
    }

    List<String> codes(Paged<DossierSearchItem> page) {
        return page.items().stream().map(DossierSearchItem::code).toList();
    }

    @Test
    void oneRowPerCodeNewestUpdateFirstWithItsSourcesDeliveriesAndMaskedSummary() {
        Paged<DossierSearchItem> all = search(null, null, null, null, null, null, null, null);
        assertThat(all.total()).isEqualTo(3);
        assertThat(codes(all)).containsExactly("H56_261124-0002", "H56-261123-0001", "H56X261120-0003");
        DossierSearchItem a = all.items().get(1);
        assertThat(a.sources()).extracting(DossierSearchItem.SourceHead::source).containsExactly("province", "ministry-G06");
        assertThat(a.procedureCode()).isEqualTo("2.000477");
        assertThat(a.status()).isEqualTo(4);
        assertThat(a.updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(a.summary()).isEqualTo("Đề nghị cấp phép, CCCD *********234");
        assertThat(a.worstState()).isEqualTo("FAILED");
        assertThat(a.deliveries()).isEqualTo(new StateCounts(0, 1, 2, 0));
        assertThat(all.items().get(0).worstState()).isEqualTo("DEAD");
        assertThat(all.items().get(2).worstState()).isNull();
        assertThat(all.items().get(2).deliveries()).isEqualTo(StateCounts.NONE);
    }

    @Test
    void everyFilterNarrowsTheSearch() {
        assertThat(codes(search("H56-", null, null, null, null, null, null, null))).containsExactly("H56-261123-0001");
        // the prefix's underscore is a character, not LIKE's any-one-character
        assertThat(codes(search("H56_", null, null, null, null, null, null, null))).containsExactly("H56_261124-0002");
        assertThat(codes(search("h56-", null, null, null, null, null, null, null))).isEmpty();
        assertThat(codes(search(null, "2.000477", null, null, null, null, null, null))).containsExactly("H56-261123-0001", "H56X261120-0003");
        assertThat(codes(search(null, null, "000.00.07.H56", null, null, null, null, null))).containsExactly("H56_261124-0002");
        assertThat(codes(search(null, null, null, "9", null, null, null, null))).containsExactly("H56-261123-0001");
        assertThat(codes(search(null, null, null, "1", null, null, null, null))).containsExactly("H56X261120-0003");
        // a partner as a source (a version from it) and as a target (a delivery to it)
        assertThat(codes(search(null, null, null, null, "ministry-G06", null, null, null))).containsExactly("H56-261123-0001");
        assertThat(codes(search(null, null, null, null, "dvcqg", null, null, null))).containsExactly("H56_261124-0002", "H56-261123-0001");
        assertThat(codes(search(null, null, null, null, "emc", null, null, null))).containsExactly("H56-261123-0001");
        assertThat(codes(search(null, null, null, null, null, "dead", null, null))).containsExactly("H56_261124-0002");
        assertThat(codes(search(null, null, null, null, null, "DELIVERED", null, null))).containsExactly("H56-261123-0001");
        // with a partner, the state is the state of a delivery to (or from) it
        assertThat(codes(search(null, null, null, null, "dvcqg", "FAILED", null, null))).isEmpty();
        assertThat(codes(search(null, null, null, null, "emc", "FAILED", null, null))).containsExactly("H56-261123-0001");
        assertThat(codes(search(null, null, null, null, "dvcqg", "DEAD", null, null))).containsExactly("H56_261124-0002");
        // days are Vietnamese days: 2026-11-22 17:30 UTC is 23/11 00:30 in Hanoi
        assertThat(codes(search(null, null, null, null, null, null, "2026-11-23", "2026-11-23"))).containsExactly("H56-261123-0001");
        assertThat(codes(search(null, null, null, null, null, null, "2026-11-24", null))).containsExactly("H56_261124-0002");
        assertThat(codes(search(null, null, null, null, null, null, null, "2026-11-22"))).containsExactly("H56X261120-0003");
        assertThat(codes(search("H56", "2.000477", "000.00.06.H56", "4", "emc", "FAILED", "2026-11-23", "2026-11-24")))
                .containsExactly("H56-261123-0001");
    }

    @Test
    void pagesAreCountedAndCutInOrder() {
        DossierFilter none = DossierFilter.NONE;
        Paged<DossierSearchItem> first = queries.search(none, 1, 2);
        assertThat(first.total()).isEqualTo(3);
        assertThat(first.totalPages()).isEqualTo(2);
        assertThat(codes(first)).containsExactly("H56_261124-0002", "H56-261123-0001");
        assertThat(first.hasNext()).isTrue();
        Paged<DossierSearchItem> second = queries.search(none, 2, 2);
        assertThat(codes(second)).containsExactly("H56X261120-0003");
        assertThat(second.hasNext()).isFalse();
        assertThat(queries.search(none, 3, 2).items()).isEmpty();
    }

    @Test
    void badParametersAreRefusedNamingTheParameterAndTheRule() {
        assertRefused(() -> DossierFilter.parse(null, null, null, "11", null, null, null, null, PARTNERS), "status", "1 to 10");
        assertRefused(() -> DossierFilter.parse(null, null, null, "x", null, null, null, null, PARTNERS), "status", "1 to 10");
        assertRefused(() -> DossierFilter.parse(null, null, null, null, "nobody", null, null, null, PARTNERS), "partner", "dvcqg");
        assertRefused(() -> DossierFilter.parse(null, null, null, null, null, "LOST", null, null, PARTNERS), "state", "PENDING");
        assertRefused(() -> DossierFilter.parse(null, null, null, null, null, null, "23/11/2026", null, PARTNERS), "from", "yyyy-MM-dd");
        assertRefused(() -> DossierFilter.parse(null, null, null, null, null, null, "2026-11-24", "2026-11-23", PARTNERS), "to", "before");
        assertRefused(() -> DossierFilter.parse("x".repeat(65), null, null, null, null, null, null, null, PARTNERS), "code", "64");
        assertRefused(() -> DossierFilter.page(0), "page", "at least 1");
        assertRefused(() -> DossierFilter.size(501), "size", "500");
        assertThat(DossierFilter.parse(" ", "", null, null, null, null, null, null, PARTNERS).isEmpty()).isTrue();
    }

    static void assertRefused(Runnable call, String field, String rule) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiProblem.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.status().value()).isEqualTo(400);
            assertThat(e.getMessage()).startsWith(field + ": ").contains(rule);
        });
    }

    @Test
    void aTimelineHasEveryVersionDeliveryAttemptAndRefusalInTimeOrder() {
        DossierTimeline t = queries.timeline("H56-261123-0001", console.dossierViews("H56-261123-0001")).orElseThrow();
        assertThat(t.versions()).extracting(v -> v.source() + " v" + v.version())
                .containsExactly("province v1", "ministry-G06 v1", "province v2");
        assertThat(t.deliveries()).extracting(DossierTimeline.Delivery::target).containsExactly("dvcqg", "emc", "province");
        assertThat(t.deliveries().get(0).attempts()).extracting(AttemptView::outcome).containsExactly("TRANSIENT", "DELIVERED");
        assertThat(t.deliveries().get(0).attempts()).extracting(AttemptView::httpStatus).containsExactly(503, 200);
        assertThat(t.quarantine()).singleElement().satisfies(q -> {
            assertThat(q.reason()).isEqualTo("summary: must not be empty");
            assertThat(q.status()).isEqualTo("OPEN");
        });
        assertThat(t.events()).extracting(e -> e.kind() + (e.target() == null ? "" : " " + e.target()) + (e.attempt() == null ? "" : " #" + e.attempt()))
                .containsExactly("VERSION", "VERSION", "QUARANTINE", "VERSION", "ATTEMPT dvcqg #1", "ATTEMPT emc #1", "ATTEMPT dvcqg #2");
        assertThat(t.facts().summary()).isEqualTo("Đề nghị cấp phép, CCCD *********234");
        assertThat(t.facts().applicant()).isEqualTo("N. T. Lan");
        assertThat(t.facts().procedureName()).isEqualTo("Cấp phép");
        assertThat(t.facts().dueAt()).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
        assertThat(t.facts().updatedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(queries.timeline("nope", console.dossierViews("nope"))).isEmpty();
    }

    @Test
    void aPayloadIsMaskedByFieldMeaningAndEveryTextByItsNumbers() throws Exception {
        JsonNode body = new ObjectMapper().readTree("""
                {"code": "H56-261123-0001", "summary": "gọi 0912345678", "updatedAt": "2026-11-23T01:00:00.123456789Z",
                 "applicant": {"name": "Nguyễn Thị Lan", "idNumber": "019190001234", "phone": "0912 345 678", "email": "lan@example.vn",
                   "address": "Số 12 đường Hoàng Văn Thụ, tỉnh Thái Nguyên", "identifiers": [{"type": "CCCD", "number": "019190001234"}]},
                 "progress": [{"actor": "Trần Văn Bình", "action": "CCCD 019190001234 đã kiểm tra"}]}""");
        JsonNode masked = DossierPayloadMask.mask(body);
        assertThat(masked.path("applicant").path("name").asText()).isEqualTo("N. T. Lan");
        assertThat(masked.path("applicant").path("idNumber").asText()).isEqualTo("*********234");
        assertThat(masked.path("applicant").path("phone").asText()).isEqualTo("*******678");
        assertThat(masked.path("applicant").path("email").asText()).isEqualTo("***@example.vn");
        assertThat(masked.path("applicant").path("address").asText()).isEqualTo("***, tỉnh Thái Nguyên");
        assertThat(masked.path("applicant").path("identifiers").get(0).path("number").asText()).isEqualTo("*********234");
        assertThat(masked.path("summary").asText()).isEqualTo("gọi *******678");
        assertThat(masked.path("progress").get(0).path("action").asText()).isEqualTo("CCCD *********234 đã kiểm tra");
        assertThat(masked.path("updatedAt").asText()).isEqualTo("2026-11-23T01:00:00.123456789Z");
        assertThat(masked.toString()).doesNotContain("019190001234", "0912", "Nguyễn Thị", "Hoàng Văn Thụ", "lan@");
        assertThat(body.path("applicant").path("idNumber").asText()).as("the body itself is untouched").isEqualTo("019190001234");
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

    void version(String source, String code, long version, int status, Instant at, String body) {
        jdbc.update("""
                INSERT INTO dossier_version (source, dossier_code, version, content_hash, status, steps_from, body, received_via, received_at)
                VALUES (:source, :code, :version, :hash, :status, 0, :body, 'push', :at)""",
                new MapSqlParameterSource("source", source).addValue("code", code).addValue("version", version)
                        .addValue("hash", "v".repeat(64)).addValue("status", status).addValue("body", body).addValue("at", ts(at)));
    }

    long delivery(String source, String code, long version, String target, String state) {
        jdbc.update("""
                INSERT INTO delivery (source, dossier_code, version, target, state, attempts, stage, published, next_attempt_at,
                  created_at, updated_at)
                VALUES (:source, :code, :version, :target, :state, 0, 0, FALSE, :t, :t, :t)""",
                new MapSqlParameterSource("source", source).addValue("code", code).addValue("version", version)
                        .addValue("target", target).addValue("state", state).addValue("t", ts(T0)));
        return jdbc.queryForObject("SELECT MAX(id) FROM delivery", new MapSqlParameterSource(), Long.class);
    }

    void attempt(long delivery, int attempt, Instant started, int latency, Integer http, String outcome, String error) {
        jdbc.update("""
                INSERT INTO delivery_attempt (delivery_id, attempt, started_at, latency_ms, http_status, outcome, error)
                VALUES (:id, :attempt, :started, :latency, :http, :outcome, :error)""",
                new MapSqlParameterSource("id", delivery).addValue("attempt", attempt).addValue("started", ts(started))
                        .addValue("latency", latency).addValue("http", http, Types.INTEGER).addValue("outcome", outcome)
                        .addValue("error", error, Types.VARCHAR));
    }

    void quarantine(String code, Instant at, String reason) {
        jdbc.update("""
                INSERT INTO quarantine (received_at, source, channel, dossier_code, http_status, reason, errors, payload, payload_hash,
                  payload_size, content_type)
                VALUES (:at, 'province', 'webhook', :code, 422, :reason, '[]', '{}', :hash, 2, 'application/json')""",
                new MapSqlParameterSource("at", ts(at)).addValue("code", code).addValue("reason", reason).addValue("hash", "q".repeat(64)));
    }
}
