package vn.tthc.hub.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.dossier.DossierValidator;
import vn.tthc.hub.dossier.FieldError;
import vn.tthc.hub.dossier.Pii;
import vn.tthc.hub.dossier.TextRules;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.mapping.MappingException;

/**
 * The front door for source records (webhook pushes and pulled pages): checks the raw body,
 * maps it to the canonical dossier, validates it, and stores each new version with one outbox
 * delivery per interested target in ONE transaction. Refused input is quarantined with its
 * reasons, never dropped. Nothing is acknowledged before it is committed.
 */
@Service
public class IntakeService {
    private static final Logger log = LoggerFactory.getLogger(IntakeService.class);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();
    private static final int QUARANTINE_PAYLOAD_MAX = 256 * 1024;
    private static final int STRIPES = 64;

    private final VersionStore versions;
    private final DeliveryStore deliveries;
    private final QuarantineStore quarantines;
    private final MappingEngine mappings;
    private final DossierValidator validator;
    private final TargetRegistry targets;
    private final TransactionTemplate tx;
    private final SyncProperties props;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    public IntakeService(VersionStore versions, DeliveryStore deliveries, QuarantineStore quarantines, MappingEngine mappings,
                         DossierValidator validator, TargetRegistry targets, TransactionTemplate tx, SyncProperties props, Clock clock) {
        this.versions = versions;
        this.deliveries = deliveries;
        this.quarantines = quarantines;
        this.mappings = mappings;
        this.validator = validator;
        this.targets = targets;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * An authenticated body over the size limit, of which only a prefix was held: kept in quarantine as
     * evidence (bounded) and refused with 413.
     */
    public IntakeResult acceptOversize(String source, String channel, byte[] prefix, long size, String contentType) {
        return quarantineNow(source, channel, prefix, size, contentType, 413, null, List.of(new FieldError("body", "size",
                "body is " + size + " bytes, at most " + props.getMaxBodyBytes() + " are accepted")), clock.instant(), newRecord());
    }

    /** One raw inbound body (a webhook push). */
    public IntakeResult acceptRaw(String source, String channel, byte[] body, String contentType) {
        return acceptRaw(source, channel, body, contentType, newRecord());
    }

    /**
     * A quarantined raw body (a webhook push) run again through the same checks after its cause was fixed: accepted
     * like a new push, or — refused again — the refusal is written on quarantine record {@code quarantineId} itself
     * (no second record for the same input). Marking the record re-submitted is the caller's (see
     * {@link QuarantineResubmitter}).
     */
    public IntakeResult resubmitRaw(long quarantineId, String source, String channel, byte[] body, String contentType) {
        return acceptRaw(source, channel, body, contentType, again(quarantineId));
    }

    /** A quarantined parsed record (a pulled page's, a back-fill's, a reconciliation's) run again, like {@link #resubmitRaw}. */
    public IntakeResult resubmit(long quarantineId, String source, String channel, Inbound record, String mappingName) {
        return acceptAll(source, channel, List.of(record), mappingName, again(quarantineId)).get(0);
    }

    private IntakeResult acceptRaw(String source, String channel, byte[] body, String contentType, Sink sink) {
        Instant now = clock.instant();
        if (body.length > props.getMaxBodyBytes()) {
            return quarantineNow(source, channel, body, contentType, 413, null, List.of(new FieldError("body", "size",
                    "body is " + body.length + " bytes, at most " + props.getMaxBodyBytes() + " are accepted")), now, sink);
        }
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            return quarantineNow(source, channel, body, contentType, 415, null, List.of(new FieldError("Content-Type", "media-type",
                    "content type must be application/json, got " + (contentType == null ? "none" : "'" + contentType + "'"))), now, sink);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return quarantineNow(source, channel, body, contentType, 400, null,
                    List.of(new FieldError("body", "encoding", "body is not valid UTF-8")), now, sink);
        }
        StrictJson.Parsed parsed = StrictJson.read(text);
        if (!parsed.ok()) {
            return quarantineNow(source, channel, body, contentType, 400, null, parsed.errors(), now, sink);
        }
        JsonNode tree = parsed.tree();
        if (tree == null || !tree.isObject()) {
            return quarantineNow(source, channel, body, contentType, 400, null,
                    List.of(new FieldError("body", "json", "body must be one JSON object (a dossier)")), now, sink);
        }
        return acceptAll(source, channel, List.of(new Inbound(tree, text, contentType)), source + "/dossier-to-canonical", sink).get(0);
    }

