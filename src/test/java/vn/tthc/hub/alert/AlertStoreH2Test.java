package vn.tthc.hub.alert;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The alerts' SQL on H2, in the embedded default's compatibility mode. */
class AlertStoreH2Test extends AlertStoreContract {
    private static final JdbcDataSource DS = new JdbcDataSource();

    static {
        DS.setURL("jdbc:h2:mem:alerts;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        DS.setUser("sa");
    }

    @Override
    DataSource dataSource() {
        return DS;
    }
}
