package vn.tthc.hub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What a partner supplies to an incremental pull: a page of its records changed since a time, and
 * the change time of one record. The pull loop ({@link WatermarkedPull}) owns everything else —
 * watermark, overlap, paging, intake and saving — so every source is pulled by the same rules.
 */
public interface PullFeed {
    /** The source id, as in configuration and routes (e.g. {@code province}, {@code ministry-G06}). */
    String id();

    /** Where the first pull starts, before any watermark is stored. */
    Instant start();

    /** How far before the watermark each pull reads again (records committed late at the source). */
    Duration overlap();

    /** The mapping that turns one record into the canonical dossier (e.g. {@code province/dossier-to-canonical}). */
    String mapping();

    /** The partitions the source is read by (e.g. one per agency code of the province); one when there are none. */
    default List<String> partitions() {
        return List.of("");
    }

    /**
     * One page of records changed at or after {@code since}, numbered from 0.
     *
     * @throws RuntimeException when the source cannot be read: the pull stops, its watermark unchanged
     */
    Page page(Instant since, String partition, int page);

    /** The change time a record carries, or null when it has none readable (such a record does not move the watermark). */
    Instant changedAt(JsonNode record);

    /** The record's dossier code (the key that orders records of the same change time); empty when it has none. */
    String codeOf(JsonNode record);

    /** When the dossier was submitted, or null when the record does not say (a back-fill selects by it). */
    Instant submittedAt(JsonNode record);

    /** The record as the intake's mapping expects it (e.g. wrapped with its source); the record itself by default. */
    default JsonNode inbound(JsonNode record) {
        return record;
    }

    /** One page: its records, whether it is the last one, and how many records the whole query holds (null if unknown). */
    record Page(List<JsonNode> records, boolean last, Long total) {
        public Page(List<JsonNode> records, boolean last) {
            this(records, last, null);
        }
    }
}
