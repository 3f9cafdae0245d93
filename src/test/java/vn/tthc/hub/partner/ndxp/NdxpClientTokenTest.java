package vn.tthc.hub.partner.ndxp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tthc.hub.ManualClock;
import vn.tthc.hub.partner.PartnerHttp;

/** The NDXP client's token cache without a server: renewal margin, no stampede, a failed renewal keeps a valid token. */
class NdxpClientTokenTest {
    static final String TOKEN_URL = "http://gw/token";
    static final String API = "http://gw/echo/v1/x";

    PartnerHttp http;
    ManualClock clock;
    NdxpClient client;
    final AtomicInteger issued = new AtomicInteger();

    @BeforeEach
    void setUp() {
        http = mock(PartnerHttp.class);
        clock = new ManualClock(Instant.parse("2026-03-01T00:00:00Z"));
        NdxpProperties p = new NdxpProperties();
        p.setBaseUrl("http://gw");
        p.setClientId("id");
        p.setClientSecret("secret");
        client = new NdxpClient(http, p, clock, new SimpleMeterRegistry());
        when(http.post(eq(API), any(), any(), anyMap())).thenReturn(new PartnerHttp.Response(200, "{}", "application/json", null));
    }

    private void tokensLast(double expiresIn, long delayMs) {
        when(http.post(eq(TOKEN_URL), anyString(), anyString(), anyMap())).thenAnswer(inv -> {
            Thread.sleep(delayMs);
            return new PartnerHttp.Response(200, "{\"access_token\":\"t" + issued.incrementAndGet()
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":" + expiresIn + ",\"scope\":\"default\"}", "application/json", null);
        });
    }

    private PartnerHttp.Response call() {
        return client.call("POST", "echo", "v1", "x", null, "application/json", "{}", Map.of());
    }

    @Test
    void renewsWhenLessThanTwentyPercentOrSixtySecondsRemain() {
        tokensLast(100, 0);
        call();
        clock.advance(Duration.ofSeconds(79));
        call();
        assertThat(issued).hasValue(1);
        clock.advance(Duration.ofSeconds(2));
        call();
        assertThat(issued).hasValue(2);
        tokensLast(3600, 0);
        clock.advance(Duration.ofSeconds(100));
        call();
        clock.advance(Duration.ofSeconds(3539));
        call();
        assertThat(issued).hasValue(3);
        clock.advance(Duration.ofSeconds(2));
        call();
        assertThat(issued).hasValue(4);
        verify(http, times(1)).post(eq(API), any(), any(), eq(Map.of("Authorization", "Bearer t4")));
    }

    @Test
    void concurrentCallersShareOneTokenRequest() throws Exception {
        tokensLast(3600, 200);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<PartnerHttp.Response>> tasks = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                tasks.add(this::call);
            }
            for (Future<PartnerHttp.Response> f : pool.invokeAll(tasks)) {
                assertThat(f.get().ok()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(issued).hasValue(1);
    }

    @Test
    void failedRenewalKeepsTheStillValidToken() {
        tokensLast(100, 0);
        call();
        when(http.post(eq(TOKEN_URL), anyString(), anyString(), anyMap()))
                .thenReturn(new PartnerHttp.Response(503, "{}", "application/json", null));
        clock.advance(Duration.ofSeconds(90));
        assertThat(call().ok()).isTrue();
        clock.advance(Duration.ofSeconds(11));
        PartnerHttp.Response r = call();
        assertThat(r.status()).isEqualTo(503);
        assertThat(r.transientFailure()).isTrue();
    }

    @Test
    void secondUnauthorizedGoesBackToTheCaller() {
        tokensLast(3600, 0);
        when(http.post(eq(API), any(), any(), anyMap())).thenReturn(new PartnerHttp.Response(401,
                "{\"fault\":{\"code\":900901}}", "application/json", null));
        PartnerHttp.Response r = call();
        assertThat(r.status()).isEqualTo(401);
        assertThat(issued).hasValue(2);
        verify(http, times(2)).post(eq(API), any(), any(), anyMap());
    }
}
