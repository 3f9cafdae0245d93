package vn.tthc.hub.console;

import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The dossier queries on H2 as the embedded hub runs it. */
class DossierQueriesH2Test extends DossierQueriesContract {
    @Override
    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:dossierqueries;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        return ds;
    }
}
