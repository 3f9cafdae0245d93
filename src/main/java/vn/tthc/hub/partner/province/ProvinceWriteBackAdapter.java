package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.CodeTables;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.sync.TargetAdapter;

/**
 * Writes progress, status and results of dossiers processed on ministry systems back into the
 * province system, so its look-up, statistics and reports stay whole. Several sources (each
 * ministry, the coordination system) report the same steps, and an earlier attempt's outcome may be
 * unknown: so each attempt first reads the province's copy and sends only the steps and results it
 * lacks, and a status only when it moves forward. Target id {@code province}.
 */
@Component
public class ProvinceWriteBackAdapter implements TargetAdapter {
    public static final String ID = "province";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProvinceClient client;
    private final MappingEngine mappings;
    private final CodeTables codes;

    private final ProvinceProperties props;

    public ProvinceWriteBackAdapter(ProvinceClient client, MappingEngine mappings, ProvinceProperties props) {
        this.client = client;
        this.mappings = mappings;
        this.props = props;
        this.codes = CodeTables.load(mappings.mappingsDir().resolve("codes"));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean wants(Dossier dossier, int stepsFrom) {
        return (dossier.progress() != null && stepsFrom < dossier.progress().size())
                || (dossier.results() != null && !dossier.results().isEmpty());
    }

    @Override
    public vn.tthc.hub.sync.DeliverySettings settings() {
        return props;
    }

    @Override
    public AdapterResult deliver(DeliveryRequest req) {
        Dossier d = req.dossier();
        PartnerHttp.Response current = client.dossier(d.code());
        if (current.status() == 404) {
            return AdapterResult.permanentFailure(0, 404, "the province system has no dossier " + d.code() + " to write progress back to");
        }
        if (!current.ok()) {
            return current.asFailure(0);
        }
        JsonNode record;
        try {
            record = JSON.readTree(current.body());
        } catch (Exception e) {
            return AdapterResult.transientFailure(0, current.status(), "unreadable province dossier");
        }
        ProvinceCopy copy = new ProvinceCopy(record, codes);
        List<Dossier.ProgressStep> steps = copy.missingSteps(d);
        List<Dossier.Result> results = copy.missingResults(d);
        Integer status = copy.statusToSend(d);
        if (steps.isEmpty() && results.isEmpty() && status == null) {
            return AdapterResult.delivered(0, current.status(), null);
        }
        Map<String, Object> in = new LinkedHashMap<>();
        in.put("source", req.source());
        if (status != null) {
            in.put("status", status);
        }
        in.put("steps", steps);
        in.put("results", results);
        PartnerHttp.Response r = client.writeBack(d.code(), mappings.map("province/writeback", in).toString());
        if (r.ok()) {
            return AdapterResult.delivered(1, r.status(), null);
        }
        return r.asFailure(0);
    }
}
