package vn.tthc.hub.partner.province;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.CodeTables;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.sync.TargetLookup;
import vn.tthc.hub.sync.VersionStore;

/**
 * The province system's {@code GET /api/v1/dossiers/{nationCode}} as the reconciliation's look-up of the write-back
 * target {@code province}: whether the province holds the dossier, its status there (the province's status id through
 * the same table as the write-back) and whether it holds every progress step and result of the version the hub
 * delivered (the province keeps steps of its own desk too: those are not a difference).
 */
@Component
public class ProvinceLookup implements TargetLookup {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProvinceClient client;
    private final VersionStore versions;
    private final CodeTables codes;

    public ProvinceLookup(ProvinceClient client, MappingEngine mappings, VersionStore versions) {
        this.client = client;
        this.versions = versions;
        this.codes = CodeTables.load(mappings.mappingsDir().resolve("codes"));
    }

    @Override
    public String target() {
        return ProvinceWriteBackAdapter.ID;
    }

    @Override
    public Held held(String source, String code, long deliveredVersion) {
        Dossier delivered = CanonicalJson.fromJson(versions.body(source, code, deliveredVersion)
                .orElseThrow(() -> new IllegalStateException("no stored body of version " + deliveredVersion + " of " + code + " (unknown, or pruned by retention)")));
        PartnerHttp.Response r = client.dossier(code);
        if (r.status() == 404) {
            return Held.absent();
        }
        if (!r.ok()) {
            throw new IllegalStateException("province dossier " + code + ": " + r.describe());
        }
        JsonNode record;
        try {
            record = JSON.readTree(r.body());
        } catch (Exception e) {
            throw new IllegalStateException("province dossier " + code + ": unreadable answer");
        }
        return judge(delivered, new ProvinceCopy(record, codes));
    }

    /**
     * What the province holds of a delivered version. Content is the same when every delivered step and result is
     * held. The status is the province's own, except when the province has moved past the delivered version — it holds
     * a step later than all of the version's (a later write-back of the same dossier, e.g. the ministry's while the
     * coordination system's copy lags), or its status is one the write-back would not move back to the delivered one:
     * then the write-back leaves it there, the delivery is honoured and its status is answered as held. A province that
     * lost a write-back (no later step, the delivered status still reachable) answers its own status: a difference.
     */
    static Held judge(Dossier delivered, ProvinceCopy copy) {
        boolean complete = copy.missingSteps(delivered).isEmpty() && copy.missingResults(delivered).isEmpty();
        Integer status = copy.status();
        boolean movedOn = copy.holdsStepAfter(delivered) || copy.statusToSend(delivered) == null;
        if (status != null && delivered.status() != null && !status.equals(delivered.status()) && movedOn) {
            status = delivered.status();
        }
        return new Held(true, status, complete);
    }
}
