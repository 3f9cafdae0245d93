package vn.tthc.hub.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * The API's stable error bodies for refused calls: {@code {"error":"unauthorized","message":…}} (401),
 * {@code {"error":"forbidden",…}} (403) and {@code {"error":"too_many_attempts",…}} (429). The 401
 * carries no {@code WWW-Authenticate: Basic} challenge on purpose: a browser then never asks for and
 * never caches Basic credentials, so it cannot attach them by itself to a forged cross-site request
 * (which is what makes skipping CSRF for Basic calls safe).
 */
final class JsonErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonErrors() {
    }

    static AuthenticationEntryPoint unauthorized() {
        return (request, response, e) -> write(response, 401, "unauthorized",
                "sign in first: HTTP Basic (Authorization: Basic …) for scripts, the login page for people");
    }

    static AccessDeniedHandler forbidden() {
        return (request, response, e) -> write(response, 403, "forbidden",
                e instanceof org.springframework.security.web.csrf.CsrfException
                        ? "missing or invalid CSRF token for a signed-in session"
                        : "your role does not allow this");
    }

    static void write(HttpServletResponse response, int status, String error, String message) throws IOException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("message", message);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(JSON.writeValueAsString(body));
    }
}
