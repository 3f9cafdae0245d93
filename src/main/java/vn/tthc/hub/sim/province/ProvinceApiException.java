package vn.tthc.hub.sim.province;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answer of the simulated province system: HTTP status plus the JSON body to send. */
public final class ProvinceApiException extends RuntimeException {

    private final int status;
    private final transient Map<String, Object> body;

    public ProvinceApiException(int status, Map<String, Object> body) {
        super(String.valueOf(body.get("error")), null, false, false);
        this.status = status;
        this.body = body;
    }

    /** 400 {@code {"error":"invalid","field":…,"message":…}}. */
    public static ProvinceApiException invalid(String field, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "invalid");
        body.put("field", field);
        body.put("message", message);
        return new ProvinceApiException(400, body);
    }

    /** 404 {@code {"error":"not_found","message":…}}. */
    public static ProvinceApiException notFound(String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "not_found");
        body.put("message", message);
        return new ProvinceApiException(404, body);
    }

    /** Any other error with an OAuth-style body. */
    public static ProvinceApiException of(int status, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        if (description != null) {
            body.put("error_description", description);
        }
        return new ProvinceApiException(status, body);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> body() {
        return body;
    }
}
