package vn.tthc.hub.partner;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.dossier.DossierCodes;
import vn.tthc.hub.mapping.MappingEngine;

/**
 * The portal's dossier item model (DongBoHoSoMC), which the portal and the ministry systems both
 * receive: mapped by {@code mappings/dvcqg/dossier} for the unit (madonvi) that received the dossier.
 */
public final class PortalItem {
    private PortalItem() {
    }

    /** The unit code the dossier belongs to: its agency, else its code's prefix. */
    public static String madonvi(Dossier d) {
        return d.agencyCode() != null ? d.agencyCode() : DossierCodes.agencyOf(d.code());
    }

    public static JsonNode of(MappingEngine mappings, Dossier d) {
        return mappings.map("dvcqg/dossier", Map.of("dossier", d, "partner", Map.of("madonvi", madonvi(d))));
    }
}
