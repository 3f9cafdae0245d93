package vn.tthc.hub.sim.province;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimJson;

/** Shared plumbing of the province controllers: error answers, fault injection, Bearer checks and strict JSON bodies. */
abstract class ProvinceControllerSupport {

    /** Largest request body accepted. */
    static final int MAX_BODY_BYTES = 1 << 20;

    protected final ProvinceSimulator sim;

    ProvinceControllerSupport(ProvinceSimulator sim) {
        this.sim = sim;
    }

    @ExceptionHandler(ProvinceApiException.class)
    ResponseEntity<Map<String, Object>> onApiError(ProvinceApiException e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if ("invalid_token".equals(e.body().get("error"))) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
        }
        return answer.body(e.body());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, Object>> onUnreadable(HttpMessageNotReadableException e) {
        return onApiError(ProvinceApiException.invalid("body", "unreadable request body"));
    }

    /**
     * Applies the fault knobs to one call: ERROR answers 503 at once, HANG sleeps {@code hangMs}
     * then answers 504, other calls get the added latency.
     *
     * @return the decision, so that DROP_AFTER_APPLY can be honoured after the effect
     */
    protected SimFaults.FaultDecision injectFaults() {
        SimFaults faults = sim.faults();
        SimFaults.FaultDecision decision = faults.decide();
        if (decision == SimFaults.FaultDecision.ERROR) {
            throw ProvinceApiException.of(503, "temporarily_unavailable", "Hệ thống đang bận, vui lòng thử lại sau");
        }
        if (decision == SimFaults.FaultDecision.REJECT) {
            throw ProvinceApiException.of(400, "rejected", "Dữ liệu không được chấp nhận (lỗi nghiệp vụ giả lập)");
        }
        if (decision == SimFaults.FaultDecision.HANG) {
            faults.sleepHang();
            throw ProvinceApiException.of(504, "gateway_timeout", "Hết thời gian chờ xử lý");
        }
        faults.sleepLatency();
        return decision;
    }

    /** 401 {@code invalid_token} unless the header carries a live token. */
    protected void requireToken(String authorization) {
        if (!sim.tokens().isValid(authorization)) {
            throw ProvinceApiException.of(401, "invalid_token", "Token verification failed");
        }
    }

    /** Decodes a body as strict UTF-8 (400 naming {@code body} otherwise). */
    protected static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw ProvinceApiException.invalid("body", "not valid UTF-8");
        }
    }

    /** Parses a JSON body, refusing an empty, oversize, non-UTF-8 or malformed one. */
    protected static JsonNode json(byte[] body) {
        if (body == null || body.length == 0) {
            throw ProvinceApiException.invalid("body", "empty body");
        }
        if (body.length > MAX_BODY_BYTES) {
            ProvinceApiException e = ProvinceApiException.invalid("body", "larger than " + MAX_BODY_BYTES + " bytes");
            throw new ProvinceApiException(413, e.body());
        }
        try {
            return SimJson.parse(utf8(body));
        } catch (IllegalArgumentException e) {
            throw ProvinceApiException.invalid("body", e.getMessage());
        }
    }

    /** 415 unless the content type is JSON. */
    protected static void requireJson(String contentType) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.parseMediaType(contentType);
        } catch (RuntimeException e) {
            type = null;
        }
        if (type == null || !(MediaType.APPLICATION_JSON.includes(type) || "json".equals(type.getSubtypeSuffix()))) {
            throw ProvinceApiException.of(415, "unsupported_media_type", "Content-Type must be application/json");
        }
    }

    static ResponseEntity<byte[]> jsonBytes(byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
