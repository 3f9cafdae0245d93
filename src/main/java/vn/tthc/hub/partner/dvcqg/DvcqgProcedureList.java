package vn.tthc.hub.partner.dvcqg;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.tthc.hub.sync.NationalProcedureList;

/** {@code LayDanhSachTTHC} through the portal client (session, re-login, error_code as number or string). */
@Component
public class DvcqgProcedureList implements NationalProcedureList {
    private final DvcqgClient client;
    private final DvcqgProperties props;

    public DvcqgProcedureList(DvcqgClient client, DvcqgProperties props) {
        this.client = client;
        this.props = props;
    }

    @Override
    public List<NationalProcedure> fetch() {
        DvcqgClient.Answer a = client.call("LayDanhSachTTHC", props.getCatalogueUnit(), Map.of());
        if (!a.ok() || a.json() == null) {
            throw new IllegalStateException("LayDanhSachTTHC: " + a.message());
        }
        JsonNode result = a.json().path("result");
        if (!result.isArray()) {
            throw new IllegalStateException("LayDanhSachTTHC: the answer has no result list");
        }
        List<NationalProcedure> out = new ArrayList<>();
        for (JsonNode row : result) {
            String code = row.path("MATTHC").asText("").strip();
            if (!code.isEmpty()) {
                out.add(new NationalProcedure(code, row.path("TENTTHC").asText(""), row.path("MALINHVUC").asText(""),
                        row.path("TENLINHVUC").asText("")));
            }
        }
        return out;
    }
}
