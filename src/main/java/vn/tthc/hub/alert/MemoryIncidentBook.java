package vn.tthc.hub.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The open incidents in this process's memory: for tests and a hub that may forget its incidents when it restarts. */
public final class MemoryIncidentBook implements IncidentBook {
    private final Map<IncidentKey, Incident> open = new ConcurrentHashMap<>();

    @Override
    public Opened open(IncidentKey key, Instant since) {
        boolean[] created = {false};
        Incident i = open.compute(key, (k, existing) -> {
            if (existing != null) {
                existing.seenAgain(since);
                return existing;
            }
            created[0] = true;
            return new Incident(IncidentBook.idOf(k, since), k, since);
        });
        return new Opened(i, created[0]);
    }

    @Override
    public Optional<Incident> get(IncidentKey key) {
        return Optional.ofNullable(open.get(key));
    }

    @Override
    public Optional<Incident> recovered(IncidentKey key, Instant at) {
        Incident i = open.get(key);
        if (i != null) {
            i.recovered(at);
        }
        return Optional.ofNullable(i);
    }

    @Override
    public Optional<Incident> close(IncidentKey key) {
        return Optional.ofNullable(open.remove(key));
    }

    @Override
    public void closeQuiet(String errorClassPrefix, Instant now, Duration quiet) {
        open.values().removeIf(i -> i.key().errorClass().startsWith(errorClassPrefix) && !i.lastSeen().plus(quiet).isAfter(now));
    }

    @Override
    public List<Incident> all() {
        return List.copyOf(open.values());
    }

}
