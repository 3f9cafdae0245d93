package vn.tthc.hub.sim.emc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.tthc.hub.sim.common.SimControl;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimFaults.FaultDecision;
import vn.tthc.hub.sim.common.SimHashes;
import vn.tthc.hub.sim.common.SimJson;
import vn.tthc.hub.sim.common.SimKnobs;
import vn.tthc.hub.sim.common.SimLedger;

/**
 * The EMC measuring system's {@code TrackingMCDT} endpoint, simulated: strict validation, one
 * tracking event per call kept per dossier, the ledger and the fault knobs. Transport-free (bytes
 * in, {@link Reply} out), so the controller stays thin.
 */
public final class EmcSimulator implements SimControl {

    private static final Logger log = LoggerFactory.getLogger(EmcSimulator.class);

    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_RECORDED_BODY_CHARS = 256 * 1024;
    private static final String JSON = "application/json;charset=UTF-8";

    /** One HTTP answer: status, content type and body text. */
    public record Reply(int status, String contentType, String body) {
    }

    private final int maxBodyBytes;
    private final SimFaults faults = new SimFaults();
    private final SimLedger ledger = new SimLedger();
    private final EmcState state = new EmcState(ledger);
    private final EmcValidator validator;

    /**
     * @param siteId       the SiteId the hub must send ({@code hub.partners.emc.site-id})
     * @param maxBodyBytes largest body accepted ({@code hub.sim.emc.max-body-bytes})
     */
    public EmcSimulator(int siteId, int maxBodyBytes) {
        this.validator = new EmcValidator(siteId);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code POST /TrackingMCDT}. */
    public Reply track(String contentType, byte[] body) {
        String raw = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        ledger.recordRequest(raw.length() <= MAX_RECORDED_BODY_CHARS ? raw
                : "<body of " + raw.length() + " chars, sha256 " + SimHashes.sha256Hex(raw) + ">");
        faults.sleepLatency();
        FaultDecision decision = faults.decide();
        if (decision == FaultDecision.ERROR) {
            return failure(503, "Hệ thống đang bận, vui lòng thử lại sau");
        }
        if (decision == FaultDecision.REJECT) {
            ledger.addRejected(1);
            return failure(400, "Dữ liệu không được chấp nhận (lỗi nghiệp vụ giả lập)");
        }
        if (decision == FaultDecision.HANG) {
            faults.sleepHang();
            return failure(504, "Hết thời gian chờ xử lý");
        }
        Reply reply;
        String appliedKey = null;
        String appliedHash = null;
        ledger.addReceived(1);
        try {
            JsonNode event = parse(contentType, body);
            validator.validate(event);
            appliedHash = state.apply(event);
            appliedKey = event.get("CodeProfile").asText();
            ObjectNode ok = JsonNodeFactory.instance.objectNode();
            ok.put("success", true);
            reply = new Reply(200, JSON, SimJson.write(ok));
        } catch (EmcError e) {
            ledger.addRejected(1);
            log.debug("emc sim: TrackingMCDT refused: {}", e.getMessage());
            reply = failure(e.httpStatus(), e.getMessage());
        }
        if (decision == FaultDecision.DROP_AFTER_APPLY) {
            if (appliedKey != null) {
                ledger.markResponseLost(appliedKey, appliedHash);
            }
            faults.sleepHang();
        }
        return reply;
    }

    @Override
    public SimLedger ledger() {
        return ledger;
    }

    @Override
    public SimKnobs knobSet() {
        return faults;
    }

    /** Clears the events, the ledger and the knobs. */
    @Override
    public void reset() {
        state.clear();
        ledger.reset();
        faults.reset();
    }

    /** The events applied for one dossier, oldest first, or null. */
    public ArrayNode events(String code) {
        return state.events(code);
    }


    private JsonNode parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new EmcError(415, "Content-Type: phải là application/json");
        }
        if (body != null && body.length > maxBodyBytes) {
            throw new EmcError(413, "Body: vượt quá kích thước cho phép (" + maxBodyBytes + " byte)");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body == null ? new byte[0] : body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw EmcError.invalid("Body", "không phải UTF-8 hợp lệ");
        }
        JsonNode node;
        try {
            node = SimJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw EmcError.invalid("Body", "không phải JSON hợp lệ");
        }
        if (!node.isObject()) {
            throw EmcError.invalid("Body", "phải là một đối tượng JSON");
        }
        return node;
    }

    private static Reply failure(int status, String message) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("success", false);
        out.put("message", message);
        return new Reply(status, JSON, SimJson.write(out));
    }
}
