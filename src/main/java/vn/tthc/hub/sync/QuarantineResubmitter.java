package vn.tthc.hub.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import vn.tthc.hub.dossier.FieldError;

/**
 * Runs a quarantined input again through the intake path it came in by, once its cause is fixed (a routing row, a
 * code-table entry, a source clock that was ahead…):
 * <ul>
 *   <li>{@code webhook}: the body as pushed, with its content type ({@link IntakeService#resubmitRaw});</li>
 *   <li>{@code pull} and {@code backfill}: the source record as its feed read it, handed over as the feed makes it
 *       ({@link PullFeed#inbound}) and mapped with the feed's mapping;</li>
 *   <li>{@code reconcile}: the record as the reconciliation's listing gave it (already in the feed's inbound form).</li>
 * </ul>
 * Accepted (stored, or already there unchanged or older — the version store decides by content hash, so nothing is
 * stored twice), the record is closed as RESUBMITTED with what intake made of it. Refused again, the same record takes
 * the new errors and stays OPEN. Only the prefix of an oversize body was kept: such a record cannot be re-submitted.
 */
@Service
public class QuarantineResubmitter {
    private static final Logger log = LoggerFactory.getLogger(QuarantineResubmitter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final QuarantineStore store;
    private final IntakeService intake;
    private final PullRegistry pulls;
    private final Clock clock;

    public QuarantineResubmitter(QuarantineStore store, IntakeService intake, PullRegistry pulls, Clock clock) {
        this.store = store;
        this.intake = intake;
        this.pulls = pulls;
        this.clock = clock;
    }

    /**
     * Re-submits record {@code id} as {@code user}.
     *
     * @throws NotFound    when there is no such record
     * @throws NotPossible when it is not open, was kept only in part, or its intake path no longer exists
     */
    public Outcome resubmit(long id, String user) {
        QuarantineStore.Held held = store.held(id).orElseThrow(() -> new NotFound("no quarantine record #" + id));
        if (held.state() != QuarantineStore.State.OPEN) {
            throw new NotPossible("quarantine record #" + id + " is " + held.state() + " already");
        }
        byte[] body = bytes(held);
        if (body.length < held.payloadSize()) {
            throw new NotPossible("quarantine record #" + id + " kept only the first " + body.length + " of the " + held.payloadSize()
                    + " bytes of its input (oversize): it cannot be re-submitted; ask the source to send it again");
        }
        IntakeResult r = switch (held.channel()) {
            case "webhook" -> intake.resubmitRaw(id, held.source(), held.channel(), body, held.contentType());
            case "pull", "backfill" -> {
                PullFeed feed = feed(held);
                yield intake.resubmit(id, held.source(), held.channel(),
                        new IntakeService.Inbound(feed.inbound(tree(held, body)), held.payload(), "application/json"), feed.mapping());
            }
            case "reconcile" -> intake.resubmit(id, held.source(), held.channel(),
                    new IntakeService.Inbound(tree(held, body), held.payload(), "application/json"), feed(held).mapping());
            default -> throw new NotPossible("quarantine record #" + id + " came in by '" + held.channel()
                    + "', which has no intake path to re-submit to");
        };
        Instant now = clock.instant();
        store.resubmitAttempted(id, user, now);
        if (!r.accepted()) {
            log.warn("Re-submit of quarantine #{} by {} refused again ({}): {}", id, user, r.httpStatus(), r.errors());
            return new Outcome(id, false, r.outcome().name(), r.httpStatus(), r.dossierCode(), r.version(), r.errors(),
                    QuarantineStore.State.OPEN);
        }
        if (!store.markResubmitted(id, user, now, r.outcome().name(), r.dossierCode(), r.version())) {
            throw new NotPossible("quarantine record #" + id + " was closed by someone else meanwhile (its input is "
                    + r.outcome() + " in the hub)");
        }
        log.info("Re-submit of quarantine #{} by {}: {} dossier {} v{}", id, user, r.outcome(), r.dossierCode(), r.version());
        return new Outcome(id, true, r.outcome().name(), r.httpStatus(), r.dossierCode(), r.version(), List.of(),
                QuarantineStore.State.RESUBMITTED);
    }

    /** Whether a record's input was kept whole (only then can it be re-submitted). */
    public static boolean kept(String payload, int payloadSize) {
        if (payload == null) {
            return false;
        }
        try {
            return decode(payload).length >= payloadSize;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private PullFeed feed(QuarantineStore.Held held) {
        Optional<PullFeed> feed = pulls.feed(held.source());
        return feed.orElseThrow(() -> new NotPossible("quarantine record #" + held.id() + " came from source '" + held.source()
                + "', which is no longer configured as a pulled source"));
    }

    private static byte[] bytes(QuarantineStore.Held held) {
        if (held.payload() == null) {
            throw new NotPossible("quarantine record #" + held.id() + " kept no payload: it cannot be re-submitted");
        }
        try {
            return decode(held.payload());
        } catch (IllegalArgumentException e) {
            throw new NotPossible("quarantine record #" + held.id() + " kept an unreadable payload: it cannot be re-submitted");
        }
    }

    /** The input's bytes: bodies that were not UTF-8 are kept as {@code base64:…}. */
    private static byte[] decode(String payload) {
        return payload.startsWith("base64:") ? Base64.getDecoder().decode(payload.substring(7)) : payload.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(QuarantineStore.Held held, byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw new NotPossible("quarantine record #" + held.id() + " is not one JSON record: it cannot be re-submitted");
            }
            return tree;
        } catch (IOException e) {
            throw new NotPossible("quarantine record #" + held.id() + " is not JSON: it cannot be re-submitted");
        }
    }

    /** What a re-submit did: accepted (and how) or refused again with the new errors, and the record's state now. */
    public record Outcome(long id, boolean accepted, String outcome, int httpStatus, String dossierCode, Long version,
                          List<FieldError> errors, QuarantineStore.State state) {
    }

    public static class NotFound extends RuntimeException {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The re-submit cannot be done (the message says why, for people). */
    public static class NotPossible extends RuntimeException {
        public NotPossible(String message) {
            super(message);
        }
    }
}
