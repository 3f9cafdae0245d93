package vn.tthc.hub.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page and the signed-in start page, server-rendered without any script (the
 * Content-Security-Policy allows none inline) and with every asset served by the hub. Vietnamese by
 * default, English with {@code ?lang=en}. Every value written into the page is HTML-escaped.
 */
@Controller
class LoginPage {
    private static final Map<String, String> VI = Map.ofEntries(
            Map.entry("title", "Đăng nhập"), Map.entry("heading", "Cổng tích hợp thủ tục hành chính"),
            Map.entry("username", "Tên đăng nhập"), Map.entry("password", "Mật khẩu"), Map.entry("submit", "Đăng nhập"),
            Map.entry("error", "Tên đăng nhập hoặc mật khẩu không đúng."),
            Map.entry("locked", "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút."),
            Map.entry("logout", "Bạn đã đăng xuất."), Map.entry("other", "English"), Map.entry("otherLang", "en"),
            Map.entry("welcome", "Xin chào"), Map.entry("roles", "Vai trò"), Map.entry("signOut", "Đăng xuất"),
            Map.entry("api", "API quản trị"), Map.entry("lang", "vi"));
    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("title", "Sign in"), Map.entry("heading", "Administrative procedure integration hub"),
            Map.entry("username", "User name"), Map.entry("password", "Password"), Map.entry("submit", "Sign in"),
            Map.entry("error", "Wrong user name or password."),
            Map.entry("locked", "Too many failed sign-ins. Please try again in 15 minutes."),
            Map.entry("logout", "You have signed out."), Map.entry("other", "Tiếng Việt"), Map.entry("otherLang", "vi"),
            Map.entry("welcome", "Welcome"), Map.entry("roles", "Roles"), Map.entry("signOut", "Sign out"),
            Map.entry("api", "Management API"), Map.entry("lang", "en"));

    @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String login(HttpServletRequest request) {
        Map<String, String> t = texts(request);
        String message = request.getParameter("locked") != null ? t.get("locked")
                : request.getParameter("error") != null ? t.get("error")
                : request.getParameter("logout") != null ? t.get("logout") : null;
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(esc(t.get("heading"))).append("</h1>\n<h2>").append(esc(t.get("title"))).append("</h2>\n");
        if (message != null) {
            body.append("<p class=\"message\" role=\"alert\">").append(esc(message)).append("</p>\n");
        }
        body.append("<form method=\"post\" action=\"/login\">\n")
                .append("<label for=\"username\">").append(esc(t.get("username"))).append("</label>\n")
                .append("<input id=\"username\" name=\"username\" autocomplete=\"username\" required autofocus>\n")
                .append("<label for=\"password\">").append(esc(t.get("password"))).append("</label>\n")
                .append("<input id=\"password\" name=\"password\" type=\"password\" autocomplete=\"current-password\" required>\n")
                .append("<input type=\"hidden\" name=\"lang\" value=\"").append(esc(t.get("lang"))).append("\">\n")
                .append(csrfField(request))
                .append("<button type=\"submit\">").append(esc(t.get("submit"))).append("</button>\n</form>\n")
                .append("<p class=\"lang\"><a href=\"/login?lang=").append(t.get("otherLang")).append("\">")
                .append(esc(t.get("other"))).append("</a></p>\n");
        return page(t, t.get("title"), body.toString());
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String home(HttpServletRequest request, Principal principal) {
        Map<String, String> t = texts(request);
        String roles = principal instanceof Authentication a ? a.getAuthorities().stream()
                .map(g -> g.getAuthority().replaceFirst("^ROLE_", "").toLowerCase(java.util.Locale.ROOT)).sorted()
                .collect(Collectors.joining(", ")) : "";
        String body = "<h1>" + esc(t.get("heading")) + "</h1>\n<p>" + esc(t.get("welcome")) + ", <strong>" + esc(principal.getName())
                + "</strong>. " + esc(t.get("roles")) + ": " + esc(roles) + "</p>\n"
                + "<p><a href=\"/api/v1/partners\">" + esc(t.get("api")) + "</a></p>\n"
                + "<form method=\"post\" action=\"/logout\">" + csrfField(request) + "<button type=\"submit\">" + esc(t.get("signOut"))
                + "</button></form>\n";
        return page(t, t.get("heading"), body);
    }

    /** {@code &lang=en} when the request asked for English (to keep the language across redirects). */
    static String langSuffix(HttpServletRequest request) {
        return "en".equals(request.getParameter("lang")) ? "&lang=en" : "";
    }

    private static Map<String, String> texts(HttpServletRequest request) {
        return "en".equals(request.getParameter("lang")) ? EN : VI;
    }

    private static String csrfField(HttpServletRequest request) {
        CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return token == null ? "" : "<input type=\"hidden\" name=\"" + esc(token.getParameterName()) + "\" value=\"" + esc(token.getToken()) + "\">\n";
    }

    private static String page(Map<String, String> t, String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"" + t.get("lang") + "\">\n<head>\n<meta charset=\"UTF-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + esc(title) + " · tthc-hub</title>\n"
                + "<link rel=\"stylesheet\" href=\"/css/hub.css\">\n</head>\n<body>\n<main>\n" + body + "</main>\n</body>\n</html>\n";
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s == null ? "" : s, "UTF-8");
    }
}
