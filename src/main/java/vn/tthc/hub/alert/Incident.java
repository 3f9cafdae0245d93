package vn.tthc.hub.alert;

import java.time.Instant;

/** One open incident: its key, a stable id, since when, and how often it was seen while open (mutable count and last time). */
public final class Incident {
    private final String id;
    private final IncidentKey key;
    private final Instant since;
    private volatile Instant lastSeen;
    private volatile int occurrences;
    private volatile Instant recoveredAt;

    Incident(String id, IncidentKey key, Instant since) {
        this(id, key, since, since, 1, null);
    }

    /** An incident as stored. */
    Incident(String id, IncidentKey key, Instant since, Instant lastSeen, int occurrences, Instant recoveredAt) {
        this.id = id;
        this.key = key;
        this.since = since;
        this.lastSeen = lastSeen;
        this.occurrences = occurrences;
        this.recoveredAt = recoveredAt;
    }

    public String id() { return id; }
    public IncidentKey key() { return key; }
    public Instant since() { return since; }
    public Instant lastSeen() { return lastSeen; }
    public int occurrences() { return occurrences; }

    /** When the partner first answered again (the incident waits for its backlog before it is closed), or null. */
    public Instant recoveredAt() { return recoveredAt; }

    void recovered(Instant at) {
        if (recoveredAt == null) {
            recoveredAt = at;
        }
    }

    synchronized void seenAgain(Instant at) {
        occurrences++;
        if (at.isAfter(lastSeen)) {
            lastSeen = at;
        }
    }
}
