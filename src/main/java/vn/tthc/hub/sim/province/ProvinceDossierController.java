package vn.tthc.hub.sim.province;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.tthc.hub.sim.common.SimFaults;
import vn.tthc.hub.sim.common.SimLedger;

/** The province's dossier REST API (Bearer): paged incremental search, one dossier, and the progress/result write-back. */
@RestController
public class ProvinceDossierController extends ProvinceControllerSupport {

    public static final int MAX_PAGE_SIZE = 500;
    /** Raw write-back bodies longer than this are kept truncated in the ledger. */
    static final int MAX_RECORDED_CHARS = 64 * 1024;

    public ProvinceDossierController(ProvinceSimulator sim) {
        super(sim);
    }

    @GetMapping("/sim/province/api/v1/dossiers")
    public ResponseEntity<byte[]> search(@RequestParam(required = false) String updatedFrom,
                                         @RequestParam(required = false) String page,
                                         @RequestParam(required = false) String size,
                                         @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        SimFaults.FaultDecision fault = injectFaults();
        requireToken(authorization);
        Instant from = Instant.EPOCH;
        if (updatedFrom != null && !updatedFrom.isBlank()) {
            try {
                from = ProvinceDates.parseOffset(updatedFrom);
            } catch (DateTimeParseException e) {
                throw ProvinceApiException.invalid("updatedFrom",
                        "must be an ISO-8601 date-time with offset, e.g. 2026-11-23T09:15:02+07:00");
            }
        }
        int p = intParam("page", page, 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int s = intParam("size", size, 100, 1, MAX_PAGE_SIZE);
        ProvinceStore.Page result = sim.store().page(from, p, s);
        if (p == 0) {
            sim.ledger().increment("searches");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + result.content().size() * 4096);
        out.writeBytes("{\"content\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < result.content().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.writeBytes(result.content().get(i));
        }
        out.writeBytes(("],\"totalElements\":" + result.totalElements() + ",\"totalPages\":" + result.totalPages()
                + ",\"number\":" + result.number() + ",\"size\":" + result.size() + "}").getBytes(StandardCharsets.US_ASCII));
        dropAfterApply(fault);
        return jsonBytes(out.toByteArray());
    }

    @GetMapping("/sim/province/api/v1/dossiers/{nationCode}")
    public ResponseEntity<byte[]> one(@PathVariable String nationCode,
                                      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        SimFaults.FaultDecision fault = injectFaults();
        requireToken(authorization);
        byte[] json = sim.store().get(nationCode);
        if (json == null) {
            throw ProvinceApiException.notFound("no dossier " + nationCode);
        }
        dropAfterApply(fault);
        return jsonBytes(json);
    }

    /**
     * Progress and results of a dossier processed elsewhere (a ministry system). Counted in the
     * ledger: every request as {@code received}, refused ones (400, 404, 413, 415) as
     * {@code rejected}, each step as applied, applied duplicate or wire duplicate.
     */
    @PostMapping("/sim/province/api/v1/dossiers/{nationCode}/progress")
    public ResponseEntity<Map<String, Object>> progress(@PathVariable String nationCode,
                                                        @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                        @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
                                                        @RequestBody(required = false) byte[] body) {
        SimLedger ledger = sim.ledger();
        ledger.addReceived(1);
        ledger.recordRequest(preview(body));
        SimFaults.FaultDecision fault = injectFaults();
        requireToken(authorization);
        ProvinceStore.WriteBackResult result;
        try {
            if (sim.store().get(nationCode) == null) {
                throw ProvinceApiException.notFound("no dossier " + nationCode);
            }
            requireJson(contentType);
            ProgressWriteBack wb = ProgressWriteBack.parse(json(body), sim.clock().instant());
            result = sim.store().writeBack(nationCode, wb);
        } catch (ProvinceApiException e) {
            ledger.addRejected(1);
            throw e;
        }
        if (fault == SimFaults.FaultDecision.DROP_AFTER_APPLY) {
            for (String hash : result.hashes()) {
                ledger.markResponseLost(nationCode, hash);
            }
            sim.faults().sleepHang();
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("nationCode", result.nationCode());
        answer.put("revision", result.revision());
        answer.put("applied", result.applied());
        answer.put("duplicates", result.duplicates());
        answer.put("statusId", result.statusId());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(answer);
    }

    /** Read calls change nothing, so "apply then drop" is just a late answer. */
    private void dropAfterApply(SimFaults.FaultDecision fault) {
        if (fault == SimFaults.FaultDecision.DROP_AFTER_APPLY) {
            sim.faults().sleepHang();
        }
    }

    private static String preview(byte[] body) {
        if (body == null) {
            return "";
        }
        String s = new String(body, StandardCharsets.UTF_8);
        return s.length() > MAX_RECORDED_CHARS ? s.substring(0, MAX_RECORDED_CHARS) + "…[truncated]" : s;
    }

    private static int intParam(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int v;
        try {
            v = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProvinceApiException.invalid(name, "must be an integer");
        }
        if (v < min || v > max) {
            throw ProvinceApiException.invalid(name, "must be between " + min + " and " + max);
        }
        return v;
    }
}
