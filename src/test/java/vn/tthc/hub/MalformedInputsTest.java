package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fault scenario S6 of RELIABILITY.md, short profile: 300 malformed bodies of the ten kinds, 30 of
 * each, with valid dossiers sent in between. Each malformed body gets exactly its expected refusal
 * (status, field, rule) and one quarantine record of its own; none is stored or retried; every
 * valid dossier is delivered.
 */
class MalformedInputsTest extends HubTestBase {
    static final int PER_KIND = 30;

    /** One malformed body: what it is, what it must be answered, and the dossier code it carries (if any). */
    record Bad(String kind, byte[] body, String contentType, int status, String field, String rule, String code) {
    }

    @Test
    void threeHundredMalformedBodiesAreRefusedAsExpectedAndTheValidOnesInBetweenAreDelivered() throws Exception {
        List<String> valid = new ArrayList<>();
        Map<String, Bad> byQuarantineId = new HashMap<>();
        Set<String> refusedCodes = new HashSet<>();
        Map<String, Integer> perKind = new HashMap<>();
        for (int i = 0; i < PER_KIND; i++) {
            for (Bad bad : round(i, valid)) {
                HttpResponse<String> r = push(bad.body(), bad.contentType(), true);
                assertThat(r.statusCode()).as(bad.kind() + " #" + i + ": " + r.body()).isEqualTo(bad.status());
                JsonNode answer = readJson(r.body());
                assertThat(answer.path("errors")).as(bad.kind() + ": " + r.body()).anySatisfy(e -> {
                    assertThat(e.path("field").asText()).isEqualTo(bad.field());
                    assertThat(e.path("rule").asText()).isEqualTo(bad.rule());
                });
                String id = answer.path("quarantineId").asText();
                assertThat(id).as(bad.kind() + " has a quarantine record").isNotBlank();
                assertThat(byQuarantineId.put(id, bad)).as("each body its own record (" + bad.kind() + ")").isNull();
                perKind.merge(bad.kind(), 1, Integer::sum);
                if (bad.code() != null) {
                    refusedCodes.add(bad.code());
                }
            }
            // a valid dossier between two rounds of malformed ones
            ObjectNode ok = WebhookIntakeTest.sample();
            HttpResponse<String> r = push(ok.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            valid.add(ok.get("nationCode").asText());
        }
        assertThat(byQuarantineId).hasSize(10 * PER_KIND);
        assertThat(perKind).hasSize(10).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(PER_KIND));

        // every record listed with its status and reason, once (not a repeat of another)
        Map<String, JsonNode> listed = new HashMap<>();
        for (JsonNode q : getJson("/api/v1/quarantine?limit=1000").path("items")) {
            listed.put(q.path("id").asText(), q);
        }
        byQuarantineId.forEach((id, bad) -> {
            JsonNode q = listed.get(id);
            assertThat(q).as("quarantine #" + id + " (" + bad.kind() + ")").isNotNull();
            assertThat(q.path("httpStatus").asInt()).isEqualTo(bad.status());
            assertThat(q.path("reason").asText()).contains(bad.field()).contains("[" + bad.rule() + "]");
            assertThat(q.path("repeats").asInt()).isZero();
        });

        // nothing of a refused body stored: no dossier, or (illegal transition) the earlier version only, never retried
        for (String code : refusedCodes) {
            HttpResponse<String> d = get("/api/v1/dossiers/" + enc(code));
            if (d.statusCode() == 200) {
                assertThat(readJson(d.body()).path("deliveries")).as(code)
                        .allSatisfy(x -> assertThat(x.path("version").asLong()).isEqualTo(3));
            } else {
                assertThat(d.statusCode()).as(code).isEqualTo(404);
            }
        }
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            for (String code : valid) {
                JsonNode d = getJson("/api/v1/dossiers/" + enc(code));
                assertThat(d.path("deliveries")).as(code).hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(x -> assertThat(x.path("state").asText()).isEqualTo("DELIVERED"));
            }
        });
        assertThat(valid).hasSize(2 * PER_KIND);
    }

    /** The ten kinds of RELIABILITY.md S6, each unique to round {@code i}; the transition kind stores its first version. */
    private List<Bad> round(int i, List<String> valid) throws Exception {
        List<Bad> out = new ArrayList<>();
        ObjectNode base = WebhookIntakeTest.sample();
        String code = base.get("nationCode").asText();
        out.add(new Bad("invalid JSON", ("{\"nationCode\": \"" + code + "\", \"revision\": ").getBytes(StandardCharsets.UTF_8),
                "application/json", 400, "body", "json", code));

        ObjectNode missing = WebhookIntakeTest.sample();
        missing.remove("summary");
        out.add(json("missing field", missing, 422, "summary", "required"));

        ObjectNode wrongType = WebhookIntakeTest.sample();
        wrongType.put("revision", "ba-" + i);
        out.add(json("wrong type", wrongType, 422, "version", "type"));

        byte[] notUtf8 = ("{\"nationCode\":\"" + i + "\",\"summary\":\"x\"}").getBytes(StandardCharsets.UTF_8);
        notUtf8[notUtf8.length - 4] = (byte) 0xC3; // a lead byte followed by an ASCII character: not UTF-8
        out.add(new Bad("non-UTF-8", notUtf8, "application/json", 400, "body", "encoding", null));

        byte[] huge = new byte[5 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');
        byte[] head = ("{\"nationCode\":\"huge-" + i + "-" + System.nanoTime() + "\",").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, huge, 0, head.length);
        out.add(new Bad("5 MB body", huge, "application/json", 413, "body", "size", null));

        ObjectNode unknown = WebhookIntakeTest.sample();
        ((ObjectNode) unknown.get("procedure")).put("code", "9.99" + String.format("%04d", i));
        out.add(json("unknown procedure", unknown, 422, "procedureCode", "unknown"));

        ObjectNode first = WebhookIntakeTest.sample();
        HttpResponse<String> stored = push(first.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(202);
        valid.add(first.get("nationCode").asText());
        first.put("revision", 4);
        ((ObjectNode) first.get("dossierStatus")).put("id", "0");
        out.add(json("illegal status transition", first, 422, "status", "transition"));

        ObjectNode future = WebhookIntakeTest.sample();
        future.put("appliedDate", OffsetDateTime.now(WebhookIntakeTest.VN).plusDays(3).toString());
        out.add(json("future date", future, 422, "submittedAt", "future"));

        ObjectNode markup = WebhookIntakeTest.sample();
        markup.put("summary", "Đề nghị <script>alert(" + i + ")</script>");
        out.add(json("script in text", markup, 422, "summary", "markup"));

        ObjectNode plain = WebhookIntakeTest.sample();
        out.add(new Bad("wrong content type", plain.toString().getBytes(StandardCharsets.UTF_8), "text/plain", 415,
                "Content-Type", "media-type", plain.get("nationCode").asText()));
        return out;
    }

    private static Bad json(String kind, ObjectNode d, int status, String field, String rule) {
        return new Bad(kind, d.toString().getBytes(StandardCharsets.UTF_8), "application/json", status, field, rule,
                d.get("nationCode").asText());
    }
}
