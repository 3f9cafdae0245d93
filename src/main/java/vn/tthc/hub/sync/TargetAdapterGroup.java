package vn.tthc.hub.sync;

import java.util.List;

/** Several target adapters made from configuration (e.g. one per configured ministry system). */
public interface TargetAdapterGroup {
    List<TargetAdapter> adapters();
}
