package vn.tthc.hub.sync;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The dead-letter and replay contract on H2, in the same compatibility mode as the embedded default. */
class DeadLettersH2Test extends DeadLettersContract {
    private static final JdbcDataSource DS = new JdbcDataSource();

    static {
        DS.setURL("jdbc:h2:mem:deadletters;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        DS.setUser("sa");
    }

    @Override
    DataSource dataSource() {
        return DS;
    }
}
