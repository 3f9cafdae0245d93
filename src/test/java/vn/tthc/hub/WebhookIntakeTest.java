package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The province webhook: 202 only after the change is stored, field-level 4xx for every kind of
 * bad input, each refused body kept in quarantine, and idempotent re-sends.
 */
class WebhookIntakeTest extends HubTestBase {
    static final AtomicInteger COUNTER = new AtomicInteger(9000);
    static final ZoneOffset VN = ZoneOffset.ofHours(7);

    /** The sample province record, made unique and moved to "two hours ago". */
    static ObjectNode sample() throws Exception {
        ObjectNode d = (ObjectNode) JSON.readTree(Files.readString(Path.of("mappings/province/SAMPLE-dossier.json")));
        OffsetDateTime base = OffsetDateTime.now(VN).minusHours(2).withNano(0);
        String code = "000.00.06.H56-" + base.format(DateTimeFormatter.ofPattern("yyMMdd")) + "-" + COUNTER.incrementAndGet();
        d.put("nationCode", code);
        d.put("updatedDate", base.plusMinutes(30).toString());
        d.put("appliedDate", base.toString());
        d.put("acceptedDate", base.plusMinutes(10).toString());
        d.put("appointmentDate", base.plusDays(14).toString());
        ArrayNode steps = (ArrayNode) d.get("processes");
        for (int i = 0; i < steps.size(); i++) {
            ObjectNode s = (ObjectNode) steps.get(i);
            s.put("time", base.plusMinutes(10L * i).toString());
            s.put("startDate", base.plusMinutes(10L * i).toString());
        }
        return d;
    }

    HttpResponse<String> pushJson(JsonNode d) {
        return push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
    }

    JsonNode errors(HttpResponse<String> r) {
        return readJson(r.body()).path("errors");
    }

    long quarantined() {
        return getJson("/api/v1/quarantine?limit=1").path("total").asLong();
    }

    /** The refusal's quarantine record, found by the id the answer gave: kept with its dossier code and reason. */
    static JsonNode keptInQuarantine(HttpResponse<String> refusal, String code) {
        long id = readJson(refusal.body()).path("quarantineId").asLong();
        assertThat(id).as("quarantineId in " + refusal.body()).isPositive();
        for (JsonNode q : getJson("/api/v1/quarantine?limit=1000").path("items")) {
            if (q.path("id").asLong() == id) {
                assertThat(q.path("dossierCode").asText()).isEqualTo(code);
                assertThat(q.path("httpStatus").asInt()).isEqualTo(refusal.statusCode());
                return q;
            }
        }
        throw new AssertionError("quarantine record " + id + " not listed");
    }

    @Test
    void validPushIsStoredBeforeItIsAcknowledgedAndResendsAreIdempotent() throws Exception {
        ObjectNode d = sample();
        HttpResponse<String> r = pushJson(d);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        assertThat(readJson(r.body()).path("result").asText()).isEqualTo("STORED");
        JsonNode stored = getJson("/api/v1/dossiers/" + d.get("nationCode").asText());
        assertThat(stored.path("version").asLong()).isEqualTo(3);
        assertThat(stored.path("status").asInt()).isEqualTo(4);
        assertThat(stored.path("deliveries")).extracting(n -> n.path("target").asText()).contains("dvcqg", "emc");

        assertThat(readJson(pushJson(d).body()).path("result").asText()).isEqualTo("UNCHANGED");
        d.put("revision", 4);
        assertThat(readJson(pushJson(d).body()).path("result").asText()).as("same content, new revision").isEqualTo("UNCHANGED");
        d.put("revision", 2);
        assertThat(readJson(pushJson(d).body()).path("result").asText()).isEqualTo("STALE");

        long before = quarantined();
        d.put("revision", 3).put("summary", "Nội dung khác cho cùng phiên bản");
        HttpResponse<String> conflict = pushJson(d);
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(errors(conflict).get(0).path("field").asText()).isEqualTo("version");
        assertThat(quarantined()).isEqualTo(before + 1);
    }

