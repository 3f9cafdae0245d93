package vn.tthc.hub.sim.ndxp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;
import vn.tthc.hub.sim.common.SimJson;

/** The NDXP gateway simulator's logic without HTTP: tokens, TTL, WSO2 faults, revoke, routing, knobs, ledger. */
class SimNdxpGatewayTest {
    static final String ID = "hub-client";
    static final String SECRET = "s3cr3t-value";

    /** Answers what it received, and remembers it. */
    static final class EchoBackend implements NdxpBackend {
        final List<String> calls = new ArrayList<>();

        @Override
        public String context() {
            return "echo";
        }

        @Override
        public NdxpReply handle(String method, String version, String resourcePath, String query, String contentType, byte[] body) {
            calls.add(method + " " + version + " " + resourcePath);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("method", method);
            m.put("version", version);
            m.put("resource", resourcePath);
            m.put("query", query);
            m.put("contentType", contentType);
            m.put("body", new String(body, StandardCharsets.UTF_8));
            return NdxpReply.json(200, SimJson.write(m));
        }
    }

    ManualClock clock;
    EchoBackend echo;
    NdxpGateway gw;

    @BeforeEach
    void setUp() {
        clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        echo = new EchoBackend();
        gw = new NdxpGateway(() -> new NdxpGateway.Credentials(ID, SECRET), () -> List.of(echo), clock, 3600);
    }

