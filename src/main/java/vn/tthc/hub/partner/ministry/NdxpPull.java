package vn.tthc.hub.partner.ministry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tthc.hub.config.HubProperties;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.partner.ndxp.NdxpClient;
import vn.tthc.hub.sync.IntakeResult;
import vn.tthc.hub.sync.IntakeService;
import vn.tthc.hub.sync.PullSource;
import vn.tthc.hub.sync.SyncStore;

/**
 * Incremental pull, through NDXP, of the dossiers a system behind the gateway processes for this
 * province (a ministry system or the coordination system): pages of items updated since the
 * watermark (minus an overlap), per agency code of the province, mapped with
 * {@code mappings/ministry/item-to-canonical} (after {@code ministry-xml/list-to-items.xsl} for an XML
 * system) and stored through the intake as that source's versions. Progress and results then flow
 * to the province write-back like any other delivery.
 */
public class NdxpPull implements PullSource {
    private static final Logger log = LoggerFactory.getLogger(NdxpPull.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter D14 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String id;
    private final HubProperties.Ministry system;
    private final NdxpClient ndxp;
    private final MappingEngine mappings;
    private final IntakeService intake;
    private final SyncStore store;
    private final HubProperties props;
    private final Clock clock;

    public NdxpPull(String id, HubProperties.Ministry system, NdxpClient ndxp, MappingEngine mappings, IntakeService intake,
                    SyncStore store, HubProperties props, Clock clock) {
        this.id = id;
        this.system = system;
        this.ndxp = ndxp;
        this.mappings = mappings;
        this.intake = intake;
        this.store = store;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public String id() {
        return id;
    }

    /**
     * A record's {@code NgayCapNhat}, or null when it is not a valid yyyyMMddHHmmss time: such a record
     * does not move the watermark, and intake quarantines it with the field named (it must not stop the pull).
     */
    static LocalDateTime time14(String value) {
        if (value == null || value.length() != 14) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, D14);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public synchronized int pullOnce() {
        // the watermark never passes the pull's own start (the systems behind NDXP speak Vietnamese local time)
        LocalDateTime started = LocalDateTime.ofInstant(clock.instant(), VN);
        LocalDateTime mark = LocalDateTime.parse(store.watermark(id).orElse(system.getPullStart().substring(0, 19)));
        LocalDateTime newest = mark;
        String from = mark.minus(system.getPullOverlap()).format(D14);
        int seen = 0;
        int stored = 0;
        for (String agency : props.getAgencyCodes()) {
            for (int page = 0; ; page++) {
                String query = "updatedFrom=" + from + "&madonvi=" + URLEncoder.encode(agency, StandardCharsets.UTF_8)
                        + "&page=" + page + "&size=" + system.getPullPageSize();
                PartnerHttp.Response r = ndxp.call("GET", system.getContext(), system.getVersion(), "dossiers", query, null, null, Map.of());
                if (!r.ok()) {
                    throw new IllegalStateException(id + " look-up failed: " + r.describe());
                }
                JsonNode items;
                long total;
                if (system.xml()) {
                    JsonNode list = mappings.fromXml("ministry-xml/list-to-items", r.body(), Map.of());
                    items = list.path("items");
                    total = list.path("total").asLong(0);
                } else {
                    JsonNode body = read(r.body());
                    if (body.path("status").asInt(0) != 1) {
                        throw new IllegalStateException(id + " look-up refused: " + body.path("errorCode").asText() + " "
                                + body.path("message").asText());
                    }
                    items = body.path("data");
                    total = body.path("total").asLong(0);
                }
                List<IntakeService.Inbound> records = new ArrayList<>();
                for (JsonNode item : items) {
                    ObjectNode in = JSON.createObjectNode().put("source", id);
                    in.set("item", item);
                    records.add(new IntakeService.Inbound(in, item.toString(), "application/json"));
                }
                if (!records.isEmpty()) {
                    List<IntakeResult> results = intake.acceptAll(id, "pull", records, "ministry/item-to-canonical");
                    for (int i = 0; i < results.size(); i++) {
                        IntakeResult x = results.get(i);
                        stored += x.outcome() == IntakeResult.Outcome.STORED ? 1 : 0;
                        // only a record the hub now holds moves the watermark (a refused future-dated one must not)
                        LocalDateTime t = x.accepted() ? time14(records.get(i).tree().path("item").path("NgayCapNhat").asText("")) : null;
                        if (t != null && t.isAfter(newest)) {
                            newest = t;
                        }
                    }
                }
                seen += records.size();
                if (records.isEmpty() || (long) (page + 1) * system.getPullPageSize() >= total) {
                    break;
                }
            }
        }
        if (newest.isAfter(started)) {
            newest = started;
        }
        if (newest.isAfter(mark)) {
            store.saveWatermark(id, newest.toString(), clock.instant());
        }
        if (stored > 0) {
            log.info("Pulled {} records from {}, {} new versions; watermark {}", seen, id, stored, newest.atZone(VN).toOffsetDateTime());
        }
        return seen;
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable look-up answer");
        }
    }
}
