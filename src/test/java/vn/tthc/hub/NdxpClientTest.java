package vn.tthc.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import vn.tthc.hub.partner.ndxp.NdxpProperties;
import vn.tthc.hub.partner.ClientCredentialsToken;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.partner.ndxp.NdxpClient;
import vn.tthc.hub.sim.ndxp.NdxpSimController;

/**
 * The NDXP client against the gateway simulator over real HTTP: the token is fetched once and
 * reused, renewed once on a 401 after the key manager revoked it, renewed before expiry with a short
 * TTL (no 401 ever), a gateway outage comes back as a transient 503, a wrong secret gives a clear
 * refusal without the secret, and no token or secret ever reaches the log.
 */
@ExtendWith(OutputCaptureExtension.class)
class NdxpClientTest extends HubTestBase {
    @Autowired
    NdxpClient client;
    @Autowired
    NdxpProperties props;
    @Autowired
    NdxpSimController sim;
    @Autowired
    MeterRegistry meters;
    @Autowired
    CamelContext camel;

    private String secret;
    private String tokenAuth;
    private final Set<String> seenTokens = new HashSet<>();
    private final ch.qos.logback.classic.Logger clientLog =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(ClientCredentialsToken.class);
    private Level clientLogLevel;
    private final List<String> paused = new ArrayList<>();

    /**
     * The hub's own NDXP traffic (ministry forwarding and the ministry/coordination pulls every 2 s) shares
     * this client and the gateway's ledger; it is paused so each test counts only its own calls.
     */
    private void pauseHubNdxpTraffic() throws Exception {
        for (Route r : camel.getRoutes()) {
            String id = r.getRouteId();
            if (id.startsWith("ministry-") || id.startsWith("coordination-")) {
                camel.getRouteController().suspendRoute(id);
                paused.add(id);
            }
        }
    }

    private void resumeHubNdxpTraffic() throws Exception {
        for (String id : paused) {
            camel.getRouteController().resumeRoute(id);
        }
        paused.clear();
    }

    @BeforeEach
    void resetGateway() throws Exception {
        pauseHubNdxpTraffic();
        postForJson("/sim/ndxp/_control/reset", "");
        client.invalidateToken();
        secret = props.getClientSecret();
        tokenAuth = props.getTokenAuth();
        clientLogLevel = clientLog.getLevel();
        clientLog.setLevel(Level.DEBUG);
    }

    @AfterEach
    void restore() throws Exception {
        postForJson("/sim/ndxp/_control/reset", "");
        props.setClientSecret(secret);
        props.setTokenAuth(tokenAuth);
        client.invalidateToken();
        clientLog.setLevel(clientLogLevel);
        resumeHubNdxpTraffic();
    }

    private PartnerHttp.Response echo(String body) {
        PartnerHttp.Response r = client.call("POST", "echo", "v1", "/hoso/ABC-1", "ma=1", "application/json", body,
                Map.of("X-Request-Id", "t-1"));
        seenTokens.addAll(sim.gateway().issuedTokens());
        return r;
    }

    private static long ledger(String counter) {
        return getJson("/sim/ndxp/_control/ledger").get(counter).asLong();
    }

    private double retries() {
        return meters.counter("hub.ndxp.unauthorized.retries").count();
    }

    @Test
    void firstCallFetchesATokenAndFollowingCallsReuseIt(CapturedOutput output) {
        PartnerHttp.Response r = echo("{\"n\":1}");
        assertThat(r.ok()).as(r.describe()).isTrue();
        JsonNode echoed = readJson(r.body());
        assertThat(echoed.get("method").asText()).isEqualTo("POST");
        assertThat(echoed.get("resource").asText()).isEqualTo("/hoso/ABC-1");
        assertThat(echoed.get("query").asText()).isEqualTo("ma=1");
        assertThat(echoed.get("body").asText()).isEqualTo("{\"n\":1}");
        for (int i = 0; i < 5; i++) {
            assertThat(echo("{\"n\":" + i + "}").ok()).isTrue();
        }
        PartnerHttp.Response g = client.call("GET", "echo", "v1", "danh-muc", "loai=a", null, null, null);
        assertThat(g.ok()).as(g.describe()).isTrue();
        assertThat(readJson(g.body()).get("method").asText()).isEqualTo("GET");
        assertThat(ledger("tokensIssued")).isEqualTo(1);
        assertThat(ledger("calls")).isEqualTo(7);
        assertThat(ledger("unauthorized")).isZero();
        assertNoLeak(output);
    }

