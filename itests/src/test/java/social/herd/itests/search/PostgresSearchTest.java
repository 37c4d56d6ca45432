package social.herd.itests.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;

/** The search suite on the default engine: PostgreSQL full-text in the server's own database. */
class PostgresSearchTest extends SearchSuite {

    @Override
    List<String> engineEnv() {
        return List.of();
    }

    @Override
    void wipeIndex() throws Exception {
        try (Connection c = DriverManager.getConnection(db, "postgres", ""); Statement st = c.createStatement()) {
            st.executeUpdate("DELETE FROM search_statuses");
        }
    }

    @Override
    String engineName() {
        return "postgresql";
    }
}
