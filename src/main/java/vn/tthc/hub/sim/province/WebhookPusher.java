package vn.tthc.hub.sim.province;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every new dossier revision to the hub's webhook, asynchronously on a small bounded
 * executor, signed with HMAC-SHA256 over the exact body bytes; no retries (the hub's incremental
 * pull catches what a push misses). Every push ends in exactly one counter: {@code pushes}
 * (delivered, 2xx), {@code pushFailures} (queue full, I/O error or non-2xx) or
 * {@code pushesDropped} (left out on purpose by the {@code pushDropRate} knob); nothing is counted
 * while pushing is disabled.
 */
public final class WebhookPusher implements AutoCloseable {

    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    public static final String EVENT_ID_HEADER = "X-Event-Id";
    private static final Logger log = LoggerFactory.getLogger(WebhookPusher.class);

    private final Supplier<String> url;
    private final Supplier<String> secret;
    private final ProvinceKnobs knobs;
    private final Duration timeout;
    private final HttpClient client;
    private final ThreadPoolExecutor executor;
    private final LongAdder pushes = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final AtomicBoolean warnedUnsigned = new AtomicBoolean();

    /**
     * @param url      where pushes go, read at every push
     * @param secret   the HMAC key, read at every push; when blank, pushes go unsigned (and the hub should refuse them)
     * @param threads  sender threads
     * @param queue    pushes waiting for a sender; beyond it a push fails at once
     * @param timeout  per-request timeout
     */
    public WebhookPusher(Supplier<String> url, Supplier<String> secret, ProvinceKnobs knobs, int threads, int queue,
                         Duration timeout) {
        this.url = url;
        this.secret = secret;
        this.knobs = knobs;
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "sim-province-push-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    /** Queues one push of {@code body}; never blocks. */
    public void push(byte[] body) {
        if (!knobs.pushEnabled()) {
            return;
        }
        double dropRate = knobs.pushDropRate();
        if (dropRate > 0 && ThreadLocalRandom.current().nextDouble() < dropRate) {
            dropped.increment();
            return;
        }
        try {
            executor.execute(() -> send(body));
        } catch (RejectedExecutionException e) {
            failures.increment();
        }
    }

    private void send(byte[] body) {
        String target = url.get();
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
                    .timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .header(EVENT_ID_HEADER, UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            String key = secret.get();
            if (key != null && !key.isEmpty()) {
                request.header(SIGNATURE_HEADER, signature(key, body));
            } else if (warnedUnsigned.compareAndSet(false, true)) {
                log.warn("hub.partners.province.webhook-secret is not set: province pushes go unsigned");
            }
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 == 2) {
                pushes.increment();
            } else {
                failure("HTTP " + response.statusCode(), target);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure("interrupted", target);
        } catch (Exception e) {
            failure(e.getClass().getSimpleName(), target);
        }
    }

    private void failure(String why, String target) {
        failures.increment();
        long n = failures.sum();
        if (n == 1 || n % 1000 == 0) {
            log.warn("province push to {} failed ({}); {} failures so far", target, why, n);
        }
    }

    /** {@code sha256=<lowercase hex HMAC-SHA256(key, body)>}. */
    public static String signature(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public long pushes() {
        return pushes.sum();
    }

    public long pushFailures() {
        return failures.sum();
    }

    public long pushesDropped() {
        return dropped.sum();
    }

    /** Pushes queued or in flight. */
    public int pending() {
        return executor.getQueue().size() + executor.getActiveCount();
    }

    public void resetCounters() {
        pushes.reset();
        failures.reset();
        dropped.reset();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
