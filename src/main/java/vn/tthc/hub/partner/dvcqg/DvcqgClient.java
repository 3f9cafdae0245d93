package vn.tthc.hub.partner.dvcqg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.partner.PartnerHttp;

/**
 * Speaks the portal's adapter API (RPC over JSON, PARTNERS.md): logs in for a session, sends
 * {@code {session, madonvi, service, …}} with the {@code dstcode} header, re-logs in once when the
 * session is refused, and classifies every answer ({@code error_code} as a number or a string;
 * a plain-text "thành công" answer counts as success).
 */
@Component
public class DvcqgClient {
    /** The auth-failure error code (assumed: no official error table is public). */
    public static final int SESSION_INVALID = 2;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PartnerHttp http;
    private final DvcqgProperties props;
    private volatile String session;

    public DvcqgClient(PartnerHttp http, DvcqgProperties props) {
        this.http = http;
        this.props = props;
    }

    /** Calls one service; {@code params} are added to the body beside session, madonvi and service. */
    public Answer call(String service, String madonvi, Map<String, Object> params) {
        String s = session;
        if (s == null) {
            Answer login = login();
            if (!login.ok()) {
                return login;
            }
            s = session;
        }
        Answer a = send(service, madonvi, params, s);
        if (a.kind() == Kind.SESSION) {
            synchronized (this) {
                if (s.equals(session)) {
                    session = null;
                }
            }
            Answer login = login();
            if (!login.ok()) {
                return login;
            }
            a = send(service, madonvi, params, session);
            if (a.kind() == Kind.SESSION) {
                return new Answer(Kind.TRANSIENT, a.httpStatus(), a.errorCode(), "session refused right after login: " + a.message(), null);
            }
        }
        return a;
    }

    private synchronized Answer login() {
        if (session != null) {
            return new Answer(Kind.OK, 200, 0, "session reused", null);
        }
        DvcqgProperties p = props;
        ObjectNode body = JSON.createObjectNode().put("username", p.getUsername()).put("password", p.getPassword());
        PartnerHttp.Response r = http.post(p.getBaseUrl() + p.getAuthEndpoint(), "application/json; charset=utf-8", body.toString(),
                Map.of("dstcode", p.getDstcode()));
        Answer a = classify(r);
        if (a.ok()) {
            String s = a.json() == null ? null : a.json().path("session").asText(null);
            if (s == null || s.isEmpty()) {
                return new Answer(Kind.TRANSIENT, r.status(), null, "login answered without a session", null);
            }
            session = s;
            return a;
        }
        // wrong credentials are a configuration problem: retried with backoff (and reported) rather than dropped
        return new Answer(a.kind() == Kind.PERMANENT ? Kind.TRANSIENT : a.kind() == Kind.SESSION ? Kind.TRANSIENT : a.kind(),
                a.httpStatus(), a.errorCode(), "login failed: " + a.message(), null);
    }

    private Answer send(String service, String madonvi, Map<String, Object> params, String s) {
        DvcqgProperties p = props;
        ObjectNode body = JSON.createObjectNode();
        body.put("session", s);
        body.put("madonvi", madonvi);
        body.put("service", service);
        params.forEach((k, v) -> body.set(k, JSON.valueToTree(v)));
        PartnerHttp.Response r = http.post(p.getBaseUrl() + p.getIntegrationEndpoint(), "application/json; charset=utf-8",
                body.toString(), Map.of("dstcode", p.getDstcode()));
        return classify(r);
    }

    static Answer classify(PartnerHttp.Response r) {
        if (!r.ok()) {
            // the same rule as every adapter's (PartnerHttp.Response.retryable), in the portal client's own terms
            return new Answer(r.retryable() ? Kind.TRANSIENT : Kind.PERMANENT, r.status(), null, r.describe(), null);
        }
        String body = r.body() == null ? "" : r.body().trim();
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            json = null;
        }
        if (json == null || !json.isObject()) {
            if (body.toLowerCase().contains("thành công")) {
                return new Answer(Kind.OK, r.status(), 0, body, null);
            }
            // an answer we cannot read says nothing about the outcome: retry, bounded by the retry policy
            return new Answer(Kind.TRANSIENT, r.status(), null, "unreadable answer: " + r.describe(), null);
        }
        JsonNode codeNode = json.get("error_code");
        Integer code = null;
        if (codeNode != null && (codeNode.isNumber() || codeNode.isTextual())) {
            try {
                code = Integer.parseInt(codeNode.asText().trim());
            } catch (NumberFormatException e) {
                code = null;
            }
        }
        String message = json.path("message").asText("");
        if (code == null) {
            return new Answer(Kind.TRANSIENT, r.status(), null, "answer without a readable error_code: " + r.describe(), json);
        }
        if (code == 0) {
            return new Answer(Kind.OK, r.status(), 0, message, json);
        }
        if (code == SESSION_INVALID) {
            return new Answer(Kind.SESSION, r.status(), code, message, json);
        }
        if (code == 3 || code == -3) {
            return new Answer(Kind.EXISTS, r.status(), code, message, json);
        }
        return new Answer(Kind.PERMANENT, r.status(), code, "error_code " + code + ": " + message, json);
    }

    /** How an answer is to be treated. */
    public enum Kind { OK, EXISTS, SESSION, TRANSIENT, PERMANENT }

    /** A classified portal answer. */
    /**
     * {@code TraCuuHoSo}: the item the portal holds for a dossier, or null when it holds none; {@code answer} says
     * whether the look-up itself worked. Used before an uncertain insert and by the reconciliation alike.
     */
    public Found find(String madonvi, String code) {
        Answer a = call("TraCuuHoSo", madonvi, Map.of("mahoso", code));
        JsonNode result = !a.ok() || a.json() == null ? null : a.json().path("result");
        return new Found(a, result != null && result.isArray() && !result.isEmpty() ? result.get(0) : null);
    }

    /** What {@link #find} got. */
    public record Found(Answer answer, JsonNode item) {
    }

    public record Answer(Kind kind, int httpStatus, Integer errorCode, String message, JsonNode json) {
        public boolean ok() {
            return kind == Kind.OK;
        }

        /** The portal says the dossier it was asked to update is not there (message-based: no code is documented). */
        public boolean notFound() {
            return kind == Kind.PERMANENT && message != null && message.toLowerCase().contains("không tồn tại");
        }
    }
}
