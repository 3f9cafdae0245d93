package vn.tthc.hub.sync;

/**
 * What a target holds of one dossier, asked by the reconciliation through the target's own look-up (the portal's
 * {@code TraCuuHoSo}); a target without a look-up (EMC) has no implementation and is checked on the hub's side only.
 */
public interface TargetLookup {
    /** The target id (as in {@code hub.flows}). */
    String target();

    /**
     * What the target holds of {@code code}, compared with the version the hub delivered to it.
     *
     * @throws RuntimeException when the target cannot be asked (the dossier is then reported unchecked, not different)
     */
    Held held(String source, String code, long deliveredVersion);

    /**
     * @param present     the target has the dossier
     * @param status      its status there (null when absent or not told)
     * @param sameContent it holds exactly what the hub delivered
     */
    record Held(boolean present, Integer status, boolean sameContent) {
        public static Held absent() {
            return new Held(false, null, false);
        }
    }
}
