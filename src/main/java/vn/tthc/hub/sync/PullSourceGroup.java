package vn.tthc.hub.sync;

import java.util.List;

/** Several pull sources made from configuration (e.g. one per configured ministry system). */
public interface PullSourceGroup {
    List<PullSource> sources();
}
