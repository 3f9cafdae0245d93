package vn.tthc.hub.sync;

import java.util.List;

/** Several pull feeds made from configuration (e.g. one per configured ministry system and the coordination system). */
public interface PullFeedGroup {
    List<PullFeed> feeds();
}
