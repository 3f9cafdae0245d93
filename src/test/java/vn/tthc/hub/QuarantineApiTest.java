package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.spy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.dossier.DossierValidator;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.sync.DeliveryStore;
import vn.tthc.hub.sync.IntakeResult;
import vn.tthc.hub.sync.IntakeService;
import vn.tthc.hub.sync.QuarantineStore;
import vn.tthc.hub.sync.SyncProperties;
import vn.tthc.hub.sync.TargetRegistry;
import vn.tthc.hub.sync.VersionStore;

/**
 * The quarantine over the API: search by every filter, the detail masked (in full only for operators and admins, and
 * audited), re-submit after the cause is fixed — refused again on the same record, accepted once the cause is gone,
 * never a duplicate version — dismiss with a required reason, and a viewer refused every change.
 *
 * <p>The causes fixed here are ones a test can fix at runtime without forking the shared context: a source clock that
 * ran ahead (a change time more than {@code hub.clock-skew} in the future is refused until that time has come — a
 * real refusal, through the real webhook, validator and clock), and a procedure routed to a ministry system that was
 * not reachable (the refusal made by an intake whose routing fails, as {@link IntakeRoutingFailureTest} does; the
 * hub's own routing, which works, then takes the re-submit). The catalogue import that would let a person add a
 * routing row at runtime is another part of the console.
 */
class QuarantineApiTest extends HubTestBase {
    static final String VIEWER = TestUsers.basic(TestUsers.VIEWER, TestUsers.VIEWER_PASSWORD);
    static final String OPERATOR = TestUsers.basic(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD);

    @Autowired
    VersionStore versions;
    @Autowired
    DeliveryStore deliveries;
    @Autowired
    QuarantineStore quarantines;
    @Autowired
    MappingEngine mappings;
    @Autowired
    DossierValidator validator;
    @Autowired
    TargetRegistry targets;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    SyncProperties props;
    @Autowired
    Clock clock;
    @Autowired
    IntakeService intake;

    /** A province record dated {@code ahead} past the allowed clock skew: refused now, acceptable once that time has passed. */
    ObjectNode aheadOfTime(Duration ahead) throws Exception {
        ObjectNode d = WebhookIntakeTest.sample();
        d.put("updatedDate", OffsetDateTime.now(WebhookIntakeTest.VN).plus(props.getClockSkew()).plus(ahead).toString());
        return d;
    }

    long pushRefused(ObjectNode d) {
        HttpResponse<String> r = push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        return readJson(r.body()).path("quarantineId").asLong();
    }

