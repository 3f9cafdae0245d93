package vn.tthc.hub.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.sync.DeliveryListener;
import vn.tthc.hub.sync.ReconciliationListener;

/**
 * Decides which alert mails go out: an incident per dead-lettered kind of delivery and per failing
 * partner (once while open), a recovered notice when the partner works again, unhealed reconciliation
 * differences, and the morning digest; applies the per-recipient throttle and logs every mail.
 */
public class AlertService implements DeliveryListener, ReconciliationListener {
    private static final Logger log = LoggerFactory.getLogger(AlertService.class);
    /** How far back the failing check reads attempts: longer than any sensible threshold, short enough to stay cheap. */
    private static final Duration LOOKBACK = Duration.ofHours(6);

    private final AlertProperties props;
    private final AlertStore store;
    private final MailSender sender;
    private final Clock clock;
    private final Executor dispatch;
    private final AlertComposer composer;
    private final RecipientThrottle throttle;
    private final IncidentBook book;

    /** With the incidents in memory (tests). */
    public AlertService(AlertProperties props, AlertStore store, MailSender sender, Clock clock, Executor dispatch) {
        this(props, store, sender, clock, dispatch, new MemoryIncidentBook());
    }

    public AlertService(AlertProperties props, AlertStore store, MailSender sender, Clock clock, Executor dispatch, IncidentBook book) {
        this.book = book;
        this.props = props;
        this.store = store;
        this.sender = sender;
        this.clock = clock;
        this.dispatch = dispatch;
        this.composer = new AlertComposer(new AlertTemplates(props.getLanguage(), ZoneId.of(props.getZone())), props.getConsoleUrl());
        this.throttle = new RecipientThrottle(clock, props.getMaxPerHour());
    }

    /** A delivery reached DEAD: one incident (and mail) per partner, procedure and error class while it keeps happening. */
    @Override
    public void onDead(DeadDelivery d) {
        if (!props.isEnabled()) {
            return;
        }
        Instant now = clock.instant();
        book.closeQuiet("dead", now, props.getDeadQuietAfter());
        String procedure = store.procedureOf(d.source(), d.dossierCode()).orElse(IncidentKey.ANY_PROCEDURE);
        IncidentKey key = new IncidentKey(d.target(), procedure, deadClass(d.httpStatus(), d.error()));
        IncidentBook.Opened o = book.open(key, d.at() == null ? now : d.at());
        if (o.isNew()) {
            post(composer.dead(o.incident(), new AlertComposer.DeadInfo(d.target(), d.dossierCode(), d.version(), d.attempts(),
                    procedure, d.httpStatus(), d.error())));
        }
    }

    /** The scheduled check: opens an incident for each partner failing past its threshold, closes it on its first success. */
    public void checkPartners() {
        if (!props.isEnabled()) {
            return;
        }
        Instant now = clock.instant();
        List<PartnerStatus> statuses;
        try {
            statuses = store.partnerStatuses(now.minus(LOOKBACK));
        } catch (RuntimeException e) {
            log.warn("Failing-partner check could not read the attempts", e);
            throw e;
        }
        for (PartnerStatus s : statuses) {
            IncidentKey key = IncidentKey.failing(s.partner());
            var open = book.get(key);
            if (open.isPresent()) {
                Incident i = open.get();
                if (s.lastSuccess() != null && s.lastSuccess().isAfter(i.since()) && i.recoveredAt() == null) {
                    i = book.recovered(key, s.lastSuccess()).orElse(i);
                }
                // the recovered mail waits for the backlog to drain (or recovered-wait), so that its count says
                // how many dossiers went through, not just the first one
                if (i.recoveredAt() != null && (s.failedDeliveries() == 0 || !i.recoveredAt().plus(props.getRecoveredWait()).isAfter(now))) {
                    // the instance that closes it says it recovered; another that closed it first already did
                    if (book.close(key).isPresent()) {
                        int[] backlog = store.backlog(s.partner());
                        post(composer.recovered(i, s.partner(), i.recoveredAt(), store.deliveredSince(s.partner(), i.since()), backlog[0]));
                    }
                }
            } else if (s.failingAt(now, props.failingAfterOf(s.partner()))) {
                IncidentBook.Opened o = book.open(key, s.firstFailureAfterSuccess());
                if (o.isNew()) {
                    post(composer.failing(o.incident(), s, now));
                }
            }
        }
    }

