package vn.tthc.hub.sync;

import java.util.List;

/**
 * The national portal's list of administrative procedures (DVCQG {@code LayDanhSachTTHC}), for the console's check of
 * the local catalogue against it. Implemented by the portal's partner package; the console cannot reach partners.
 */
public interface NationalProcedureList {

    /** One national procedure as the portal lists it. */
    record NationalProcedure(String code, String name, String sectorCode, String sectorName) {
    }

    /**
     * The portal's whole list, in its order.
     *
     * @throws IllegalStateException with the portal's answer when the list cannot be fetched
     */
    List<NationalProcedure> fetch();
}
