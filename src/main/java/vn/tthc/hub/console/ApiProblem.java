package vn.tthc.hub.console;

import org.springframework.http.HttpStatus;

/**
 * A refusal of an API call with its stable body {@code {"error": code, "message": …, "field": …}} (see
 * {@link ApiErrors}): {@code bad_request} naming the field and the rule, {@code not_found}, {@code conflict}
 * (e.g. a replay of a delivery that is no longer dead), {@code forbidden}.
 */
public class ApiProblem extends RuntimeException {
    private final HttpStatus status;
    private final String code;
    private final String field;

    public ApiProblem(HttpStatus status, String code, String field, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiProblem badRequest(String field, String rule) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "bad_request", field, field + ": " + rule);
    }

    public static ApiProblem notFound(String message) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not_found", null, message);
    }

    public static ApiProblem conflict(String message) {
        return new ApiProblem(HttpStatus.CONFLICT, "conflict", null, message);
    }

    public static ApiProblem forbidden(String message) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", null, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