    static HttpResponse<String> as(String authorization, String method, String path, String body) {
        return send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path))).header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build());
    }

    static long total(String query) {
        return getJson("/api/v1/quarantine?" + query).path("total").asLong();
    }

    static JsonNode auditOf(String action, long id) {
        return getJson("/api/v1/audit?page=1&size=50&action=" + action + "&target=" + enc("quarantine #" + id)).path("items");
    }

    static void sleepUntilPast(OffsetDateTime t) throws InterruptedException {
        long wait = Duration.between(OffsetDateTime.now(), t).toMillis() + 300;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    @Test
    void searchFindsARecordByEveryFilterAndListsItsFieldErrorsMaskedWithoutThePayload() throws Exception {
        ObjectNode d = aheadOfTime(Duration.ofMinutes(10));
        String code = d.get("nationCode").asText();
        long id = pushRefused(d);

        JsonNode page = getJson("/api/v1/quarantine?code=" + enc(code) + "&source=province&channel=webhook&field=updated&rule=future"
                + "&state=open&from=" + OffsetDateTime.now().minusHours(1).toLocalDate() + "&page=1&size=10");
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertThat(page.path("page").asInt()).isEqualTo(1);
        assertThat(page.path("size").asInt()).isEqualTo(10);
        JsonNode item = page.path("items").get(0);
        assertThat(item.path("id").asLong()).isEqualTo(id);
        assertThat(item.path("state").asText()).isEqualTo("OPEN");
        assertThat(item.path("httpStatus").asInt()).isEqualTo(422);
        assertThat(item.path("errors")).anySatisfy(e -> {
            assertThat(e.path("field").asText()).isEqualTo("updatedAt");
            assertThat(e.path("rule").asText()).isEqualTo("future");
        });
        assertThat(item.has("payload")).as("lists never carry the payload").isFalse();
        assertThat(page.toString()).doesNotContain("019190001234", "0912345678");

        assertThat(total("code=" + enc(code) + "&rule=required")).isZero();
        assertThat(total("code=" + enc(code) + "&state=dismissed")).isZero();
        assertThat(total("code=" + enc(code) + "&channel=pull")).isZero();
        assertThat(total("code=" + enc(code) + "&to=2020-01-01")).isZero();
        assertThat(total("code=" + enc(code))).as("every state when none is asked").isEqualTo(1);

        HttpResponse<String> bad = get("/api/v1/quarantine?state=closed");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(readJson(bad.body()).path("field").asText()).isEqualTo("state");
        assertThat(readJson(get("/api/v1/quarantine?from=yesterday").body()).path("field").asText()).isEqualTo("from");
    }

    @Test
    void theDetailIsMaskedAndShownInFullOnlyToOperatorsAndAdminsAudited() throws Exception {
        long id = pushRefused(aheadOfTime(Duration.ofMinutes(10)));

        HttpResponse<String> masked = as(VIEWER, "GET", "/api/v1/quarantine/" + id, null);
        assertThat(masked.statusCode()).as(masked.body()).isEqualTo(200);
        JsonNode m = readJson(masked.body());
        assertThat(m.path("item").path("id").asLong()).isEqualTo(id);
        assertThat(m.path("payloadMasked").asBoolean()).isTrue();
        assertThat(m.path("payloadComplete").asBoolean()).isTrue();
        assertThat(m.path("payload").asText()).contains("*********234", "*******678").doesNotContain("019190001234", "0912345678");
        assertThat(m.path("item").path("errors").get(0).path("rule").asText()).isEqualTo("future");

        assertThat(as(VIEWER, "GET", "/api/v1/quarantine/" + id + "?full=true", null).statusCode()).isEqualTo(403);
        assertThat(auditOf("quarantine.payload-view", id)).isEmpty();

        HttpResponse<String> full = as(OPERATOR, "GET", "/api/v1/quarantine/" + id + "?full=true", null);
        assertThat(full.statusCode()).isEqualTo(200);
        assertThat(readJson(full.body()).path("payloadMasked").asBoolean()).isFalse();
        assertThat(readJson(full.body()).path("payload").asText()).contains("019190001234");
        assertThat(auditOf("quarantine.payload-view", id)).singleElement()
                .satisfies(e -> assertThat(e.path("username").asText()).isEqualTo(TestUsers.OPERATOR));

        assertThat(get("/api/v1/quarantine/99999999").statusCode()).isEqualTo(404);
    }

    @Test
    void aReSubmitBeforeTheCauseIsFixedStaysOnTheSameRecordAndOneAfterItIsStored() throws Exception {
        ObjectNode d = aheadOfTime(Duration.ofSeconds(4));
        String code = d.get("nationCode").asText();
        OffsetDateTime acceptableFrom = OffsetDateTime.parse(d.get("updatedDate").asText()).minus(props.getClockSkew());
        long id = pushRefused(d);

        // the source's clock is still ahead: refused again, on the same record, which stays open
        HttpResponse<String> again = postJson("/api/v1/quarantine/" + id + "/resubmit", "");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode a = readJson(again.body());
        assertThat(a.path("accepted").asBoolean()).isFalse();
        assertThat(a.path("state").asText()).isEqualTo("OPEN");
        assertThat(a.path("httpStatus").asInt()).isEqualTo(422);
        assertThat(a.path("errors")).anySatisfy(e -> assertThat(e.path("field").asText() + "/" + e.path("rule").asText())
                .isEqualTo("updatedAt/future"));
        assertThat(total("code=" + enc(code))).as("no second record for the same input").isEqualTo(1);
        JsonNode afterRefusal = getJson("/api/v1/quarantine/" + id);
        assertThat(afterRefusal.path("resubmits").asInt()).isEqualTo(1);
        assertThat(afterRefusal.path("lastResubmitBy").asText()).isEqualTo(TestUsers.TESTER);
        assertThat(get("/api/v1/dossiers/" + enc(code)).statusCode()).isEqualTo(404);

        // the time has come: the same input is accepted and stored, with its deliveries
        sleepUntilPast(acceptableFrom);
        JsonNode ok = postForJson("/api/v1/quarantine/" + id + "/resubmit", "");
        assertThat(ok.path("accepted").asBoolean()).as(ok.toString()).isTrue();
        assertThat(ok.path("outcome").asText()).isEqualTo("STORED");
        assertThat(ok.path("dossierCode").asText()).isEqualTo(code);
        assertThat(ok.path("state").asText()).isEqualTo("RESUBMITTED");
        JsonNode dossier = getJson("/api/v1/dossiers/" + enc(code));
        assertThat(dossier.path("version").asLong()).isEqualTo(ok.path("version").asLong());
        assertThat(dossier.path("deliveries")).isNotEmpty();
        JsonNode closed = getJson("/api/v1/quarantine/" + id);
        assertThat(closed.path("item").path("state").asText()).isEqualTo("RESUBMITTED");
        assertThat(closed.path("item").path("resolvedBy").asText()).isEqualTo(TestUsers.TESTER);
        assertThat(closed.path("item").path("resolvedAt").asText()).isNotBlank();
        assertThat(closed.path("resubmitDossierCode").asText()).isEqualTo(code);
        assertThat(closed.path("resubmitVersion").asLong()).isEqualTo(ok.path("version").asLong());
        assertThat(closed.path("resubmitOutcome").asText()).isEqualTo("STORED");

        // closed: a second re-submit is refused clearly, and nothing more is stored
        HttpResponse<String> twice = postJson("/api/v1/quarantine/" + id + "/resubmit", "");
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(readJson(twice.body()).path("message").asText()).contains("RESUBMITTED");
        assertThat(getJson("/api/v1/dossiers/" + enc(code)).path("deliveries").size()).isEqualTo(dossier.path("deliveries").size());

        assertThat(auditOf("quarantine.resubmit", id)).hasSize(3).anySatisfy(e -> assertThat(e.path("detail").asText())
                .contains("accepted", "STORED", code)).anySatisfy(e -> assertThat(e.path("detail").asText()).contains("refused again"));
    }

    @Test
    void anInputAcceptedMeanwhileIsReSubmittedAsUnchangedWithoutADuplicateVersion() throws Exception {
        ObjectNode d = aheadOfTime(Duration.ofSeconds(3));
        String code = d.get("nationCode").asText();
        long id = pushRefused(d);
        sleepUntilPast(OffsetDateTime.parse(d.get("updatedDate").asText()).minus(props.getClockSkew()));
        // the province sends it again and now it is stored
        HttpResponse<String> pushed = push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(pushed.statusCode()).as(pushed.body()).isEqualTo(202);
        JsonNode stored = getJson("/api/v1/dossiers/" + enc(code));
        int deliveriesBefore = stored.path("deliveries").size();

        JsonNode ok = postForJson("/api/v1/quarantine/" + id + "/resubmit", "");
        assertThat(ok.path("accepted").asBoolean()).isTrue();
        assertThat(ok.path("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(ok.path("version").asLong()).isEqualTo(stored.path("version").asLong());
        JsonNode after = getJson("/api/v1/dossiers/" + enc(code));
        assertThat(after.path("version").asLong()).isEqualTo(stored.path("version").asLong());
        assertThat(after.path("deliveries").size()).as("no version stored twice, no delivery added").isEqualTo(deliveriesBefore);
        assertThat(getJson("/api/v1/quarantine/" + id).path("resubmitOutcome").asText()).isEqualTo("UNCHANGED");
    }

    @Test
    void aRecordRefusedForItsRoutingIsStoredWhenReSubmittedOnceTheRoutingWorks() throws Exception {
        TargetRegistry broken = spy(targets);
        doThrow(new TargetRegistry.RoutingException("procedure handled by ministry-G99, not configured"))
                .when(broken).targetsFor(eq("province"), any(), anyInt());
        ObjectNode d = WebhookIntakeTest.sample();
        String code = d.get("nationCode").asText();
        IntakeResult refused = new IntakeService(versions, deliveries, quarantines, mappings, validator, broken, tx, props, clock)
                .acceptRaw("province", "webhook", d.toString().getBytes(StandardCharsets.UTF_8), "application/json");
        assertThat(refused.outcome()).isEqualTo(IntakeResult.Outcome.REJECTED);
        long id = refused.quarantineId();
        assertThat(getJson("/api/v1/quarantine?rule=routing&code=" + enc(code)).path("items").get(0).path("id").asLong()).isEqualTo(id);

        JsonNode ok = postForJson("/api/v1/quarantine/" + id + "/resubmit", "");
        assertThat(ok.path("outcome").asText()).as(ok.toString()).isEqualTo("STORED");
        assertThat(getJson("/api/v1/dossiers/" + enc(code)).path("deliveries")).isNotEmpty();
    }

    @Test
    void aReSubmitRefusedForAnotherReasonIsWrittenOnTheSameRecord() throws Exception {
        TargetRegistry broken = spy(targets);
        doThrow(new TargetRegistry.RoutingException("procedure handled by ministry-G99, not configured"))
                .when(broken).targetsFor(eq("province"), any(), anyInt());
        ObjectNode d = WebhookIntakeTest.sample();
        String code = d.get("nationCode").asText();
        long id = new IntakeService(versions, deliveries, quarantines, mappings, validator, broken, tx, props, clock)
                .acceptRaw("province", "webhook", d.toString().getBytes(StandardCharsets.UTF_8), "application/json").quarantineId();
        // meanwhile the province sent the same revision with other content, and it was stored
        ObjectNode corrected = d.deepCopy();
        corrected.put("summary", "Đề nghị cấp Giấy chứng nhận (đã sửa)");
        assertThat(push(corrected.toString().getBytes(StandardCharsets.UTF_8), "application/json", true).statusCode()).isEqualTo(202);

        JsonNode again = postForJson("/api/v1/quarantine/" + id + "/resubmit", "");
        assertThat(again.path("accepted").asBoolean()).isFalse();
        assertThat(again.path("httpStatus").asInt()).isEqualTo(409);
        assertThat(again.path("errors")).singleElement().satisfies(e -> assertThat(e.path("rule").asText()).isEqualTo("conflict"));
        // (a second record would have the same code: the code filter counts them all, in every state)
        JsonNode record = getJson("/api/v1/quarantine?code=" + enc(code));
        assertThat(record.path("items")).as("the new refusal is written on the record, not as another").singleElement().satisfies(q -> {
            assertThat(q.path("id").asLong()).isEqualTo(id);
            assertThat(q.path("state").asText()).isEqualTo("OPEN");
            assertThat(q.path("httpStatus").asInt()).isEqualTo(409);
            assertThat(q.path("reason").asText()).contains("conflict").doesNotContain("routing");
        });
    }

    @Test
    void aPulledRecordIsReSubmittedThroughItsFeedsMapping() throws Exception {
        ObjectNode d = aheadOfTime(Duration.ofSeconds(3));
        String code = d.get("nationCode").asText();
        // the province pull hands intake its records as they are, with the province's mapping
        IntakeResult refused = intake.acceptAll("province", "pull", List.of(new IntakeService.Inbound(d, d.toString(), "application/json")),
                "province/dossier-to-canonical").get(0);
        assertThat(refused.accepted()).isFalse();
        JsonNode listed = getJson("/api/v1/quarantine?channel=pull&code=" + enc(code)).path("items");
        assertThat(listed).singleElement().satisfies(q -> assertThat(q.path("id").asLong()).isEqualTo(refused.quarantineId()));
        sleepUntilPast(OffsetDateTime.parse(d.get("updatedDate").asText()).minus(props.getClockSkew()));

        JsonNode ok = postForJson("/api/v1/quarantine/" + refused.quarantineId() + "/resubmit", "");
        assertThat(ok.path("outcome").asText()).as(ok.toString()).isEqualTo("STORED");
        assertThat(getJson("/api/v1/dossiers/" + enc(code)).path("version").asLong()).isEqualTo(ok.path("version").asLong());
    }

    @Test
    void anOversizeBodyKeptInPartCannotBeReSubmitted() {
        byte[] prefix = "{\"nationCode\":\"000.00.06.H56-261203-7777\",".getBytes(StandardCharsets.UTF_8);
        IntakeResult r = intake.acceptOversize("province", "webhook", prefix, 5_000_000, "application/json");
        JsonNode detail = getJson("/api/v1/quarantine/" + r.quarantineId());
        assertThat(detail.path("payloadComplete").asBoolean()).isFalse();
        HttpResponse<String> refused = postJson("/api/v1/quarantine/" + r.quarantineId() + "/resubmit", "");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(readJson(refused.body()).path("message").asText()).contains("oversize", "cannot be re-submitted");
        assertThat(getJson("/api/v1/quarantine/" + r.quarantineId()).path("item").path("state").asText()).isEqualTo("OPEN");
    }

    @Test
    void dismissNeedsAReasonClosesTheRecordOnceAndIsAudited() throws Exception {
        long id = pushRefused(aheadOfTime(Duration.ofMinutes(10)));
        for (String body : new String[] {"{}", "{\"reason\":\"   \"}", "{\"reason\":7}", ""}) {
            HttpResponse<String> r = postJson("/api/v1/quarantine/" + id + "/dismiss", body);
            assertThat(r.statusCode()).as(body + " → " + r.body()).isEqualTo(400);
            assertThat(readJson(r.body()).path("field").asText()).isEqualTo("reason");
        }
        HttpResponse<String> ok = as(OPERATOR, "POST", "/api/v1/quarantine/" + id + "/dismiss",
                "{\"reason\":\"test record of the province, CCCD 079123456789\"}");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        JsonNode d = readJson(ok.body());
        assertThat(d.path("item").path("state").asText()).isEqualTo("DISMISSED");
        assertThat(d.path("item").path("resolvedBy").asText()).isEqualTo(TestUsers.OPERATOR);
        assertThat(d.path("resolutionNote").asText()).isEqualTo("test record of the province, CCCD *********789");
        assertThat(total("state=dismissed&limit=1000")).isPositive();

        assertThat(postJson("/api/v1/quarantine/" + id + "/dismiss", "{\"reason\":\"again\"}").statusCode()).isEqualTo(409);
        assertThat(postJson("/api/v1/quarantine/" + id + "/resubmit", "").statusCode()).isEqualTo(409);
        assertThat(auditOf("quarantine.dismiss", id)).singleElement().satisfies(e -> {
            assertThat(e.path("username").asText()).isEqualTo(TestUsers.OPERATOR);
            assertThat(e.path("detail").asText()).contains("test record of the province").doesNotContain("079123456789");
        });
        assertThat(postJson("/api/v1/quarantine/99999999/dismiss", "{\"reason\":\"x\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void aViewerCanReadButNeitherReSubmitNorDismiss() throws Exception {
        long id = pushRefused(aheadOfTime(Duration.ofMinutes(10)));
        assertThat(as(VIEWER, "GET", "/api/v1/quarantine?limit=5", null).statusCode()).isEqualTo(200);
        assertThat(as(VIEWER, "POST", "/api/v1/quarantine/" + id + "/resubmit", "").statusCode()).isEqualTo(403);
        assertThat(as(VIEWER, "POST", "/api/v1/quarantine/" + id + "/dismiss", "{\"reason\":\"no\"}").statusCode()).isEqualTo(403);
        JsonNode still = getJson("/api/v1/quarantine/" + id);
        assertThat(still.path("item").path("state").asText()).isEqualTo("OPEN");
        assertThat(still.path("resubmits").asInt()).isZero();
        assertThat(auditOf("quarantine.resubmit", id)).isEmpty();
    }

    @Test
    void theAuditTrailKeepsItsListAndPagesWhenAskedWithFilters() throws Exception {
        String token = "audit-page-" + System.nanoTime();
        for (int i = 0; i < 2; i++) {
            long id = pushRefused(aheadOfTime(Duration.ofMinutes(10)));
            postForJson("/api/v1/quarantine/" + id + "/dismiss", "{\"reason\":\"" + token + "\"}");
        }
        JsonNode list = getJson("/api/v1/audit?limit=2");
        assertThat(list.isArray()).isTrue();
        assertThat(list).hasSize(2);
        JsonNode page = getJson("/api/v1/audit?page=2&size=1&action=quarantine.dismiss&user=tester&target=" + token.toUpperCase());
        assertThat(page.path("total").asLong()).isEqualTo(2);
        assertThat(page.path("totalPages").asInt()).isEqualTo(2);
        assertThat(page.path("page").asInt()).isEqualTo(2);
        assertThat(page.path("items")).singleElement().satisfies(e -> {
            assertThat(e.path("action").asText()).isEqualTo("quarantine.dismiss");
            assertThat(e.path("username").asText()).isEqualTo(TestUsers.TESTER);
            assertThat(e.path("detail").asText()).contains(token);
        });
        assertThat(getJson("/api/v1/audit?target=" + token)).as("filters apply to the list too").hasSize(2);
        assertThat(getJson("/api/v1/audit?target=" + token + "&action=quarantine.resubmit")).isEmpty();
        assertThat(getJson("/api/v1/audit?target=" + token + "&page=1&from=2999-01-01").path("total").asLong()).isZero();
        assertThat(getJson("/api/v1/audit?target=" + token + "&page=1&to=" + OffsetDateTime.now().plusDays(2).toLocalDate())
                .path("total").asLong()).isEqualTo(2);
        HttpResponse<String> bad = get("/api/v1/audit?from=soon");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(readJson(bad.body()).path("field").asText()).isEqualTo("from");
        assertThat(as(VIEWER, "GET", "/api/v1/audit?page=1", null).statusCode()).isEqualTo(403);
    }

    @Test
    void theOpenApiDescriptionNamesEveryQuarantineAndAuditCall() {
        JsonNode paths = getJson("/v3/api-docs").path("paths");
        assertThat(paths.has("/api/v1/quarantine")).isTrue();
        assertThat(paths.path("/api/v1/quarantine/{id}").has("get")).isTrue();
        assertThat(paths.path("/api/v1/quarantine/{id}/resubmit").has("post")).isTrue();
        assertThat(paths.path("/api/v1/quarantine/{id}/dismiss").has("post")).isTrue();
        assertThat(paths.path("/api/v1/audit").path("get").path("parameters").toString()).contains("\"page\"", "\"action\"", "\"target\"");
    }
}
