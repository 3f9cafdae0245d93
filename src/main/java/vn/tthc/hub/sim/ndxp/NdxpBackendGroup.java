package vn.tthc.hub.sim.ndxp;

import java.util.List;

/**
 * Several {@link NdxpBackend}s registered as one bean, for backends whose number comes from
 * configuration (e.g. one per ministry under {@code hub.ministries}); the gateway serves every
 * backend of every group beside the single backend beans.
 */
public interface NdxpBackendGroup {
    List<NdxpBackend> backends();
}
