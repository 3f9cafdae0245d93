package vn.tthc.hub.console;

import java.time.Clock;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Service;
import vn.tthc.hub.audit.AuditLog;
import vn.tthc.hub.sync.QuarantineResubmitter;
import vn.tthc.hub.sync.QuarantineStore;

/**
 * What a person does with a quarantine record, for the API and the pages alike, each audited: read it (in full only
 * for an operator or admin who asks: {@code QUARANTINE_PAYLOAD_VIEW}), re-submit it ({@code QUARANTINE_RESUBMIT}),
 * dismiss it with a reason ({@code QUARANTINE_DISMISS}). Refusals are {@link ApiProblem}s.
 */
@Service
public class QuarantineActions {
    static final int MAX_REASON = 2000;

    private final QuarantineQueries queries;
    private final QuarantineStore store;
    private final QuarantineResubmitter resubmitter;
    private final AuditLog audit;
    private final Clock clock;

    public QuarantineActions(QuarantineQueries queries, QuarantineStore store, QuarantineResubmitter resubmitter, AuditLog audit,
                             Clock clock) {
        this.queries = queries;
        this.store = store;
        this.resubmitter = resubmitter;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the user may change quarantine records and read payloads in full. */
    public static boolean mayAct(Authentication who) {
        return who != null && who.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(a -> a.equals("ROLE_OPERATOR") || a.equals("ROLE_ADMIN"));
    }

    /** One record; in full (audited) only when asked by an operator or admin, else masked. */
    public QuarantineDetail detail(long id, boolean full, Authentication who, String remote) {
        if (full && !mayAct(who)) {
            throw ApiProblem.forbidden("the full payload is shown to operators and admins only");
        }
        QuarantineDetail d = queries.detail(id, full).orElseThrow(() -> ApiProblem.notFound("no quarantine record #" + id));
        if (full) {
            audit.record(who.getName(), "quarantine.payload-view", "quarantine #" + id,
                    "source " + d.item().source() + ", channel " + d.item().channel() + ", dossier " + d.item().dossierCode(), remote);
        }
        return d;
    }

    /** Runs the record's input again through its intake path (see {@link QuarantineResubmitter}); audited either way. */
    public QuarantineResubmitter.Outcome resubmit(long id, Authentication who, String remote) {
        QuarantineResubmitter.Outcome o;
        try {
            o = resubmitter.resubmit(id, who.getName());
        } catch (QuarantineResubmitter.NotFound e) {
            throw ApiProblem.notFound(e.getMessage());
        } catch (QuarantineResubmitter.NotPossible e) {
            audit.record(who.getName(), "quarantine.resubmit", "quarantine #" + id, "not possible: " + e.getMessage(), remote);
            throw ApiProblem.conflict(e.getMessage());
        }
        audit.record(who.getName(), "quarantine.resubmit", "quarantine #" + id, o.accepted()
                ? "accepted: " + o.outcome() + " dossier " + o.dossierCode() + " v" + o.version()
                : "refused again (" + o.httpStatus() + "): " + o.errors().stream().map(e -> e.field() + " [" + e.rule() + "]").toList(),
                remote);
        return o;
    }

    /** Closes an open record with the reason (required). */
    public QuarantineDetail dismiss(long id, String reason, Authentication who, String remote) {
        String r = reason == null ? "" : reason.strip();
        if (r.isEmpty()) {
            throw ApiProblem.badRequest("reason", "required");
        }
        if (r.length() > MAX_REASON) {
            throw ApiProblem.badRequest("reason", "at most " + MAX_REASON + " characters");
        }
        if (!store.dismiss(id, who.getName(), clock.instant(), r)) {
            QuarantineDetail now = queries.detail(id, false).orElseThrow(() -> ApiProblem.notFound("no quarantine record #" + id));
            throw ApiProblem.conflict("quarantine record #" + id + " is " + now.item().state() + " already");
        }
        audit.record(who.getName(), "quarantine.dismiss", "quarantine #" + id, "reason: " + r, remote);
        return queries.detail(id, false).orElseThrow();
    }
}