    /** Several parsed records (a pulled page): all stored in one transaction. */
    public List<IntakeResult> acceptAll(String source, String channel, List<Inbound> records) {
        return acceptAll(source, channel, records, source + "/dossier-to-canonical");
    }

    /** Several parsed records mapped with the named mapping (e.g. one shared by all ministry systems). */
    public List<IntakeResult> acceptAll(String source, String channel, List<Inbound> records, String mappingName) {
        return acceptAll(source, channel, records, mappingName, newRecord());
    }

    private List<IntakeResult> acceptAll(String source, String channel, List<Inbound> records, String mappingName, Sink sink) {
        Instant now = clock.instant();
        List<Candidate> candidates = new ArrayList<>(records.size());
        for (Inbound r : records) {
            candidates.add(prepare(mappingName, r));
        }
        List<IntakeResult> results;
        int[] stripes = candidates.stream().filter(c -> c.dossier != null).mapToInt(c -> stripe(c.dossier.code())).distinct().sorted().toArray();
        for (int s : stripes) {
            locks[s].lock();
        }
        try {
            try {
                results = tx.execute(status -> store(source, channel, candidates, now, sink));
            } catch (DuplicateKeyException e) {
                // another hub instance stored the same version meanwhile: re-read and decide again
                results = tx.execute(status -> store(source, channel, candidates, now, sink));
            }
        } finally {
            for (int i = stripes.length - 1; i >= 0; i--) {
                locks[stripes[i]].unlock();
            }
        }
        for (IntakeResult r : results) {
            if (!r.accepted() && !r.repeat()) {
                log.warn("Refused {} record from {} (dossier {}, quarantine #{}): {}", channel, source,
                        r.dossierCode(), r.quarantineId(), r.errors());
            }
        }
        return results;
    }

    /**
     * What the hub would store for one source record, without storing anything: its code, version, status and content
     * hash (the same mapping, validation and hash as intake), or empty when intake would refuse it.
     */
    public Optional<Digest> digest(String mappingName, JsonNode record) {
        Candidate c = prepare(mappingName, new Inbound(record, "", "application/json"));
        if (c.dossier == null) {
            return Optional.empty();
        }
        Dossier d = c.dossier;
        return Optional.of(new Digest(d.code(), d.version(), d.status(), c.hash, d.procedureCode(), d.agencyCode()));
    }

    /** A source record's digest as intake sees it. */
    public record Digest(String code, long version, int status, String contentHash, String procedureCode, String agencyCode) {
    }

    private Candidate prepare(String mappingName, Inbound r) {
        JsonNode canonical;
        try {
            // unvetted: the validator below checks every string of the result and names the canonical field
            canonical = mappings.mapForValidation(mappingName, r.tree());
        } catch (MappingException e) {
            String field = e.field() == null || e.field().isEmpty() ? "mapping" : e.field();
            List<FieldError> errors = new ArrayList<>(List.of(new FieldError(field, "mapping", e.getMessage())));
            errors.addAll(TextRules.safetyTree(r.tree()));
            return Candidate.invalid(r, codeHint(r.tree()), 422, errors);
        }
        CanonicalJson.Partial bound = CanonicalJson.bindPartial(canonical);
        if (bound.dossier() == null) {
            return Candidate.invalid(r, codeHint(r.tree()), 422, bound.typeErrors());
        }
        Dossier d = bound.dossier();
        List<FieldError> errors = new ArrayList<>(bound.typeErrors());
        for (FieldError e : validator.validate(d)) {
            // a field left out for its type would also read as missing: its type error says it already
            if (bound.typeErrors().stream().noneMatch(t -> e.field().equals(t.field()) || e.field().startsWith(t.field() + ".")
                    || e.field().startsWith(t.field() + "["))) {
                errors.add(e);
            }
        }
        errors.addAll(unmappedMarkup(r.tree(), canonical));
        if (!errors.isEmpty()) {
            return Candidate.invalid(r, safeCode(d.code(), r.tree()), 422, errors);
        }
        return new Candidate(r, d, CanonicalJson.contentHash(d), d.code(), 0, List.of());
    }

