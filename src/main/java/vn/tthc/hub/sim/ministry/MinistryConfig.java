package vn.tthc.hub.sim.ministry;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * One ministry system reached through NDXP, from {@code hub.ministries.<code>}: display name, NDXP
 * context and version, wire format ({@code json} or {@code xml}) and agency code. Ministries publish no
 * interface spec, so the wire formats built on this are <b>assumed</b> (PARTNERS.md).
 */
public record MinistryConfig(String code, String name, String context, String version, String format, String agency) {

    public static final String PREFIX = "hub.ministries";

    public MinistryConfig {
        if (code == null || !code.matches("[A-Za-z0-9]{1,16}")) {
            throw new IllegalArgumentException(PREFIX + ": ministry code must be 1-16 letters/digits: " + code);
        }
        name = blank(name) ? code : name;
        context = blank(context) ? "ministry-" + code.toLowerCase(Locale.ROOT) : context;
        version = blank(version) ? "v1" : version;
        format = blank(format) ? "json" : format.toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("xml")) {
            throw new IllegalArgumentException(PREFIX + "." + code + ".format: must be json or xml, not " + format);
        }
        agency = blank(agency) ? "000.00.00." + code : agency;
    }

    /** How a ministry entry is written in the configuration (the code is the map key). */
    public record Entry(String name, String context, String version, String format, String agency) {
    }

    public boolean xml() {
        return format.equals("xml");
    }

    /** The system id used by the hub and the coordination system, e.g. {@code ministry-G06}. */
    public String systemId() {
        return "ministry-" + code;
    }

    /** Reads {@code hub.ministries}, sorted by code (empty when absent). */
    public static List<MinistryConfig> fromEnvironment(Environment env) {
        Map<String, Entry> entries = Binder.get(env)
                .bind(PREFIX, Bindable.mapOf(String.class, Entry.class))
                .orElse(Map.of());
        List<MinistryConfig> out = new ArrayList<>();
        new TreeMap<>(entries).forEach((code, e) -> out.add(
                new MinistryConfig(code.toUpperCase(Locale.ROOT), e.name(), e.context(), e.version(), e.format(), e.agency())));
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
