package vn.tthc.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The open incidents, one per key: opening a key already open only counts it again (so it is mailed once), closing
 * removes it; dead-letter incidents close by themselves after a quiet period. The hub keeps them in its database
 * ({@link JdbcIncidentBook}), so that a restart, or a second instance, neither mails an open incident again nor forgets
 * to say it recovered.
 */
public interface IncidentBook {
    DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** The outcome of reporting an occurrence: the incident, and whether it is new (and so deserves a mail). */
    record Opened(Incident incident, boolean isNew) {
    }

    /** Opens the incident of {@code key}, or counts one more occurrence of the open one. Exactly one caller sees it new. */
    Opened open(IncidentKey key, Instant since);

    Optional<Incident> get(IncidentKey key);

    /** Notes when the partner first answered again (kept if already noted); the incident stays open until closed. */
    Optional<Incident> recovered(IncidentKey key, Instant at);

    /** Closes the incident; exactly one caller gets it back (and so sends the recovered notice). */
    Optional<Incident> close(IncidentKey key);

    /** Closes the incidents of this error class not seen for {@code quiet}: a new occurrence later is a new incident. */
    void closeQuiet(String errorClassPrefix, Instant now, Duration quiet);

    List<Incident> all();

    /** Readable and unique enough to quote on the phone: partner, class and start time. */
    static String idOf(IncidentKey k, Instant since) {
        return k.partner() + "-" + k.errorClass().replaceAll("[^A-Za-z0-9]+", "") + "-" + ID_TIME.format(since);
    }
}
