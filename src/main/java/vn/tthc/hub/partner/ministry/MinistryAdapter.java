package vn.tthc.hub.partner.ministry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import vn.tthc.hub.dossier.CanonicalJson;
import vn.tthc.hub.dossier.Dossier;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.LgspAnswer;
import vn.tthc.hub.partner.PartnerHttp;
import vn.tthc.hub.partner.PortalItem;
import vn.tthc.hub.partner.ndxp.NdxpClient;
import vn.tthc.hub.sync.TargetAdapter;

/**
 * Forwards a dossier received at the province's desks to the ministry system that handles its
 * procedure, through NDXP: the portal's item model ({@code mappings/dvcqg/dossier}), as JSON or —
 * for an XML ministry — through {@code mappings/ministry-xml/item-to-xml.xsl}. One class serves
 * every ministry; each instance is made from its {@code hub.ministries.<code>} block.
 */
public class MinistryAdapter implements TargetAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String id;
    private final MinistryProperties.NdxpSystem ministry;
    private final NdxpClient ndxp;
    private final MappingEngine mappings;

    public MinistryAdapter(String id, MinistryProperties.NdxpSystem ministry, NdxpClient ndxp, MappingEngine mappings) {
        this.id = id;
        this.ministry = ministry;
        this.ndxp = ndxp;
        this.mappings = mappings;
    }

    /** Fields the ministry system owns once it processes the dossier; the province's copy of them is not forwarded back. */
    static final java.util.List<String> MINISTRY_OWNED = java.util.List.of("TrangThaiHoSo", "NgayTiepNhan", "NgayHenTra", "NgayTuChoi",
            "NgayKetThucXuLy", "NgayTra", "ThongTinTra", "DonViXuLy", "DanhSachGiayToKetQua");

    /** Hash of the part of the item the province's desk owns (applicant, documents, fees…): a change there is forwarded. */
    static String deskHash(JsonNode item) {
        ObjectNode desk = item.deepCopy();
        MINISTRY_OWNED.forEach(desk::remove);
        return CanonicalJson.sha256(desk.toString());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public vn.tthc.hub.sync.DeliverySettings settings() {
        return ministry;
    }

    @Override
    public AdapterResult deliver(DeliveryRequest req) {
        Dossier d = req.dossier();
        String madonvi = PortalItem.madonvi(d);
        JsonNode item = PortalItem.of(mappings, d);
        String hash = deskHash(item);
        if (hash.equals(req.lastDeliveredHash())) {
            // only what the ministry itself decides changed (its progress written back): nothing to forward
            return AdapterResult.delivered(0, null, hash);
        }
        String body;
        String contentType;
        if (ministry.xml()) {
            ObjectNode in = JSON.createObjectNode().put("madonvi", madonvi);
            in.set("item", item);
            body = mappings.toXml("ministry-xml/item-to-xml", in, Map.of());
            contentType = "application/xml; charset=utf-8";
        } else {
            ObjectNode in = JSON.createObjectNode().put("madonvi", madonvi);
            in.putArray("data").add(item);
            body = in.toString();
            contentType = "application/json; charset=utf-8";
        }
        PartnerHttp.Response r = ndxp.call("POST", ministry.getContext(), ministry.getVersion(), "dossiers", null, contentType, body, Map.of());
        if (!r.ok()) {
            return r.asFailure(0);
        }
        LgspAnswer a = LgspAnswer.parse(r.contentType(), r.body());
        if (a.ok()) {
            return AdapterResult.delivered(1, r.status(), hash);
        }
        if (a.errorCode() == -1) {
            return AdapterResult.transientFailure(0, r.status(), a.message());
        }
        return AdapterResult.permanentFailure(0, r.status(), "errorCode " + a.errorCode() + ": " + a.message());
    }
}