    /**
     * Markup in parts of the source record that the mapping does not carry (e.g. the province's eForm data):
     * refused too, named by the source's own field path, unless the same text was already named in the
     * canonical model.
     */
    private static List<FieldError> unmappedMarkup(JsonNode record, JsonNode canonical) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        TextRules.strings(canonical, "", (path, value) -> {
            if (TextRules.unsafe(value)) {
                seen.add(value);
            }
        });
        List<FieldError> out = new ArrayList<>();
        TextRules.strings(record, "", (path, value) -> {
            if (TextRules.unsafe(value) && seen.add(value)) {
                out.addAll(TextRules.safety(path, value));
            }
        });
        return out;
    }

    private List<IntakeResult> store(String source, String channel, List<Candidate> candidates, Instant now, Sink sink) {
        List<IntakeResult> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (c.dossier == null) {
                out.add(quarantine(source, channel, c, now, sink));
                continue;
            }
            Dossier d = c.dossier;
            Optional<VersionStore.DossierHead> head = versions.lockDossier(source, d.code());
            int steps = d.progress() == null ? 0 : d.progress().size();
            VersionDecision.Decision decision = VersionDecision.decide(head.orElse(null), d.version(), c.hash);
            if (decision == VersionDecision.Decision.STALE || decision == VersionDecision.Decision.UNCHANGED) {
                out.add(IntakeResult.ok(decision.outcome(), d.code(), d.version()));
                continue;
            }
            if (decision == VersionDecision.Decision.CONFLICT) {
                out.add(quarantine(source, channel, c.reject(decision.httpStatus(), List.of(new FieldError("version", "conflict",
                        "version " + d.version() + " was already received with different content"))), now, sink));
                continue;
            }
            int stepsFrom = VersionDecision.stepsFrom(head.orElse(null), steps);
            List<FieldError> transition = validator.validateTransition(head.map(VersionStore.DossierHead::status).orElse(null), d, stepsFrom);
            if (!transition.isEmpty()) {
                out.add(quarantine(source, channel, c.reject(422, transition), now, sink));
                continue;
            }
            // routed before anything is written: a version that cannot be routed is quarantined, not stored without
            // deliveries (it would then look "unchanged" when sent again after the routing table is fixed)
            List<String> wanted;
            try {
                wanted = targets.targetsFor(source, d, stepsFrom);
            } catch (TargetRegistry.RoutingException e) {
                out.add(quarantine(source, channel, c.reject(422, List.of(new FieldError("procedureCode", "routing", e.getMessage()))), now, sink));
                continue;
            }
            VersionStore.NewVersion v = new VersionStore.NewVersion(d.code(), source, d.version(), c.hash, d.status(),
                    d.procedureCode(), d.agencyCode(), steps, stepsFrom, CanonicalJson.toJson(d), channel);
            if (head.isPresent()) {
                versions.updateDossier(v, now);
            } else {
                versions.insertDossier(v, now);
            }
            versions.insertVersion(v, now);
            if (!wanted.isEmpty()) {
                deliveries.insertDeliveries(source, d.code(), d.version(), wanted, now);
            }
            out.add(IntakeResult.ok(IntakeResult.Outcome.STORED, d.code(), d.version()));
        }
        return out;
    }

    private IntakeResult quarantine(String source, String channel, Candidate c, Instant now, Sink sink) {
        byte[] bytes = c.inbound.text().getBytes(StandardCharsets.UTF_8);
        QuarantineStore.Quarantined q = sink.put(record(source, channel, bytes, bytes.length, c.inbound.contentType(), c.httpStatus,
                c.code, c.errors, now));
        return IntakeResult.rejected(c.httpStatus, c.code, c.dossier == null ? null : c.dossier.version(), q, c.errors);
    }

    private IntakeResult quarantineNow(String source, String channel, byte[] body, String contentType, int status, String code,
                                       List<FieldError> errors, Instant now, Sink sink) {
        return quarantineNow(source, channel, body, body.length, contentType, status, code, errors, now, sink);
    }

    private IntakeResult quarantineNow(String source, String channel, byte[] body, long size, String contentType, int status,
                                       String code, List<FieldError> errors, Instant now, Sink sink) {
        QuarantineStore.Quarantined q = tx.execute(s -> sink.put(record(source, channel, body, size, contentType, status, code,
                errors, now)));
        if (!q.repeat()) {
            log.warn("Refused {} body from {} ({} bytes, quarantine #{}): {}", channel, source, size, q.id(), errors);
        }
        return IntakeResult.rejected(status, code, null, q, errors);
    }

    private QuarantineStore.QuarantineRecord record(String source, String channel, byte[] body, long size, String contentType, int status,
                                              String code, List<FieldError> errors, Instant now) {
        String payload;
        byte[] kept = body.length > QUARANTINE_PAYLOAD_MAX ? java.util.Arrays.copyOf(body, QUARANTINE_PAYLOAD_MAX) : body;
        try {
            payload = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(kept)).toString();
        } catch (CharacterCodingException e) {
            payload = "base64:" + Base64.getEncoder().encodeToString(kept);
        }
        // errors may quote input values: masked like logs, since the quarantine list shows them (the payload is kept whole)
        String reason = Pii.maskText(errors.stream().map(FieldError::toString).reduce((a, b) -> a + "; " + b).orElse(""));
        return new QuarantineStore.QuarantineRecord(now, source, channel, code, status, reason, Pii.maskText(CanonicalJson.toJson(errors)),
                payload, payloadHash(body), (int) Math.min(size, Integer.MAX_VALUE), contentType);
    }

    /** Hash of normalised JSON when the body is JSON (a pushed and a pulled copy of one record match), else of the bytes. */
    private static String payloadHash(byte[] body) {
        try {
            JsonNode tree = JSON.readTree(body);
            if (tree != null && tree.isContainerNode()) {
                return CanonicalJson.sha256(tree.toString());
            }
        } catch (java.io.IOException e) {
            // not JSON: the bytes themselves
        }
        return CanonicalJson.sha256(body);
    }

    /** The dossier code a refused record names, for finding it in quarantine: never markup, never a whole CCCD. */
    private static String codeHint(JsonNode tree) {
        JsonNode item = tree.has("item") ? tree.get("item") : tree;
        for (String f : new String[] {"nationCode", "code", "MaHoSo"}) {
            JsonNode n = item.get(f);
            if (n != null && n.isTextual() && n.asText().length() <= 64 && !TextRules.unsafe(n.asText())) {
                return Pii.maskText(n.asText());
            }
        }
        return null;
    }

    private static String safeCode(String code, JsonNode tree) {
        return code != null && code.length() <= 64 && !TextRules.unsafe(code) ? Pii.maskText(code) : codeHint(tree);
    }

    private static int stripe(String code) {
        return Math.floorMod(code.hashCode(), STRIPES);
    }

    /** Where a refusal is written: a new quarantine record (or a repeat counted on one), or — a re-submit — its own record. */
    private interface Sink {
        QuarantineStore.Quarantined put(QuarantineStore.QuarantineRecord record);
    }

    private Sink newRecord() {
        return quarantines::quarantine;
    }

    private Sink again(long quarantineId) {
        return r -> quarantines.refusedAgain(quarantineId, r);
    }

    /** One parsed inbound record with its original text (kept if it must be quarantined). */
    public record Inbound(JsonNode tree, String text, String contentType) {
    }

    private record Candidate(Inbound inbound, Dossier dossier, String hash, String code, int httpStatus, List<FieldError> errors) {
        static Candidate invalid(Inbound r, String code, int status, List<FieldError> errors) {
            return new Candidate(r, null, null, code, status, errors);
        }

        Candidate reject(int status, List<FieldError> errors) {
            return new Candidate(inbound, dossier, hash, dossier.code(), status, errors);
        }
    }
}
