package vn.tthc.hub.security;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.RequestMatcherDelegatingAccessDeniedHandler;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import vn.tthc.hub.audit.AuditLog;

/**
 * Who may do what. People sign in with the form ({@code POST /login}, a session cookie); scripts
 * call the API with HTTP Basic (no session). Users come from {@code hub.security.users.*}; the
 * built-in {@code admin} is added unless configured there (see {@link AdminBootstrap}).
 *
 * <p>CSRF: every state-changing request of a session is checked. Skipped only where no session
 * can be the authority: requests carrying an {@code Authorization: Basic} header (a browser cannot
 * add one to a forged cross-site request, and the 401 never sends a Basic challenge, so it never
 * caches one) and {@code /api/**} requests that carry no session cookie. The province webhook and
 * the simulators are outside sign-in altogether ({@link #partnerProtocols}).
 */
@Configuration
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfig {
    static final String VIEWER = "VIEWER";
    static final String OPERATOR = "OPERATOR";
    static final String ADMIN = "ADMIN";
    static final String CSP = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
            + "form-action 'self'";
    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfig.class);

    /**
     * The partners' own protocols, before everything else: the province webhook (its HMAC signature) and the
     * simulators (their own tokens and Basic client credentials, e.g. NDXP's token endpoint). Spring Security
     * authenticates nothing here — an {@code Authorization: Basic} header on these paths is a partner's client
     * credential, never a console user — and keeps no session; the security headers still apply.
     */
    @Bean
    @Order(1)
    SecurityFilterChain partnerProtocols(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/intake/province"),
                        path("/sim/**")))
                .authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP)).frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain hubSecurity(HttpSecurity http, LoginThrottle throttle) throws Exception {
        RequestMatcher api = new OrRequestMatcher(path("/api/**"), path("/actuator/**"));
        // ── the rule table: first match wins ──────────────────────────────────────────────
        http.authorizeHttpRequests(rules -> rules
                // error pages and forwards of an already checked request
                .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll()
                // open: sign-in page, static assets, health and info
                // (also open, in partnerProtocols above: POST /api/v1/intake/province with its HMAC, and /sim/**)
                .requestMatchers("/login", "/error", "/css/**", "/js/**", "/webjars/**", "/favicon.ico").permitAll()
                // the OpenAPI description and Swagger UI: shapes only, no data (every call they describe needs a sign-in)
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**").permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                // the rest of actuator (env, configprops, heapdump, metrics, prometheus…): admin
                .requestMatchers("/actuator/**").hasRole(ADMIN)
                // the audit trail: operator and admin
                .requestMatchers(HttpMethod.GET, "/api/v1/audit").hasAnyRole(OPERATOR, ADMIN)
                // the catalogue (procedure mappings, routing): read by every role, changed by admin only (API and pages)
                .requestMatchers(HttpMethod.GET, "/api/v1/catalogue/**", "/catalogue/**").hasAnyRole(VIEWER, OPERATOR, ADMIN)
                .requestMatchers("/api/v1/catalogue/**", "/catalogue/**").hasRole(ADMIN)
                // a retention run removes stored bodies: started by admin only (the list of runs is read by every role)
                .requestMatchers(HttpMethod.POST, "/api/v1/retention/**").hasRole(ADMIN)
                // reading the API: every role
                .requestMatchers(HttpMethod.GET, "/api/**").hasAnyRole(VIEWER, OPERATOR, ADMIN)
                .requestMatchers(HttpMethod.HEAD, "/api/**").hasAnyRole(VIEWER, OPERATOR, ADMIN)
                // every change (replay, reconciliation start, back-fill, report mail…): operator and admin
                .requestMatchers("/api/**").hasAnyRole(OPERATOR, ADMIN)
                // pages: the audit trail for operator and admin; signing out for everyone signed in; every other
                // state-changing form (replay, discard, re-submit, dismiss, reconciliation start…) for operator and admin
                .requestMatchers("/audit", "/audit/**").hasAnyRole(OPERATOR, ADMIN)
                .requestMatchers(HttpMethod.POST, "/logout").authenticated()
                .requestMatchers(HttpMethod.GET, "/**").authenticated()
                .requestMatchers(HttpMethod.HEAD, "/**").authenticated()
                .anyRequest().hasAnyRole(OPERATOR, ADMIN));

        http.formLogin(form -> form.loginPage("/login")
                .failureHandler((request, response, e) -> response.sendRedirect("/login?error" + LoginPage.langSuffix(request))));
        // always back to the login page (not the 204 Spring answers to clients that do not ask for HTML)
        http.logout(logout -> logout.logoutSuccessHandler((request, response, auth) ->
                response.sendRedirect("/login?logout" + LoginPage.langSuffix(request))));
        http.httpBasic(basic -> basic.authenticationEntryPoint(JsonErrors.unauthorized()));
        http.csrf(csrf -> csrf.ignoringRequestMatchers(SecurityConfig::basicCredentials, SecurityConfig::apiWithoutSession));
        http.exceptionHandling(ex -> ex.authenticationEntryPoint(entryPoint(api)).accessDeniedHandler(deniedHandler(api)));
        http.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN)));
        http.addFilterBefore(new LoginThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // {bcrypt} by default; other {id} hashes stay readable, plain ones are refused at start by ConfiguredUsers
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    InMemoryUserDetailsManager hubUsers(SecurityProperties settings, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>(ConfiguredUsers.of(settings.getUsers()));
        if (!settings.getUsers().containsKey("admin")) {
            String hash = new AdminBootstrap(encoder).adminHash(settings.getAdminPassword(), Path.of(settings.getDataDir()),
                    generated -> LOG.warn("first start: the user 'admin' was created with the generated password {} — it is "
                            + "shown only this once (only its hash is kept, in {}); sign in and keep it safe, or set HUB_ADMIN_PASSWORD",
                            generated, Path.of(settings.getDataDir()).resolve(AdminBootstrap.FILE)));
            users.add(ConfiguredUsers.user("admin", hash, ADMIN));
        }
        return new InMemoryUserDetailsManager(users);
    }

    @Bean
    LoginThrottle loginThrottle(SecurityProperties settings, Clock clock) {
        SecurityProperties.Throttle t = settings.getThrottle();
        return new LoginThrottle(clock, t.getWindow(), t.getMaxFailures(), t.getMaxFailuresPerAddress());
    }

    @Bean
    AuditLog auditLog(DataSource dataSource, Clock clock) {
        return new AuditLog(dataSource, clock);
    }

    @Bean
    SignInEvents signInEvents(LoginThrottle throttle, AuditLog audit, InMemoryUserDetailsManager users) {
        return new SignInEvents(throttle, audit, users::userExists);
    }

    private static AuthenticationEntryPoint entryPoint(RequestMatcher api) {
        DelegatingAuthenticationEntryPoint entry = new DelegatingAuthenticationEntryPoint(
                new java.util.LinkedHashMap<>(Map.of(api, JsonErrors.unauthorized())));
        entry.setDefaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/login"));
        return entry;
    }

    private static AccessDeniedHandler deniedHandler(RequestMatcher api) {
        return new RequestMatcherDelegatingAccessDeniedHandler(new java.util.LinkedHashMap<>(Map.of(api, JsonErrors.forbidden())),
                new AccessDeniedHandlerImpl());
    }

    private static boolean basicCredentials(HttpServletRequest request) {
        return LoginThrottleFilter.basicUser(request.getHeader("Authorization")) != null;
    }

    private static boolean apiWithoutSession(HttpServletRequest request) {
        return request.getRequestedSessionId() == null && request.getServletPath().startsWith("/api/");
    }

    private static RequestMatcher path(String pattern) {
        return PathPatternRequestMatcher.withDefaults().matcher(pattern);
    }
}
