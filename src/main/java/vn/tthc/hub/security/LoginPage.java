package vn.tthc.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page ({@code templates/login.html}): server-rendered without any script (the Content-Security-Policy
 * allows none inline), every asset served by the hub, every value escaped by Thymeleaf. Vietnamese by default,
 * English with {@code ?lang=en} (remembered in a cookie, see {@code ConsoleWebConfig}).
 */
@Controller
class LoginPage {
    @GetMapping("/login")
    String login() {
        return "login";
    }

    /** {@code &lang=en} when the request asked for English (to keep the language across redirects). */
    static String langSuffix(HttpServletRequest request) {
        return "en".equals(request.getParameter("lang")) ? "&lang=en" : "";
    }
}
