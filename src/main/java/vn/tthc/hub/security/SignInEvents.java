package vn.tthc.hub.security;

import java.util.function.Predicate;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import vn.tthc.hub.audit.AuditLog;

/**
 * Counts failed sign-ins for the {@link LoginThrottle} and records sign-ins in the audit trail:
 * every failure (form or Basic) and every form sign-in. Successful Basic calls are not recorded one by
 * one (every script call is one). A user name that is no configured user may be a mistyped password
 * or a person's e-mail: it is stored masked.
 */
class SignInEvents {
    private final LoginThrottle throttle;
    private final AuditLog audit;
    private final Predicate<String> knownUser;

    SignInEvents(LoginThrottle throttle, AuditLog audit, Predicate<String> knownUser) {
        this.throttle = throttle;
        this.audit = audit;
        this.knownUser = knownUser;
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        Authentication a = event.getAuthentication();
        String address = address(a);
        throttle.failed(a.getName(), address);
        audit.record(shown(a.getName()), "login.failure", null, event.getException().getClass().getSimpleName(), address);
    }

    @EventListener
    public void succeeded(AuthenticationSuccessEvent event) {
        throttle.succeeded(event.getAuthentication().getName());
    }

    @EventListener
    public void signedIn(InteractiveAuthenticationSuccessEvent event) {
        Authentication a = event.getAuthentication();
        audit.record(a.getName(), "login.success", null, "form", address(a));
    }

    String shown(String name) {
        if (name == null || name.isBlank()) {
            return "(blank)";
        }
        return knownUser.test(name) ? name : name.charAt(0) + "***";
    }

    private static String address(Authentication a) {
        return a.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    }
}