    @Test
    void basicClientAuthenticationWorksToo(CapturedOutput output) {
        props.setTokenAuth("basic");
        assertThat(echo("{}").ok()).isTrue();
        assertThat(ledger("tokensIssued")).isEqualTo(1);
        JsonNode requests = getJson("/sim/ndxp/_control/ledger/requests?limit=5");
        assertThat(requests.get(0).asText()).startsWith("POST /token").doesNotContain("client_secret");
        assertNoLeak(output);
    }

    @Test
    void revokedTokenIsRenewedOnceAndTheCallRetried(CapturedOutput output) {
        assertThat(echo("{}").ok()).isTrue();
        double before = retries();
        postForJson("/sim/ndxp/_control/revoke-tokens", "");
        PartnerHttp.Response r = echo("{\"after\":\"revoke\"}");
        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(ledger("unauthorized")).isEqualTo(1);
        assertThat(ledger("tokensIssued")).isEqualTo(2);
        assertThat(retries()).isEqualTo(before + 1);
        assertThat(echo("{}").ok()).isTrue();
        assertThat(ledger("tokensIssued")).isEqualTo(2);
        assertNoLeak(output);
    }

    @Test
    void tokenIsRefreshedBeforeItExpires(CapturedOutput output) {
        postForJson("/sim/ndxp/_control/faults", "{\"tokenTtlSeconds\":3}");
        await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    PartnerHttp.Response r = echo("{}");
                    assertThat(r.ok()).as(r.describe()).isTrue();
                    assertThat(ledger("tokensIssued")).as("gateway ledger " + getJson("/sim/ndxp/_control/ledger")
                            + ", knobs " + getJson("/sim/ndxp/_control/faults")).isGreaterThanOrEqualTo(3);
                });
        assertThat(ledger("unauthorized")).isZero();
        assertNoLeak(output);
    }

    @Test
    void gatewayOutageIsTransientAndCallsRecover(CapturedOutput output) {
        assertThat(echo("{}").ok()).isTrue();
        postForJson("/sim/ndxp/_control/faults", "{\"errorRate\":1}");
        PartnerHttp.Response down = echo("{}");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.transientFailure()).isTrue();
        postForJson("/sim/ndxp/_control/faults", "{\"errorRate\":0}");
        assertThat(echo("{}").ok()).isTrue();
        // exactly 1: the HTTP client's own automatic retries are off, the hub's retry policy is the only one
        assertThat(ledger("errors")).isEqualTo(1);
        assertThat(ledger("tokensIssued")).isEqualTo(1);
        assertNoLeak(output);
    }

    @Test
    void wrongSecretIsRefusedWithAClearErrorWithoutTheSecret(CapturedOutput output) {
        String wrong = "wrong-secret-4f1e9a7c";
        props.setClientSecret(wrong);
        PartnerHttp.Response r = echo("{}");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.transientFailure()).isFalse();
        JsonNode body = readJson(r.body());
        assertThat(body.get("stage").asText()).isEqualTo("token");
        assertThat(body.get("error").asText()).isEqualTo("invalid_client");
        assertThat(r.describe()).contains("NDXP token request refused (HTTP 401)")
                .doesNotContain(wrong).doesNotContain(secret);
        assertThat(ledger("tokenRefused")).isEqualTo(1);
        assertThat(ledger("calls")).isZero();
        assertThat(output.getAll()).contains("NDXP token request failed").doesNotContain(wrong);
        assertThat(getJson("/sim/ndxp/_control/ledger/requests?limit=5").toString()).doesNotContain(wrong);
        assertNoLeak(output);
    }

    private void assertNoLeak(CapturedOutput output) {
        String all = output.getAll();
        assertThat(all).doesNotContain(secret);
        for (String token : seenTokens) {
            assertThat(all).doesNotContain(token);
        }
    }
}
