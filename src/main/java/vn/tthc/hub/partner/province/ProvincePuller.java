package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import vn.tthc.hub.config.HubProperties;
import vn.tthc.hub.sync.IntakeResult;
import vn.tthc.hub.sync.IntakeService;
import vn.tthc.hub.sync.PullSource;
import vn.tthc.hub.sync.SyncStore;

/**
 * Incremental pull from the province system: reads pages of dossiers updated since the watermark
 * (minus an overlap, for records committed late at the source), stores each page in one
 * transaction through the intake, then advances the watermark to the newest update time of a record
 * it accepted, never past the pull's own start.
 * Re-read records are recognised as unchanged and cost no delivery.
 */
@Component
public class ProvincePuller implements PullSource {
    private static final Logger log = LoggerFactory.getLogger(ProvincePuller.class);
    public static final String SOURCE = "province";

    private final ProvinceClient client;
    private final IntakeService intake;
    private final SyncStore store;
    private final HubProperties props;
    private final Clock clock;

    public ProvincePuller(ProvinceClient client, IntakeService intake, SyncStore store, HubProperties props, Clock clock) {
        this.client = client;
        this.intake = intake;
        this.store = store;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public String id() {
        return SOURCE;
    }

    @Override
    public synchronized int pullOnce() {
        HubProperties.Partner p = props.partner(SOURCE);
        // the watermark never passes the pull's own start: a record dated later than that cannot have been seen whole
        OffsetDateTime mark = OffsetDateTime.parse(store.watermark(SOURCE).orElse(p.getPullStart()));
        OffsetDateTime started = clock.instant().atOffset(mark.getOffset());
        OffsetDateTime newest = mark;
        String from = mark.minus(p.getPullOverlap()).toString();
        int seen = 0;
        int stored = 0;
        for (int page = 0; ; page++) {
            JsonNode body = client.page(from, page, p.getPullPageSize());
            List<IntakeService.Inbound> records = new ArrayList<>();
            for (JsonNode n : body.path("content")) {
                records.add(new IntakeService.Inbound(n, n.toString(), "application/json"));
            }
            if (!records.isEmpty()) {
                List<IntakeResult> results = intake.acceptAll(SOURCE, "pull", records);
                for (int i = 0; i < results.size(); i++) {
                    IntakeResult r = results.get(i);
                    stored += r.outcome() == IntakeResult.Outcome.STORED ? 1 : 0;
                    // only a record the hub now holds moves the watermark: a refused one (e.g. dated in the future) must
                    // not make later pulls skip real changes
                    OffsetDateTime updated = r.accepted() ? parse(records.get(i).tree().path("updatedDate").asText(null)) : null;
                    if (updated != null && updated.isAfter(newest)) {
                        newest = updated;
                    }
                }
            }
            seen += records.size();
            if (page + 1 >= body.path("totalPages").asInt(0) || records.isEmpty()) {
                break;
            }
        }
        if (newest.isAfter(started)) {
            newest = started;
        }
        if (newest.isAfter(mark)) {
            store.saveWatermark(SOURCE, newest.toString(), clock.instant());
        }
        if (stored > 0) {
            log.info("Pulled {} province records, {} new versions; watermark {}", seen, stored, newest);
        }
        return seen;
    }

    private static OffsetDateTime parse(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
