package vn.tthc.hub.partner.dvcqg;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.PortalItem;
import vn.tthc.hub.sync.TargetLookup;
import vn.tthc.hub.sync.VersionStore;

/**
 * The portal's {@code TraCuuHoSo} as the reconciliation's look-up: whether the portal holds the dossier, its status
 * there, and whether its item is exactly the one the hub's delivered version maps to (the same mapping as delivery).
 */
@Component
public class DvcqgLookup implements TargetLookup {
    private final DvcqgClient client;
    private final MappingEngine mappings;
    private final VersionStore versions;

    public DvcqgLookup(DvcqgClient client, MappingEngine mappings, VersionStore versions) {
        this.client = client;
        this.mappings = mappings;
        this.versions = versions;
    }

    @Override
    public String target() {
        return DvcqgAdapter.ID;
    }

    @Override
    public Held held(String source, String code, long deliveredVersion) {
        Dossier d = CanonicalJson.fromJson(versions.body(source, code, deliveredVersion)
                .orElseThrow(() -> new IllegalStateException("no stored body of version " + deliveredVersion + " of " + code + " (unknown, or pruned by retention)")));
        JsonNode expected = PortalItem.of(mappings, d);
        DvcqgClient.Found found = client.find(PortalItem.madonvi(d), code);
        if (!found.answer().ok()) {
            throw new IllegalStateException("TraCuuHoSo " + code + ": " + found.answer().message());
        }
        if (found.item() == null) {
            return Held.absent();
        }
        JsonNode item = found.item();
        Integer status = null;
        try {
            status = Integer.parseInt(item.path("TrangThaiHoSo").asText().trim());
        } catch (NumberFormatException e) {
            // an unreadable status is a difference in content, reported as such
        }
        return new Held(true, status, expected.equals(item));
    }
}
