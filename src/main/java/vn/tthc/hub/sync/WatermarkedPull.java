package vn.tthc.hub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one incremental pull loop: reads a feed's pages changed since the watermark minus the
 * overlap, partition by partition, stores each page through the intake in one transaction, and
 * advances the watermark to the newest change time of a record the hub accepted — never over a
 * refused record (one dated in the future must not make later pulls skip real changes) and never
 * past the pull's own start. Re-read records are recognised as unchanged and cost no delivery.
 */
public final class WatermarkedPull implements PullSource {
    private static final Logger log = LoggerFactory.getLogger(WatermarkedPull.class);
    /** Watermarks are written in Vietnam time with its offset, so that the team reads them as they are. */
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    private final PullFeed feed;
    private final IntakeService intake;
    private final WatermarkStore store;
    private final Clock clock;

    public WatermarkedPull(PullFeed feed, IntakeService intake, WatermarkStore store, Clock clock) {
        this.feed = feed;
        this.intake = intake;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public String id() {
        return feed.id();
    }

    @Override
    public synchronized int pullOnce() {
        Instant started = clock.instant();
        Instant mark = store.watermark(feed.id()).map(WatermarkedPull::parse).orElse(feed.start());
        Instant since = mark.minus(feed.overlap());
        Instant newest = mark;
        int seen = 0;
        int stored = 0;
        for (String partition : feed.partitions()) {
            for (int page = 0; ; page++) {
                PullFeed.Page p = feed.page(since, partition, page);
                List<IntakeService.Inbound> records = new ArrayList<>(p.records().size());
                for (JsonNode record : p.records()) {
                    records.add(new IntakeService.Inbound(feed.inbound(record), record.toString(), "application/json"));
                }
                if (!records.isEmpty()) {
                    List<IntakeResult> results = intake.acceptAll(feed.id(), "pull", records, feed.mapping());
                    for (int i = 0; i < results.size(); i++) {
                        IntakeResult r = results.get(i);
                        stored += r.outcome() == IntakeResult.Outcome.STORED ? 1 : 0;
                        Instant changed = r.accepted() ? feed.changedAt(p.records().get(i)) : null;
                        if (changed != null && changed.isAfter(newest)) {
                            newest = changed;
                        }
                    }
                }
                seen += records.size();
                if (p.last() || records.isEmpty()) {
                    break;
                }
            }
        }
        if (newest.isAfter(started)) {
            newest = started;
        }
        if (newest.isAfter(mark)) {
            store.saveWatermark(feed.id(), format(newest), clock.instant());
        }
        if (stored > 0) {
            log.info("Pulled {} records from {}, {} new versions; watermark {}", seen, feed.id(), stored, format(newest));
        }
        return seen;
    }

    /** A stored watermark: ISO-8601 with an offset, or (as written before) a local time in Vietnam. */
    static Instant parse(String position) {
        try {
            return OffsetDateTime.parse(position).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(position).atZone(VN).toInstant();
        }
    }

    static String format(Instant t) {
        return t.atZone(VN).toOffsetDateTime().toString();
    }
}
