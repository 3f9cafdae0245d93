package vn.tthc.hub.retention;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The retention pruner's SQL on H2, in the embedded default's compatibility mode. */
class RetentionStoreH2Test extends RetentionStoreContract {
    private static final JdbcDataSource DS = new JdbcDataSource();

    static {
        DS.setURL("jdbc:h2:mem:retention;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        DS.setUser("sa");
    }

    @Override
    DataSource dataSource() {
        return DS;
    }
}