    /** A finished reconciliation run: a mail per partner left with differences it could not heal. */
    @Override
    public void onRun(long runId, Map<String, ReconciliationListener.Outcome> byPartner) {
        byPartner.forEach((partner, o) -> unhealedDifferences(String.valueOf(runId), partner, o.found(), o.healed(), o.unhealed()));
    }

    /**
     * Differences of run {@code runId} with {@code partner} that could not be healed; one mail per run and partner, none
     * when everything was healed.
     */
    public void unhealedDifferences(String runId, String partner, long found, long healed, long unhealed) {
        if (!props.isEnabled() || unhealed <= 0) {
            return;
        }
        Instant now = clock.instant();
        book.closeQuiet("reconciliation", now, Duration.ofDays(1));
        IncidentBook.Opened o = book.open(new IncidentKey(partner, IncidentKey.ANY_PROCEDURE, "reconciliation-" + runId), now);
        if (o.isNew()) {
            post(composer.reconciliation(o.incident(), runId, partner, found, healed, unhealed, now));
        }
    }

    /** The morning digest of the last 24 hours: everything to the general recipients, each override its own part. */
    public void morningDigest() {
        if (!props.isEnabled()) {
            return;
        }
        Instant to = clock.instant();
        Instant from = to.minus(Duration.ofDays(1));
        List<AlertComposer.DayCounts> partners = store.dayByPartner(from, to);
        List<AlertComposer.DayCounts> departments = store.dayByDepartment(from, to);
        Map<String, Instant> failing = new LinkedHashMap<>();
        book.all().stream().filter(i -> i.key().errorClass().equals("failing")).forEach(i -> failing.put(i.key().partner(), i.since()));
        List<AlertMail> mails = new ArrayList<>();
        mails.add(composer.digest(partners, departments, failing, from, to, null, null).to(props.getRecipients()));
        props.getPartners().forEach((p, o) -> {
            if (!o.getRecipients().isEmpty()) {
                mails.add(composer.digest(partners.stream().filter(c -> c.key().equals(p)).toList(), List.of(),
                        filter(failing, p), from, to, p, null).to(o.getRecipients()));
            }
        });
        props.getDepartments().forEach((dep, o) -> {
            if (!o.getRecipients().isEmpty()) {
                mails.add(composer.digest(List.of(), departments.stream().filter(c -> c.key().equals(dep)).toList(), Map.of(), from, to,
                        null, dep).to(o.getRecipients()));
            }
        });
        // the digest is expected every morning: the incident throttle does not hold it back
        mails.forEach(m -> dispatch.execute(() -> deliver(m, m.recipients())));
    }

    /** The incidents open now (for the API and the digest). */
    public List<Incident> openIncidents() {
        return book.all();
    }

    private static Map<String, Instant> filter(Map<String, Instant> failing, String partner) {
        return failing.containsKey(partner) ? Map.of(partner, failing.get(partner)) : Map.of();
    }

    /** Throttled per recipient, then sent off the caller's thread (a delivery worker must not wait for SMTP). */
    private void post(AlertMail mail) {
        List<String> all = props.recipientsOf(mail.partner());
        List<String> admitted = throttle.admit(all);
        Instant now = clock.instant();
        List<String> held = all.stream().filter(r -> !admitted.contains(r)).toList();
        if (!held.isEmpty()) {
            log.warn("Alert mail '{}' held back for {} recipient(s) over {} mails per hour", mail.subject(), held.size(), props.getMaxPerHour());
            store.logMail(now, mail, "THROTTLED", held, null);
        }
        if (!admitted.isEmpty()) {
            dispatch.execute(() -> deliver(mail, admitted));
        }
    }

    private void deliver(AlertMail mail, List<String> to) {
        Instant now = clock.instant();
        try {
            sender.send(mail.to(to));
            store.logMail(now, mail, "SENT", to, null);
            log.info("Alert mail sent to {} recipient(s): {}", to.size(), mail.subject());
        } catch (RuntimeException e) {
            String why = Pii.maskText(String.valueOf(e.getMessage()));
            log.error("Alert mail '{}' could not be sent: {}", mail.subject(), why);
            store.logMail(now, mail, "FAILED", to, why);
        }
    }

    /** The error class of a dead delivery: its HTTP status when it has one, else whether the partner refused or the hub did. */
    static String deadClass(Integer httpStatus, String error) {
        if (httpStatus != null) {
            return "dead-http-" + httpStatus;
        }
        String e = error == null ? "" : error.toLowerCase(java.util.Locale.ROOT);
        if (e.contains("mapping") || e.contains("markup")) {
            return "dead-mapping";
        }
        return e.startsWith("internal error") ? "dead-internal" : "dead-refused";
    }
}
