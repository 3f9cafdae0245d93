package vn.tthc.hub.console;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The runs pages' SQL on a real PostgreSQL (embedded binaries). */
class RunsStoresPostgresTest extends RunsStoresContract {
    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws IOException {
        pg = EmbeddedPostgres.builder().start();
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
