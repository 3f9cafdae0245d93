package vn.tthc.hub.console;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The runs pages' SQL on H2, in the embedded default's compatibility mode. */
class RunsStoresH2Test extends RunsStoresContract {
    private static final JdbcDataSource DS = new JdbcDataSource();

    static {
        DS.setURL("jdbc:h2:mem:runs;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        DS.setUser("sa");
    }

    @Override
    DataSource dataSource() {
        return DS;
    }
}
