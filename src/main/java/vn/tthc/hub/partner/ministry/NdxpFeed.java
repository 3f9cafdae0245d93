package vn.tthc.hub.partner.ministry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.tthc.hub.sync.SyncProperties;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.partner.ndxp.NdxpClient;
import vn.tthc.hub.sync.PullFeed;

/**
 * A system behind NDXP as a pull feed (a ministry system or the coordination system): pages of the
 * items it processes for one agency code of the province, updated since a time
 * ({@code GET dossiers?updatedFrom=yyyyMMddHHmmss&madonvi=…}, Vietnam time), read as JSON or
 * through {@code ministry-xml/list-to-items.xsl}, and mapped with
 * {@code mappings/ministry/item-to-canonical}; a record's change time is its {@code NgayCapNhat}.
 */
public class NdxpFeed implements PullFeed {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final DateTimeFormatter D14 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String id;
    private final MinistryProperties.NdxpSystem system;
    private final NdxpClient ndxp;
    private final MappingEngine mappings;
    private final SyncProperties props;

    public NdxpFeed(String id, MinistryProperties.NdxpSystem system, NdxpClient ndxp, MappingEngine mappings, SyncProperties props) {
        this.id = id;
        this.system = system;
        this.ndxp = ndxp;
        this.mappings = mappings;
        this.props = props;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public Instant start() {
        return system.pullStartInstant();
    }

    @Override
    public Duration overlap() {
        return system.getPullOverlap();
    }

    @Override
    public String mapping() {
        return "ministry/item-to-canonical";
    }

    @Override
    public List<String> partitions() {
        return props.getAgencyCodes();
    }

    @Override
    public Page page(Instant since, String agency, int page) {
        String query = "updatedFrom=" + since.atZone(VN).format(D14) + "&madonvi=" + URLEncoder.encode(agency, StandardCharsets.UTF_8)
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
        List<JsonNode> records = new ArrayList<>();
        items.forEach(records::add);
        return new Page(records, (long) (page + 1) * system.getPullPageSize() >= total);
    }

    @Override
    public JsonNode inbound(JsonNode item) {
        ObjectNode in = JSON.createObjectNode().put("source", id);
        in.set("item", item);
        return in;
    }

    /**
     * A record's {@code NgayCapNhat}, or null when it is not a valid yyyyMMddHHmmss time: such a record
     * does not move the watermark, and intake quarantines it with the field named (it must not stop the pull).
     */
    @Override
    public Instant changedAt(JsonNode item) {
        LocalDateTime t = time14(item.path("NgayCapNhat").asText(""));
        return t == null ? null : t.atZone(VN).toInstant();
    }

    @Override
    public String codeOf(JsonNode item) {
        return item.path("MaHoSo").asText("");
    }

    @Override
    public Instant submittedAt(JsonNode item) {
        LocalDateTime t = time14(item.path("NgayNopHoSo").asText(""));
        return t == null ? null : t.atZone(VN).toInstant();
    }

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

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable look-up answer");
        }
    }
}
