package vn.tthc.hub.console;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * The stored canonical body of one version ({@code masked} unless shown in full to an operator or admin), and what was
 * sent from it to each partner. The hub keeps only the hash of a partner payload (the partner format is mapped from
 * this body at each attempt), so {@code sentAs} gives each delivery's payload hash and {@code note} says so. A version whose
 * body the retention pruner removed has {@code prunedAt} (and {@code archive}, the file it was archived to, if any) and no body.
 */
public record DossierPayload(String code, String source, long version, String contentHash, boolean masked, JsonNode body,
                             List<SentAs> sentAs, String note, Instant prunedAt, String archive) {
    /** Whether the body was pruned by the retention pruner ({@code body} is then null; hash, deliveries and attempts stay). */
    public boolean pruned() {
        return prunedAt != null;
    }

    public static final String NOTE = "The hub stores the canonical body of each version and only the SHA-256 hash of the payload "
            + "sent to each partner (mapped from this body at the attempt): the body shown is the canonical one, the hash is as sent.";

    /** One delivery of this version: its partner, state and the hash of the payload last sent. */
    public record SentAs(long deliveryId, String target, String state, String payloadHash, Instant deliveredAt) {
    }
}
