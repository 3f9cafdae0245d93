package vn.tthc.hub.alert;

/** What deduplicates incidents: one mail per (partner, procedure, error class) while the incident is open. */
public record IncidentKey(String partner, String procedure, String errorClass) {
    /** The procedure of an incident that is about the whole partner, not one procedure. */
    public static final String ANY_PROCEDURE = "*";

    public static IncidentKey failing(String partner) {
        return new IncidentKey(partner, ANY_PROCEDURE, "failing");
    }

    @Override
    public String toString() {
        return partner + "/" + procedure + "/" + errorClass;
    }
}
