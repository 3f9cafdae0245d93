package vn.tthc.hub.partner.ministry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.tthc.hub.config.HubProperties;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.ndxp.NdxpClient;
import vn.tthc.hub.sync.IntakeService;
import vn.tthc.hub.sync.PullSource;
import vn.tthc.hub.sync.PullSourceGroup;
import vn.tthc.hub.sync.SyncStore;

/** The incremental pulls behind NDXP: one per configured ministry system, and the coordination system. */
@Component
public class NdxpPulls implements PullSourceGroup {
    public static final String COORDINATION = "coordination";
    private final List<PullSource> sources = new ArrayList<>();

    public NdxpPulls(HubProperties props, NdxpClient ndxp, MappingEngine mappings, IntakeService intake, SyncStore store, Clock clock) {
        props.getMinistries().forEach((code, m) -> sources.add(new NdxpPull(HubProperties.MINISTRY_PREFIX + code, m, ndxp, mappings,
                intake, store, props, clock)));
        if (props.getCoordination().getContext() != null) {
            sources.add(new NdxpPull(COORDINATION, props.getCoordination(), ndxp, mappings, intake, store, props, clock));
        }
    }

    @Override
    public List<PullSource> sources() {
        return sources;
    }
}
