package vn.tthc.hub.partner.ministry;

import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.tthc.hub.sync.SyncProperties;
import vn.tthc.hub.mapping.MappingEngine;
import vn.tthc.hub.partner.ndxp.NdxpClient;
import vn.tthc.hub.sync.PullFeed;
import vn.tthc.hub.sync.PullFeedGroup;

/** The pull feeds behind NDXP: one per configured ministry system, and the coordination system. */
@Component
public class NdxpFeeds implements PullFeedGroup {
    public static final String COORDINATION = "coordination";
    private final List<PullFeed> feeds = new ArrayList<>();

    public NdxpFeeds(MinistryProperties props, SyncProperties sync, NdxpClient ndxp, MappingEngine mappings) {
        props.getMinistries().forEach((code, m) -> feeds.add(new NdxpFeed(SyncProperties.MINISTRY_PREFIX + code, m, ndxp, mappings, sync)));
        if (props.getCoordination().getContext() != null) {
            feeds.add(new NdxpFeed(COORDINATION, props.getCoordination(), ndxp, mappings, sync));
        }
    }

    @Override
    public List<PullFeed> feeds() {
        return feeds;
    }
}
