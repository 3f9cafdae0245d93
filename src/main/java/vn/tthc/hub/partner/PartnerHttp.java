package vn.tthc.hub.partner;

import java.net.URI;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.stereotype.Component;
import vn.tthc.hub.sync.TargetAdapter.AdapterResult;

/**
 * Calls partner systems over HTTP through camel-http (pooled keep-alive connections, component
 * timeouts from camel.component.http.*). Each call starts from a fresh exchange carrying only the
 * headers given, so no internal header ever reaches a partner. Never throws for HTTP or network
 * failures: they come back as a {@link Response} for the caller to classify.
 */
@Component
public class PartnerHttp {
    private final ProducerTemplate producer;

    public PartnerHttp(ProducerTemplate producer) {
        this.producer = producer;
    }

    public Response post(String url, String contentType, String body, Map<String, String> headers) {
        return call("POST", url, null, contentType, body, headers);
    }

    public Response get(String url, String query, Map<String, String> headers) {
        return call("GET", url, query, null, null, headers);
    }

    private Response call(String method, String url, String query, String contentType, String body, Map<String, String> headers) {
        // one Camel endpoint (and HTTP client) per partner origin; the request's own URL goes in CamelHttpUri, so
        // per-dossier paths do not create and register an endpoint each
        Exchange ex = producer.send(origin(url) + "?throwExceptionOnFailure=false", e -> {
            e.getMessage().setHeader(Exchange.HTTP_URI, url);
            e.getMessage().setHeader(Exchange.HTTP_METHOD, method);
            if (query != null) {
                e.getMessage().setHeader(Exchange.HTTP_QUERY, query);
            }
            if (contentType != null) {
                e.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
            }
            headers.forEach((k, v) -> e.getMessage().setHeader(k, v));
            e.getMessage().setBody(body);
        });
        if (ex.getException() != null) {
            Throwable t = ex.getException();
            return new Response(0, null, null, t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage()));
        }
        Integer status = ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (ex.getProperty(Exchange.CHARSET_NAME) == null) {
            ex.setProperty(Exchange.CHARSET_NAME, "UTF-8");
        }
        String text;
        try {
            text = ex.getMessage().getBody(String.class);
        } catch (RuntimeException e) {
            return new Response(status == null ? 0 : status, null, null, "unreadable response: " + e.getMessage());
        }
        return new Response(status == null ? 0 : status, text, ex.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class), null);
    }

    /** {@code scheme://host[:port]} of an absolute http(s) URL. */
    static String origin(String url) {
        URI u = URI.create(url);
        if (u.getScheme() == null || u.getRawAuthority() == null) {
            throw new IllegalArgumentException("not an absolute URL: " + url);
        }
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    /**
     * An HTTP answer, or a network failure ({@code status} 0 and {@code networkError} set).
     */
    public record Response(int status, String body, String contentType, String networkError) {
        public boolean ok() {
            return networkError == null && status >= 200 && status < 300;
        }

        /** Connect errors, timeouts, 5xx, 408 and 429 are worth retrying; other answers are final. */
        public boolean transientFailure() {
            return networkError != null || status >= 500 || status == 408 || status == 429;
        }

        /**
         * Whether a delivery should try again after this answer: the {@link #transientFailure() transient} ones, and
         * a 401 left after a client's own renewal — an expired or revoked key is the gateway's problem, never the
         * dossier's, and it heals when the key is fixed.
         */
        public boolean retryable() {
            return transientFailure() || status == 401;
        }

        /**
         * The one translation of a failed answer into the outcome of a delivery attempt, used by every adapter:
         * {@link #retryable()} → transient (retried with backoff), anything else → permanent (dead at once).
         */
        public AdapterResult asFailure(int stage) {
            Integer http = status == 0 ? null : status;
            return retryable() ? AdapterResult.transientFailure(stage, http, describe()) : AdapterResult.permanentFailure(stage, http, describe());
        }

        public String describe() {
            if (networkError != null) {
                return networkError;
            }
            String b = body == null ? "" : body.replaceAll("\\s+", " ");
            return "HTTP " + status + (b.isEmpty() ? "" : ": " + (b.length() > 300 ? b.substring(0, 300) + "…" : b));
        }
    }
}
