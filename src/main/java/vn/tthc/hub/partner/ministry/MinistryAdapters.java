package vn.tthc.hub.partner.ministry;

import java.util.List;
import org.springframework.stereotype.Component;
import vn.tthc.hub.sync.SyncProperties;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.ndxp.NdxpClient;
import vn.tthc.hub.sync.TargetAdapter;
import vn.tthc.hub.sync.TargetAdapterGroup;

/** One forwarding adapter per configured ministry system ({@code hub.ministries}): adding a ministry is configuration. */
@Component
public class MinistryAdapters implements TargetAdapterGroup {
    private final List<TargetAdapter> adapters;

    public MinistryAdapters(MinistryProperties props, NdxpClient ndxp, MappingEngine mappings) {
        props.getMinistries().forEach((code, m) -> {
            if (m.getContext() == null || m.getContext().isBlank()) {
                throw new IllegalStateException("hub.ministries." + code + ".context is required: the ministry system's API context on NDXP");
            }
        });
        this.adapters = props.getMinistries().entrySet().stream()
                .map(e -> (TargetAdapter) new MinistryAdapter(SyncProperties.MINISTRY_PREFIX + e.getKey(), e.getValue(), ndxp, mappings))
                .toList();
    }

    @Override
    public List<TargetAdapter> adapters() {
        return adapters;
    }
}
