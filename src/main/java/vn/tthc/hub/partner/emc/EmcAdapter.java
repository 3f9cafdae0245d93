package vn.tthc.hub.partner.emc;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.sync.TargetAdapter;

/**
 * Sends one EMC {@code TrackingMCDT} event per workflow transition (each new progress step of a
 * version). No auth header; the hub is identified by its SiteId; only the HTTP status counts.
 * Stage = events already accepted, so a retry resumes after them.
 */
@Component
public class EmcAdapter implements TargetAdapter {
    public static final String ID = "emc";

    private final PartnerHttp http;
    private final MappingEngine mappings;
    private final EmcProperties props;

    public EmcAdapter(PartnerHttp http, MappingEngine mappings, EmcProperties props) {
        this.http = http;
        this.mappings = mappings;
        this.props = props;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean wants(Dossier dossier, int stepsFrom) {
        return dossier.progress() != null && stepsFrom < dossier.progress().size();
    }

    @Override
    public vn.tthc.hub.sync.DeliverySettings settings() {
        return props;
    }

    @Override
    public AdapterResult deliver(DeliveryRequest req) {
        EmcProperties p = props;
        Dossier d = req.dossier();
        List<Dossier.ProgressStep> all = d.progress() == null ? List.of() : d.progress();
        int stage = req.stage();
        Integer lastStatus = null;
        for (int i = req.stepsFrom() + stage; i < all.size(); i++) {
            JsonNode event = mappings.map("emc/tracking", Map.of("dossier", d, "step", all.get(i),
                    "partner", Map.of("siteId", p.getSiteId())));
            PartnerHttp.Response r = http.post(p.getBaseUrl() + "/TrackingMCDT", "application/json; charset=utf-8",
                    event.toString(), Map.of());
            if (!r.ok()) {
                return r.asFailure(stage);
            }
            lastStatus = r.status();
            stage++;
        }
        return AdapterResult.delivered(stage, lastStatus, null);
    }
}
