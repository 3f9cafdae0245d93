package vn.tthc.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import vn.tthc.hub.dossier.Pii;

/** Builds the texts of each kind of alert mail from the templates of the configured language. */
public final class AlertComposer {
    private static final int MAX_ERROR_CHARS = 400;
    private final AlertTemplates t;
    private final String consoleUrl;

    public AlertComposer(AlertTemplates templates, String consoleUrl) {
        this.t = templates;
        this.consoleUrl = consoleUrl;
    }

    /** A partner whose attempts have all failed since {@code since}. */
    public AlertMail failing(Incident incident, PartnerStatus s, Instant now) {
        Map<String, Object> v = base(s.partner());
        v.put("dossiers", s.openDossiers());
        v.put("sinceShort", t.subjectTime(incident.since()));
        v.put("since", t.time(incident.since()));
        v.put("minutes", minutes(incident.since(), now));
        v.put("lastError", error(s.lastError(), s.lastHttpStatus()));
        v.put("retrying", t.yesNo(s.openDossiers() > 0));
        v.put("advice", t.advice(s.partner()));
        v.put("incident", incident.id());
        return mail(AlertMail.Kind.INCIDENT, s.partner(), null, incident, s.openDossiers(), "failing", v);
    }

    /** The first success after a failing incident: how many went through since it started, how many still wait. */
    public AlertMail recovered(Incident incident, String partner, Instant at, int deliveredSince, int stillOpen) {
        Map<String, Object> v = base(partner);
        v.put("dossiers", deliveredSince);
        v.put("open", stillOpen);
        v.put("at", t.time(at));
        v.put("since", t.time(incident.since()));
        v.put("minutes", minutes(incident.since(), at));
        v.put("incident", incident.id());
        return mail(AlertMail.Kind.RECOVERED, partner, null, incident, deliveredSince, "recovered", v);
    }

    /** A delivery that reached DEAD (the first of its incident). */
    public AlertMail dead(Incident incident, DeadInfo d) {
        Map<String, Object> v = base(d.target());
        v.put("dossier", d.dossierCode());
        v.put("version", d.version());
        v.put("attempts", d.attempts());
        v.put("procedure", d.procedure() == null ? "—" : d.procedure());
        v.put("errorClass", incident.key().errorClass());
        v.put("dossiers", incident.occurrences());
        v.put("since", t.time(incident.since()));
        v.put("lastError", error(d.error(), d.httpStatus()));
        v.put("retrying", t.yesNo(false));
        v.put("advice", t.raw("advice.dead"));
        v.put("incident", incident.id());
        return mail(AlertMail.Kind.INCIDENT, d.target(), null, incident, incident.occurrences(), "dead", v);
    }

    /** Differences of a reconciliation run that could not be healed. */
    public AlertMail reconciliation(Incident incident, String runId, String partner, long found, long healed, long unhealed, Instant at) {
        Map<String, Object> v = base(partner);
        v.put("run", runId);
        v.put("found", found);
        v.put("healed", healed);
        v.put("unhealed", unhealed);
        v.put("at", t.time(at));
        v.put("advice", t.raw("advice.reconciliation"));
        v.put("incident", incident.id());
        return mail(AlertMail.Kind.INCIDENT, partner, null, incident, (int) Math.min(Integer.MAX_VALUE, unhealed), "reconciliation", v);
    }

    /** The morning digest over the partners' and departments' last 24 hours; a quiet night reads as one line. */
    public AlertMail digest(List<DayCounts> partners, List<DayCounts> departments, Map<String, Instant> failingSince, Instant from,
                            Instant to, String partner, String department) {
        long dead = partners.stream().mapToLong(DayCounts::dead).sum();
        long failingNow = failingSince.size();
        boolean quiet = dead == 0 && failingNow == 0 && partners.stream().allMatch(p -> p.failing() == 0);
        Map<String, Object> v = base(null);
        v.put("date", t.date(to));
        v.put("summary", quiet ? t.raw("digest.summary.quiet") : t.render("digest.summary.issues", Map.of("failing", failingNow, "dead", dead)));
        v.put("from", t.time(from));
        v.put("to", t.time(to));
        v.put("quietLine", quiet ? t.raw("digest.quiet") : "");
        v.put("partners", lines(partners.stream().map(p -> {
            Instant since = failingSince.get(p.key());
            String state = since == null ? "" : t.render("digest.partner.failing", Map.of("since", t.time(since)));
            return t.render("digest.partner", Map.of("partner", t.partner(p.key()), "delivered", p.delivered(), "failing", p.failing(),
                    "dead", p.dead(), "state", state));
        }).toList()));
        v.put("departments", lines(departments.stream().map(d -> t.render("digest.department", Map.of("department", d.key(),
                "delivered", d.delivered(), "failing", d.failing(), "dead", d.dead()))).toList()));
        String subject = t.render("digest.subject", v);
        String body = t.render("digest.body", v);
        int dossiers = (int) partners.stream().mapToLong(p -> p.failing() + p.dead()).sum();
        return new AlertMail(AlertMail.Kind.DIGEST, partner, department, null, null, dossiers, subject, body, List.of());
    }

    private String lines(List<String> ls) {
        return ls.isEmpty() ? t.raw("digest.none") + "\n" : ls.stream().map(l -> l + "\n").collect(Collectors.joining());
    }

    private Map<String, Object> base(String partner) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("prefix", t.raw("subject.prefix"));
        v.put("partner", t.partner(partner));
        v.put("console", consoleUrl);
        return v;
    }

    private AlertMail mail(AlertMail.Kind kind, String partner, String department, Incident incident, int dossiers, String template,
                           Map<String, Object> v) {
        // subjects are one line: a value with a line break (an error text) must not start a new header
        String subject = t.render(template + ".subject", v).replaceAll("[\\r\\n]+", " ");
        return new AlertMail(kind, partner, department, incident.id(), incident.key().toString(), dossiers, subject,
                t.render(template + ".body", v), List.of());
    }

    private String error(String error, Integer httpStatus) {
        String e = error == null || error.isBlank() ? (httpStatus == null ? "—" : "HTTP " + httpStatus) : error;
        e = e.replaceAll("\\s+", " ").trim();
        return Pii.maskText(e.length() > MAX_ERROR_CHARS ? e.substring(0, MAX_ERROR_CHARS) + "…" : e);
    }

    private static long minutes(Instant since, Instant now) {
        return Math.max(0, Duration.between(since, now).toMinutes());
    }

    /** What the composer needs of a dead delivery (with its procedure, looked up in the store). */
    public record DeadInfo(String target, String dossierCode, long version, int attempts, String procedure, Integer httpStatus,
                           String error) {
    }

    /** One partner's (or department's) last 24 hours: deliveries delivered, still failing, dead. */
    public record DayCounts(String key, long delivered, long failing, long dead) {
    }
}
