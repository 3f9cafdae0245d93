package vn.tthc.hub.reconcile;

/** The kinds of difference a reconciliation reports, with their keys in the API, the database and the exports. */
public enum Category {
    /** The hub delivered a version the target does not hold at all. */
    MISSING_AT_TARGET("missingAtTarget"),
    /** The source has a change the hub never stored. */
    MISSING_IN_HUB("missingInHub"),
    /** The target holds the dossier in another status than the version the hub delivered. */
    STATUS_MISMATCH("statusMismatch"),
    /** Same status, different content (digest) than the hub's version. */
    CONTENT_MISMATCH("contentMismatch"),
    /** A delivery open and untouched past its retry budget. */
    STUCK("stuck"),
    /** The latest delivery to the target is DEAD. */
    DEAD_LETTERED("deadLettered");

    private final String key;

    Category(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** Healed automatically through the normal path (the rest is reported for a person to look at). */
    public boolean healable() {
        return this != STUCK && this != DEAD_LETTERED;
    }

    public static Category ofKey(String key) {
        for (Category c : values()) {
            if (c.key.equals(key)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown category: " + key);
    }
}
