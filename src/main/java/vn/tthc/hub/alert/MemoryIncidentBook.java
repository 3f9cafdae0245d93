package vn.tthc.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The open incidents, one per key: opening a key already open only counts it again (so it is mailed
 * once), closing removes it; dead-letter incidents close by themselves after a quiet period.
 */
public final class IncidentBook {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private final Map<IncidentKey, Incident> open = new ConcurrentHashMap<>();

    /** The outcome of reporting an occurrence: the incident, and whether it is new (and so deserves a mail). */
    public record Opened(Incident incident, boolean isNew) {
    }

    public Opened open(IncidentKey key, Instant since) {
        boolean[] created = {false};
        Incident i = open.compute(key, (k, existing) -> {
            if (existing != null) {
                existing.seenAgain(since);
                return existing;
            }
            created[0] = true;
            return new Incident(idOf(k, since), k, since);
        });
        return new Opened(i, created[0]);
    }

    public Optional<Incident> get(IncidentKey key) {
        return Optional.ofNullable(open.get(key));
    }

    public Optional<Incident> close(IncidentKey key) {
        return Optional.ofNullable(open.remove(key));
    }

    /** Closes the incidents of this error class not seen for {@code quiet}: a new occurrence later is a new incident. */
    public void closeQuiet(String errorClassPrefix, Instant now, Duration quiet) {
        open.values().removeIf(i -> i.key().errorClass().startsWith(errorClassPrefix) && !i.lastSeen().plus(quiet).isAfter(now));
    }

    public List<Incident> all() {
        return List.copyOf(open.values());
    }

    /** Readable and unique enough to quote on the phone: partner, class and start time. */
    static String idOf(IncidentKey k, Instant since) {
        return k.partner() + "-" + k.errorClass().replaceAll("[^A-Za-z0-9]+", "") + "-" + ID_TIME.format(since);
    }
}
