package vn.tthc.hub.sim.dvcqg;

import java.nio.file.Path;

/**
 * Start-up settings of the portal simulator: the credentials and dstcode it expects, the session
 * lifetime, the batch limit and where the procedure catalogue lives.
 *
 * @param username          expected login name ({@code hub.partners.dvcqg.username}); blank refuses every login
 * @param password          expected password ({@code hub.partners.dvcqg.password}); blank refuses every login
 * @param dstcode           expected {@code dstcode} header ({@code hub.partners.dvcqg.dstcode})
 * @param sessionTtlMillis  session lifetime from login ({@code hub.sim.dvcqg.session-ttl-seconds})
 * @param maxBatch          most items per DongBoHoSoMC / CapNhatTienDoHoSoMC call ({@code hub.sim.dvcqg.max-batch})
 * @param maxBodyBytes      largest request body accepted ({@code hub.sim.dvcqg.max-body-bytes})
 * @param mappingsDir       the hub's mappings folder ({@code hub.mappings-dir}); the catalogue is
 *                          {@code catalogue/procedures.csv} in it
 */
public record DvcqgConfig(
        String username,
        String password,
        String dstcode,
        long sessionTtlMillis,
        int maxBatch,
        int maxBodyBytes,
        Path mappingsDir) {

    public static final int DEFAULT_MAX_BATCH = 10;
    public static final long DEFAULT_SESSION_TTL_SECONDS = 1800;
    public static final int DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

    public DvcqgConfig {
        if (dstcode == null || dstcode.isBlank()) {
            throw new IllegalArgumentException("dstcode must not be blank");
        }
        if (sessionTtlMillis <= 0) {
            throw new IllegalArgumentException("session TTL must be positive");
        }
        if (maxBatch < 1) {
            throw new IllegalArgumentException("max batch must be >= 1");
        }
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("max body bytes must be >= 1");
        }
    }

    /** Settings with the documented defaults and the given credentials. */
    public static DvcqgConfig defaults(String username, String password) {
        return new DvcqgConfig(username, password, "DVCQG", DEFAULT_SESSION_TTL_SECONDS * 1000,
                DEFAULT_MAX_BATCH, DEFAULT_MAX_BODY_BYTES, Path.of("mappings"));
    }
}
