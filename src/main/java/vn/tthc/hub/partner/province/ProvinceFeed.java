package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.tthc.hub.sync.PullFeed;

/**
 * The province system as a pull feed: pages of its dossier search by {@code updatedFrom}
 * (ISO-8601 with the Vietnam offset), and a record's change time from {@code updatedDate}.
 */
@Component
public class ProvinceFeed implements PullFeed {
    public static final String SOURCE = "province";
    private static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    private final ProvinceClient client;
    private final ProvinceProperties props;

    public ProvinceFeed(ProvinceClient client, ProvinceProperties props) {
        this.client = client;
        this.props = props;
    }

    @Override
    public String id() {
        return SOURCE;
    }

    @Override
    public Instant start() {
        return props.pullStartInstant();
    }

    @Override
    public Duration overlap() {
        return props.getPullOverlap();
    }

    @Override
    public String mapping() {
        return SOURCE + "/dossier-to-canonical";
    }

    @Override
    public Page page(Instant since, String partition, int page) {
        int size = props.getPullPageSize();
        JsonNode body = client.page(since.atZone(VN).toOffsetDateTime().toString(), page, size);
        List<JsonNode> records = new ArrayList<>();
        body.path("content").forEach(records::add);
        return new Page(records, page + 1 >= body.path("totalPages").asInt(0),
                body.hasNonNull("totalElements") ? body.path("totalElements").asLong() : null);
    }

    @Override
    public String codeOf(JsonNode record) {
        return record.path("nationCode").asText("");
    }

    @Override
    public Instant submittedAt(JsonNode record) {
        return time(record.path("appliedDate").asText(null));
    }

    @Override
    public Instant changedAt(JsonNode record) {
        return time(record.path("updatedDate").asText(null));
    }

    private static Instant time(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