    static Map<String, List<String>> form(String... kv) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], List.of(kv[i + 1]));
        }
        return m;
    }

    String issue() {
        NdxpReply r = gw.token(form("grant_type", "client_credentials", "client_id", ID, "client_secret", SECRET), null);
        assertThat(r.status()).isEqualTo(200);
        return SimJson.parse(r.body()).get("access_token").asText();
    }

    NdxpReply call(String token) {
        return gw.api("POST", "/echo/v1/hoso/123", "a=1", token == null ? null : "Bearer " + token,
                "application/json", "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void formCredentialsGetABearerTokenInWso2Shape() {
        NdxpReply r = gw.token(form("grant_type", "client_credentials", "client_id", ID, "client_secret", SECRET), null);
        assertThat(r.status()).isEqualTo(200);
        JsonNode t = SimJson.parse(r.body());
        assertThat(t.get("access_token").asText()).hasSizeGreaterThan(20);
        assertThat(t.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(t.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(t.get("scope").asText()).isEqualTo("default");
        assertThat(gw.counter("tokensIssued")).isEqualTo(1);
        assertThat(gw.counter("tokenRequests")).isEqualTo(1);
    }

    @Test
    void basicCredentialsAreAccepted() {
        String basic = "Basic " + Base64.getEncoder().encodeToString((ID + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
        NdxpReply r = gw.token(form("grant_type", "client_credentials"), basic);
        assertThat(r.status()).isEqualTo(200);
        String bad = "Basic " + Base64.getEncoder().encodeToString((ID + ":nope").getBytes(StandardCharsets.UTF_8));
        assertThat(gw.token(form("grant_type", "client_credentials"), bad).status()).isEqualTo(401);
    }

    @Test
    void badCredentialsAndGrantsAreRefused() {
        NdxpReply wrong = gw.token(form("grant_type", "client_credentials", "client_id", ID, "client_secret", "wrong"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(SimJson.parse(wrong.body()).get("error").asText()).isEqualTo("invalid_client");
        assertThat(wrong.body()).doesNotContain("wrong").doesNotContain(SECRET);
        NdxpReply missing = gw.token(form("grant_type", "client_credentials"), null);
        assertThat(missing.status()).isEqualTo(401);
        NdxpReply grant = gw.token(form("grant_type", "password", "client_id", ID, "client_secret", SECRET), null);
        assertThat(grant.status()).isEqualTo(400);
        assertThat(SimJson.parse(grant.body()).get("error").asText()).isEqualTo("unsupported_grant_type");
        assertThat(gw.counter("tokenRefused")).isEqualTo(2);
        assertThat(gw.counter("tokensIssued")).isZero();
    }

    @Test
    void blankExpectedCredentialsRefuseEveryToken() {
        NdxpGateway blank = new NdxpGateway(() -> new NdxpGateway.Credentials("", ""), List::of, clock, 3600);
        assertThat(blank.token(form("grant_type", "client_credentials", "client_id", "", "client_secret", ""), null).status())
                .isEqualTo(401);
    }

    @Test
    void tokenRequestsAreRecordedWithTheSecretMasked() {
        issue();
        call(issue());
        List<String> reqs = gw.lastRequests(10);
        assertThat(reqs).hasSize(3);
        assertThat(reqs.get(0)).contains("client_secret=***").contains("client_id=" + ID).doesNotContain(SECRET);
        assertThat(reqs.get(2)).startsWith("POST /echo/v1/hoso/123?a=1").doesNotContain("Bearer");
    }

    @Test
    void validCallIsRoutedToTheBackendOfItsContext() {
        NdxpReply r = call(issue());
        assertThat(r.status()).isEqualTo(200);
        JsonNode echoed = SimJson.parse(r.body());
        assertThat(echoed.get("method").asText()).isEqualTo("POST");
        assertThat(echoed.get("version").asText()).isEqualTo("v1");
        assertThat(echoed.get("resource").asText()).isEqualTo("/hoso/123");
        assertThat(echoed.get("query").asText()).isEqualTo("a=1");
        assertThat(echoed.get("contentType").asText()).isEqualTo("application/json");
        assertThat(echoed.get("body").asText()).isEqualTo("{\"x\":1}");
        assertThat(gw.counter("calls")).isEqualTo(1);
        assertThat(gw.counter("unauthorized")).isZero();
    }

    @Test
    void missingCredentialsAre900902() {
        NdxpReply r = call(null);
        assertThat(r.status()).isEqualTo(401);
        JsonNode f = SimJson.parse(r.body()).get("fault");
        assertThat(f.get("code").asInt()).isEqualTo(900902);
        assertThat(f.get("message").asText()).isEqualTo("Missing Credentials");
        assertThat(f.get("description").asText()).isEqualTo(
                "Invalid Credentials. Make sure your API invocation call has a header: 'Authorization : Bearer ACCESS_TOKEN'");
        assertThat(gw.api("GET", "/echo/v1/x", null, "Basic abc", null, null).status()).isEqualTo(401);
        assertThat(gw.counter("unauthorized")).isEqualTo(2);
        assertThat(echo.calls).isEmpty();
    }

    @Test
    void invalidTokenIs900901() {
        NdxpReply r = call("not-a-token");
        assertThat(r.status()).isEqualTo(401);
        JsonNode f = SimJson.parse(r.body()).get("fault");
        assertThat(f.get("code").asInt()).isEqualTo(900901);
        assertThat(f.get("message").asText()).isEqualTo("Invalid Credentials");
        assertThat(f.get("description").asText()).isEqualTo("Access failure for API: /echo/v1, version: v1 status: (900901) - "
                + "Invalid Credentials. Make sure you have given the correct access token");
    }

    @Test
    void tokenExpiresAfterItsTtl() {
        gw.updateKnobs(Map.of("tokenTtlSeconds", 0.5));
        NdxpReply t = gw.token(form("grant_type", "client_credentials", "client_id", ID, "client_secret", SECRET), null);
        assertThat(SimJson.parse(t.body()).get("expires_in").asDouble()).isEqualTo(0.5);
        String token = SimJson.parse(t.body()).get("access_token").asText();
        clock.advance(Duration.ofMillis(499));
        assertThat(call(token).status()).isEqualTo(200);
        clock.advance(Duration.ofMillis(1));
        NdxpReply expired = call(token);
        assertThat(expired.status()).isEqualTo(401);
        assertThat(SimJson.parse(expired.body()).at("/fault/code").asInt()).isEqualTo(900901);
    }

    @Test
    void revokeInvalidatesEveryIssuedToken() {
        String a = issue();
        String b = issue();
        assertThat(gw.revokeTokens()).isEqualTo(2);
        assertThat(call(a).status()).isEqualTo(401);
        assertThat(call(b).status()).isEqualTo(401);
        assertThat(call(issue()).status()).isEqualTo(200);
        assertThat(gw.counter("unauthorized")).isEqualTo(2);
        assertThat(gw.counter("calls")).isEqualTo(3);
    }

    @Test
    void unknownContextIs404StatusReport() {
        NdxpReply r = gw.api("GET", "/nowhere/v1/x", null, "Bearer " + issue(), null, null);
        assertThat(r.status()).isEqualTo(404);
        JsonNode f = SimJson.parse(r.body()).get("fault");
        assertThat(f.get("code").asInt()).isEqualTo(404);
        assertThat(f.get("type").asText()).isEqualTo("Status report");
        assertThat(f.get("message").asText()).isEqualTo("Runtime Error");
        assertThat(f.get("description").asText()).isEqualTo("No matching resource found for given API Request");
        assertThat(gw.api("GET", "/echo", null, "Bearer " + issue(), null, null).status()).isEqualTo(404);
    }

    @Test
    void outageRejectAndKnobs() {
        String token = issue();
        gw.updateKnobs(Map.of("errorRate", 1));
        NdxpReply down = call(token);
        assertThat(down.status()).isEqualTo(503);
        assertThat(gw.token(form("grant_type", "client_credentials", "client_id", ID, "client_secret", SECRET), null).status())
                .isEqualTo(503);
        assertThat(echo.calls).isEmpty();
        gw.updateKnobs(Map.of("errorRate", 0, "rejectRate", 1));
        assertThat(call(token).status()).isEqualTo(400);
        assertThat(call("bad").status()).isEqualTo(401);
        gw.updateKnobs(Map.of("rejectRate", 0));
        assertThat(call(token).status()).isEqualTo(200);
        assertThat(gw.counter("errors")).isEqualTo(2);
        assertThat(gw.knobs()).containsEntry("tokenTtlSeconds", 3600L).containsEntry("errorRate", 0.0);
        assertThatThrownBy(() -> gw.updateKnobs(Map.of("tokenTtlSeconds", 0, "errorRate", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenTtlSeconds");
        assertThatThrownBy(() -> gw.updateKnobs(Map.of("bogus", 1))).hasMessageContaining("bogus");
        assertThat(gw.knobs()).containsEntry("errorRate", 0.0);
    }

    @Test
    void resetClearsTokensLedgerAndKnobs() {
        String token = issue();
        gw.updateKnobs(Map.of("tokenTtlSeconds", 2, "latencyMs", 5));
        gw.reset();
        assertThat(call(token).status()).isEqualTo(401);
        assertThat(gw.knobs()).containsEntry("tokenTtlSeconds", 3600L).containsEntry("latencyMs", 0L);
        assertThat(gw.ledgerSnapshot()).containsEntry("tokensIssued", 0L).containsEntry("calls", 1L)
                .containsEntry("unauthorized", 1L).containsKeys("tokenRequests", "tokenRefused", "errors");
    }

    @Test
    void failingBackendIs500() {
        NdxpGateway g = new NdxpGateway(() -> new NdxpGateway.Credentials(ID, SECRET), () -> List.of(new NdxpBackend() {
            @Override
            public String context() {
                return "boom";
            }

            @Override
            public NdxpReply handle(String m, String v, String r, String q, String ct, byte[] b) {
                throw new IllegalStateException("down");
            }
        }), clock, 3600);
        String token = SimJson.parse(g.token(form("grant_type", "client_credentials", "client_id", ID, "client_secret", SECRET), null)
                .body()).get("access_token").asText();
        assertThat(g.api("GET", "/boom/v1", null, "Bearer " + token, null, null).status()).isEqualTo(500);
    }
}
