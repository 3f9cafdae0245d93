package vn.tthc.hub.report;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.mail.MailTransport;
import vn.tthc.hub.mail.OutgoingMail;

/**
 * Mails a report to {@code hub.reports.recipients}: computes it, attaches the Excel workbook and the CSV,
 * writes the summary, sends it and records the outcome. The schedule asks for the last complete period
 * at the time it fires, and sends each period's scheduled mail once across instances and restarts.
 */
public class ReportMailer {
    private static final Logger log = LoggerFactory.getLogger(ReportMailer.class);
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String CSV = "text/csv; charset=UTF-8";

    private final ReportQueries queries;
    private final ReportMailStore store;
    private final MailTransport transport;
    private final ReportProperties props;
    private final ReportMailComposer composer;
    private final Clock clock;
    private final AtomicBoolean toldNotMailed = new AtomicBoolean();

    public ReportMailer(ReportQueries queries, ReportMailStore store, MailTransport transport, ReportProperties props, String consoleUrl,
                        Clock clock) {
        this.queries = queries;
        this.store = store;
        this.transport = transport;
        this.props = props;
        this.composer = new ReportMailComposer(props.getLanguage(), consoleUrl);
        this.clock = clock;
    }

    /** What became of one report mail. */
    public enum Status { SENT, FAILED, ALREADY_SENT, NO_RECIPIENTS }

    public record Outcome(Status status, String kind, String period, Long mailId, List<String> recipients, String subject, String error) {
    }

    /** The period a report fired at {@code now} is about: the last complete week or month on that day in {@code zone}. */
    public static ReportPeriod periodAt(String kind, Instant now, ZoneId zone) {
        return ReportPeriod.of(kind, null, LocalDate.ofInstant(now, zone));
    }

    /** The scheduled mail of a kind (called by the Quartz route): the last complete period, once. */
    public Outcome scheduled(String kind) {
        ReportPeriod period = periodAt(kind, clock.instant(), props.zone());
        if (props.getRecipients().isEmpty()) {
            // said once per process, not at every fire: an empty list is a decision, not an incident
            if (toldNotMailed.compareAndSet(false, true)) {
                log.info("Reports are not mailed: hub.reports.recipients is empty (still at GET /api/v1/reports/{weekly|monthly})");
            }
            return new Outcome(Status.NO_RECIPIENTS, kind, period.label(), null, List.of(), null, null);
        }
        return send(period, true);
    }

    /** A mail sent on demand, for any period, however often it is asked for. */
    public Outcome now(ReportPeriod period) {
        if (props.getRecipients().isEmpty()) {
            return new Outcome(Status.NO_RECIPIENTS, period.kind(), period.label(), null, List.of(), null,
                    "hub.reports.recipients is empty: reports are not mailed");
        }
        return send(period, false);
    }

    private Outcome send(ReportPeriod period, boolean scheduled) {
        Statistics stats = queries.compute(period);
        String name = ReportExport.fileName(period);
        String lang = props.getLanguage();
        OutgoingMail.Attachment xlsx = new OutgoingMail.Attachment(name + ".xlsx", XLSX, ReportExport.xlsx(stats, lang));
        OutgoingMail.Attachment csv = new OutgoingMail.Attachment(name + ".csv", CSV, ReportExport.csv(stats.rows(), lang));
        ReportMailComposer.Text text = composer.compose(stats, xlsx.fileName(), csv.fileName());
        List<String> to = List.copyOf(props.getRecipients());
        Optional<Long> id = store.claim(clock.instant(), period, scheduled, to, text.subject(), List.of(xlsx.fileName(), csv.fileName()));
        if (id.isEmpty()) {
            log.info("Scheduled {} report {} already sent (or being sent by another instance): not sent again", period.kind(), period.label());
            return new Outcome(Status.ALREADY_SENT, period.kind(), period.label(), null, to, text.subject(), null);
        }
        try {
            transport.send(new OutgoingMail(to, text.subject(), text.body(), List.of(xlsx, csv)));
        } catch (RuntimeException e) {
            String why = Pii.maskText(String.valueOf(e.getMessage()));
            log.error("Report mail '{}' could not be sent: {}", text.subject(), why);
            store.failed(id.get(), why);
            return new Outcome(Status.FAILED, period.kind(), period.label(), id.get(), to, text.subject(), why);
        }
        store.sent(id.get(), clock.instant());
        log.info("Report mail sent to {} recipient(s): {}", to.size(), text.subject());
        return new Outcome(Status.SENT, period.kind(), period.label(), id.get(), to, text.subject(), null);
    }
}