    @Test
    void malformedJsonIsRefusedWithWhereAndKept() {
        long before = quarantined();
        HttpResponse<String> r = push("{\"nationCode\": \"000.00.06.H56-261123-0001\",".getBytes(StandardCharsets.UTF_8),
                "application/json", true);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(errors(r).get(0).path("field").asText()).isEqualTo("body");
        assertThat(errors(r).get(0).path("message").asText()).contains("not valid JSON", "line 1");
        assertThat(readJson(r.body()).path("quarantineId").asLong()).isPositive();
        assertThat(quarantined()).isEqualTo(before + 1);
    }

    @Test
    void unknownProcedureIsRefusedNamingTheField() throws Exception {
        ObjectNode d = sample();
        ((ObjectNode) d.get("procedure")).put("code", "9.999999");
        HttpResponse<String> r = pushJson(d);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(errors(r).get(0).path("field").asText()).isEqualTo("procedureCode");
        assertThat(errors(r).get(0).path("rule").asText()).isEqualTo("unknown");
        assertThat(get("/api/v1/dossiers/" + d.get("nationCode").asText()).statusCode()).isEqualTo(404);
        assertThat(keptInQuarantine(r, d.get("nationCode").asText()).path("reason").asText()).contains("procedureCode");
    }

    @Test
    void illegalStatusTransitionIsRefusedAndTheStoredVersionStays() throws Exception {
        ObjectNode d = sample();
        assertThat(pushJson(d).statusCode()).isEqualTo(202);
        // 4 (processing) straight back to 1 (new): not a legal transition
        d.put("revision", 4);
        ((ObjectNode) d.get("dossierStatus")).put("id", "0");
        HttpResponse<String> r = pushJson(d);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(errors(r).get(0).path("rule").asText()).isEqualTo("transition");
        assertThat(errors(r).get(0).path("message").asText()).contains("4 → 1");
        assertThat(keptInQuarantine(r, d.get("nationCode").asText()).path("reason").asText()).contains("transition");
        assertThat(getJson("/api/v1/dossiers/" + d.get("nationCode").asText()).path("version").asLong()).isEqualTo(3);
    }

    @Test
    void everyKindOfBadInputGetsAFieldLevelError() throws Exception {
        long before = quarantined();
        ObjectNode wrongType = sample();
        wrongType.put("revision", "ba");
        assertRefused(pushJson(wrongType), 422, "version");

        ObjectNode missing = sample();
        missing.remove("summary");
        assertRefused(pushJson(missing), 422, "summary");

        ObjectNode future = sample();
        future.put("appliedDate", OffsetDateTime.now(VN).plusDays(3).toString());
        assertRefused(pushJson(future), 422, "submittedAt");

        ObjectNode script = sample();
        ((ObjectNode) script.get("applicant")).put("fullname", "<script>alert('x')</script>");
        assertRefused(pushJson(script), 422, "applicant.name");

        ObjectNode badCode = sample();
        badCode.put("nationCode", "H56-2611-1");
        assertRefused(pushJson(badCode), 422, "code");

        assertRefused(push(sample().toString().getBytes(StandardCharsets.UTF_8), "text/plain", true), 415, "Content-Type");
        assertRefused(push(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}, "application/json", true), 400, "body");
        assertRefused(push("[1,2]".getBytes(StandardCharsets.UTF_8), "application/json", true), 400, "body");
        byte[] huge = new byte[5 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        assertRefused(push(huge, "application/json", true), 413, "body");
        assertThat(quarantined()).isEqualTo(before + 9);
    }

    @Test
    void unsignedOrWronglySignedPushesAreRefused() throws Exception {
        byte[] body = sample().toString().getBytes(StandardCharsets.UTF_8);
        assertThat(push(body, "application/json", false).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = send401(body);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(errors(wrong).get(0).path("field").asText()).isEqualTo("X-Hub-Signature-256");
    }

    private HttpResponse<String> send401(byte[] body) {
        try {
            return HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url("/api/v1/intake/province")))
                    .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=" + hmac("wrong-secret", body))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void assertRefused(HttpResponse<String> r, int status, String field) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(errors(r)).as(r.body()).anySatisfy(e -> assertThat(e.path("field").asText()).isEqualTo(field));
        assertThat(errors(r).get(0).path("rule").asText()).isNotBlank();
    }
}
