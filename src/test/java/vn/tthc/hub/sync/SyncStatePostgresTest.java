package vn.tthc.hub.sync;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The sync-state contract on a real PostgreSQL 17 (embedded binaries, durable settings on). */
class SyncStatePostgresTest extends SyncStateContract {
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on").start();
    }

    @AfterAll
    static void stop() throws IOException {
        pg.close();
    }

    @Override
    DataSource dataSource() {
        return pg.getPostgresDatabase();
    }
}
