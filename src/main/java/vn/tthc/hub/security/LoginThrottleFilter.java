package vn.tthc.hub.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in attempt (a form {@code POST /login}, or any request carrying HTTP Basic
 * credentials) before its password is checked when {@link LoginThrottle} says so: the form gets its
 * login page back with an error, a Basic call 429 with {@code Retry-After}.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {
    private final LoginThrottle throttle;

    LoginThrottleFilter(LoginThrottle throttle) {
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String address = request.getRemoteAddr();
        if ("POST".equals(request.getMethod()) && "/login".equals(request.getServletPath())) {
            if (throttle.refused(request.getParameter("username"), address)) {
                response.sendRedirect(request.getContextPath() + "/login?locked" + LoginPage.langSuffix(request));
                return;
            }
        } else {
            String basicUser = basicUser(request.getHeader("Authorization"));
            if (basicUser != null && throttle.refused(basicUser, address)) {
                response.setHeader("Retry-After", String.valueOf(Math.max(1, throttle.retryAfter(basicUser, address).toSeconds())));
                JsonErrors.write(response, 429, "too_many_attempts", "too many failed sign-ins: try again later");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /** The user name of an {@code Authorization: Basic} header, or null. */
    static String basicUser(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
