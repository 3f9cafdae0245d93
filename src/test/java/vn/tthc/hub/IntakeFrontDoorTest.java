package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The webhook as an attacker and a careless sender would try it: markup in any field, unsigned
 * and oversize bodies, future dates, CCCDs behind a hyphen, trailing garbage, duplicate keys,
 * lossy numbers and several wrong types at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class IntakeFrontDoorTest extends HubTestBase {

    HttpResponse<String> pushJson(JsonNode d) {
        return push(d.toString().getBytes(StandardCharsets.UTF_8), "application/json", true);
    }

    static long quarantined() {
        return getJson("/api/v1/quarantine?limit=1").path("total").asLong();
    }

    static JsonNode unauthenticated() {
        return getJson("/api/v1/intake/province/unauthenticated");
    }

    static ObjectNode sample() throws Exception {
        return WebhookIntakeTest.sample();
    }

    static ObjectNode step(ObjectNode d, int i) {
        return (ObjectNode) d.get("processes").get(i);
    }

    @Test
    void markupInAnyFieldIsRefusedNamingTheFieldAndNeverReachesThePortal() throws Exception {
        String script = "<script>alert(1)</script>";
        Map<String, Consumer<ObjectNode>> cases = new LinkedHashMap<>();
        cases.put("applicant.email", d -> ((ObjectNode) d.get("applicant")).put("email", script + "@x.vn"));
        cases.put("submissionPlace", d -> d.put("receivingPlace", script));
        cases.put("sectorName", d -> ((ObjectNode) d.get("sector")).put("name", script));
        cases.put("progress[1].department", d -> step(d, 1).put("department", script));
        cases.put("progress[1].actorTitle", d -> ((ObjectNode) step(d, 1).get("assignee")).put("position", script));
        cases.put("fees[0].name", d -> ((ObjectNode) d.get("fees").get(0)).put("name", script));
        cases.put("receiptNumber", d -> d.put("receiptNumber", script));
        cases.put("applicant.accountId", d -> ((ObjectNode) d.get("applicant")).put("accountId", script));
        cases.put("documents[0].url", d -> ((ObjectNode) d.get("attachments").get(0)).put("url", "https://x.vn/" + script));
        cases.put("eForm.data.tenToChuc", d -> ((ObjectNode) d.get("eForm").get("data")).put("tenToChuc", script));
        cases.put("note", d -> d.put("note", "<img src=x onerror=alert(1)>"));
        cases.put("applicant.otherInfo", d -> ((ObjectNode) d.get("applicant")).put("note", "javascript:alert(1)"));
        for (Map.Entry<String, Consumer<ObjectNode>> c : cases.entrySet()) {
            ObjectNode d = sample();
            c.getValue().accept(d);
            HttpResponse<String> r = pushJson(d);
            assertThat(r.statusCode()).as(c.getKey() + ": " + r.body()).isEqualTo(422);
            JsonNode errors = readJson(r.body()).path("errors");
            assertThat(errors).as(c.getKey() + ": " + r.body()).anySatisfy(e -> {
                assertThat(e.path("field").asText()).isEqualTo(c.getKey());
                assertThat(e.path("rule").asText()).isEqualTo("markup");
            });
            assertThat(r.body()).as("the answer never quotes the markup").doesNotContain("<script", "onerror");
            String code = d.get("nationCode").asText();
            assertThat(get("/api/v1/dossiers/" + code).statusCode()).as(c.getKey()).isEqualTo(404);
            assertThat(WebhookIntakeTest.keptInQuarantine(r, code).path("reason").asText()).contains(c.getKey(), "markup");
        }
    }

    @Test
    void anUnsignedBodyIsRefusedBeforeAnythingIsStoredWhateverItsSize() {
        long before = quarantined();
        long refusedBefore = unauthenticated().path("total").asLong();
        byte[] big = new byte[3 * 1024 * 1024];
        Arrays.fill(big, (byte) 'a');
        HttpResponse<String> unsigned = push(big, "application/json", false);
        assertThat(unsigned.statusCode()).as(unsigned.body()).isEqualTo(401);
        HttpResponse<String> wrong = pushSignedWith("not-the-secret", big);
        assertThat(wrong.statusCode()).as(wrong.body()).isEqualTo(401);
        assertThat(readJson(wrong.body()).path("errors").get(0).path("field").asText()).isEqualTo("X-Hub-Signature-256");
        HttpResponse<String> small = push("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json", false);
        assertThat(small.statusCode()).isEqualTo(401);
        assertThat(quarantined()).as("nothing unauthenticated is kept").isEqualTo(before);
        JsonNode u = unauthenticated();
        assertThat(u.path("total").asLong()).isEqualTo(refusedBefore + 3);
        assertThat(u.path("lastSender").asText()).isNotBlank();
        assertThat(u.path("byReason").path("wrong-signature").asLong()).isPositive();
        assertThat(u.path("byReason").path("missing-signature").asLong()).isPositive();
    }

    @Test
    void anOversizeSignedBodyIsKeptAsBoundedEvidenceAndOneBeyondTheReadCeilingIsNotRead() throws Exception {
        long before = quarantined();
        byte[] big = new byte[3 * 1024 * 1024];
        Arrays.fill(big, (byte) ' ');
        byte[] head = ("{\"nationCode\":\"000.00.06.H56-261203-" + System.nanoTime() % 10000 + "\",").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, big, 0, head.length);
        HttpResponse<String> r = push(big, "application/json", true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        long id = readJson(r.body()).path("quarantineId").asLong();
        JsonNode kept = null;
        for (JsonNode q : getJson("/api/v1/quarantine?limit=50").path("items")) {
            if (q.path("id").asLong() == id) {
                kept = q;
            }
        }
        assertThat(kept).as("quarantine record " + id).isNotNull();
        assertThat(kept.path("payloadSize").asLong()).isEqualTo(big.length);
        assertThat(kept.path("reason").asText()).contains("body", "size");
        assertThat(quarantined()).isEqualTo(before + 1);

        // announced beyond the read ceiling (8 MiB): refused unread, whether signed or not, and not kept
        HttpResponse<String> ceiling = rawPost("127.0.0.1", "sha256=" + "0".repeat(64), 9L * 1024 * 1024, new byte[0]);
        assertThat(ceiling.statusCode()).isEqualTo(413);
        assertThat(quarantined()).isEqualTo(before + 1);
    }

    @Test
    void aFutureChangeTimeIsRefusedNamingTheField() throws Exception {
        ObjectNode d = sample();
        d.put("updatedDate", "2030-01-01T00:00:00+07:00");
        HttpResponse<String> r = pushJson(d);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(readJson(r.body()).path("errors")).anySatisfy(e -> {
            assertThat(e.path("field").asText()).isEqualTo("updatedAt");
            assertThat(e.path("rule").asText()).isEqualTo("future");
        });
        ObjectNode step = sample();
        step(step, 2).put("startDate", OffsetDateTime.now().plusDays(2).toString());
        assertThat(readJson(pushJson(step).body()).path("errors").get(0).path("field").asText()).isEqualTo("progress[2].startAt");
        ObjectNode withinSkew = sample();
        withinSkew.put("updatedDate", OffsetDateTime.now().plusMinutes(2).toString());
        assertThat(pushJson(withinSkew).statusCode()).as("within hub.clock-skew").isEqualTo(202);
    }

    @Test
    void personalNumbersAreMaskedByTokenBoundariesInAnswersTheQuarantineAndTheLog(CapturedOutput output) throws Exception {
        // canaries behind "-", "_", ":", "=", "/", in quotes and in a URL, in every text the refusals write
        String[] canaries = {"079123456789", "079123456790", "123456781", "0912345671", "0912345672", "079123456791"};
        ObjectNode d = sample();
        ((ObjectNode) d.get("procedure")).put("code", "CCCD-" + canaries[0]);
        d.put("nationCode", "x_" + canaries[1]);
        ((ObjectNode) d.get("agency")).put("code", "cmnd=" + canaries[2]);
        ((ObjectNode) d.get("eForm").get("data")).put("cccd_" + canaries[5], "<b>\"" + canaries[5] + "\"</b>");
        HttpResponse<String> r = pushJson(d);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("procedureCode", "*********789");

        ObjectNode mapping = sample();
        mapping.put("appliedDate", "https://x.vn/tel/" + canaries[3] + "?sdt:" + canaries[4]);
        HttpResponse<String> r2 = pushJson(mapping);
        assertThat(r2.statusCode()).as(r2.body()).isEqualTo(422);
        assertThat(r2.body()).contains("submittedAt", "*******671");

        String listed = getJson("/api/v1/quarantine?limit=50").toString();
        assertThat(listed).contains("*********789");
        for (String text : new String[] {r.body(), r2.body(), listed, output.getAll()}) {
            for (String canary : canaries) {
                assertThat(text).doesNotContain(canary);
            }
        }
    }

    @Test
    void strictJsonRefusesTrailingContentDuplicateKeysAndLossyNumbersWithWhere() throws Exception {
        String valid = sample().toString();
        HttpResponse<String> trailing = push((valid + " garbage").getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(trailing.statusCode()).as(trailing.body()).isEqualTo(400);
        assertThat(readJson(trailing.body()).path("errors").get(0).path("message").asText()).contains("after the end", "line 1", "column");
        assertThat(readJson(trailing.body()).path("quarantineId").asLong()).isPositive();

        String duplicate = valid.replaceFirst("\\{", "{\"revision\": 99,");
        HttpResponse<String> dup = push(duplicate.getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(dup.statusCode()).as(dup.body()).isEqualTo(400);
        assertThat(readJson(dup.body()).path("errors").get(0).path("rule").asText()).isEqualTo("duplicate-key");

        ObjectNode lossy = sample();
        String text = lossy.toString().replace("\"revision\":3", "\"revision\":9007199254740993")
                .replace("\"amount\":500000", "\"amount\":500000.00000000000000001");
        HttpResponse<String> numbers = push(text.getBytes(StandardCharsets.UTF_8), "application/json", true);
        assertThat(numbers.statusCode()).as(numbers.body()).isEqualTo(400);
        assertThat(readJson(numbers.body()).path("errors")).extracting(e -> e.path("field").asText())
                .containsExactly("revision", "fees[0].amount");
    }

    @Test
    void everyWrongTypeOfABodyIsNamedAtOnce() throws Exception {
        ObjectNode d = sample();
        d.put("revision", "ba");
        ((ObjectNode) d.get("applicant")).put("type", "công dân");
        ((ObjectNode) d.get("fees").get(0)).put("amount", "năm trăm nghìn");
        d.put("summary", "");
        HttpResponse<String> r = pushJson(d);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(readJson(r.body()).path("errors")).extracting(e -> e.path("field").asText() + "/" + e.path("rule").asText())
                .contains("version/type", "applicant.type/type", "fees[0].amount/type", "summary/required")
                .doesNotContain("version/required");
    }

    @Test
    void aSenderFloodingUnsignedCallsIsThrottledWhileTheProvinceStillGetsThrough() throws Exception {
        int allowance = env.getProperty("hub.intake.unauthenticated-per-minute", Integer.class, 30);
        String sender = "127.0.0." + (20 + (int) (System.nanoTime() % 200));
        for (int i = 0; i < allowance; i++) {
            assertThat(rawPost(sender, null, -1, "{}".getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = rawPost(sender, "sha256=" + "0".repeat(64), -1, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.body()).contains("too_many_unauthenticated");
        assertThat(unauthenticated().path("byReason").path("throttled").asLong()).isPositive();
        assertThat(pushJson(sample()).statusCode()).as("another address is not throttled").isEqualTo(202);
    }

    private HttpResponse<String> pushSignedWith(String secret, byte[] body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url("/api/v1/intake/province")))
                    .header("Content-Type", "application/json").header("X-Hub-Signature-256", "sha256=" + hmac(secret, body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A raw HTTP/1.1 POST from a chosen loopback address (the JDK client cannot pick its source address),
     * optionally announcing a Content-Length other than the body it sends.
     */
    static HttpResponse<String> rawPost(String fromAddress, String signature, long announcedLength, byte[] body) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), PORT, InetAddress.getByName(fromAddress), 0)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            StringBuilder head = new StringBuilder("POST /api/v1/intake/province HTTP/1.1\r\nHost: localhost\r\n")
                    .append("Content-Type: application/json\r\nConnection: close\r\n")
                    .append("Content-Length: ").append(announcedLength >= 0 ? announcedLength : body.length).append("\r\n");
            if (signature != null) {
                head.append("X-Hub-Signature-256: ").append(signature).append("\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            // read one response, not until EOF: with a body announced but not sent the server keeps the connection open
            InputStream in = s.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            String answer = "";
            while (true) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                all.write(b);
                answer = all.toString(StandardCharsets.UTF_8);
                int headEnd = answer.indexOf("\r\n\r\n");
                if (headEnd > 0) {
                    String headers = answer.substring(0, headEnd).toLowerCase();
                    String rest = answer.substring(headEnd + 4);
                    java.util.regex.Matcher len = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(headers);
                    if (len.find() ? rest.getBytes(StandardCharsets.UTF_8).length >= Integer.parseInt(len.group(1))
                            : headers.contains("chunked") ? rest.endsWith("\r\n0\r\n\r\n") : false) {
                        break;
                    }
                }
            }
            int status = Integer.parseInt(answer.substring(9, 12));
            String text = answer.contains("\r\n\r\n") ? answer.substring(answer.indexOf("\r\n\r\n") + 4) : "";
            return new RawResponse(status, text);
        }
    }

    /** Just enough of an HttpResponse for the assertions above. */
    record RawResponse(int statusCode, String body) implements HttpResponse<String> {
        public HttpRequest request() { return null; }
        public java.util.Optional<HttpResponse<String>> previousResponse() { return java.util.Optional.empty(); }
        public java.net.http.HttpHeaders headers() { return java.net.http.HttpHeaders.of(Map.of(), (a, b) -> true); }
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() { return java.util.Optional.empty(); }
        public URI uri() { return null; }
        public java.net.http.HttpClient.Version version() { return java.net.http.HttpClient.Version.HTTP_1_1; }
    }
}
