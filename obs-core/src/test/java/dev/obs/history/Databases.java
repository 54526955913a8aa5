package dev.obs.history;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Assumptions;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the JDBC store is tested against: a private in-memory H2 database, and a schema of
 * its own in the local PostgreSQL (skipped when unreachable unless {@code OBS_REQUIRE_SERVICES=1}).
 */
final class Databases {
  private Databases() {}

  static DataSource h2() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:obs-history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    return ds;
  }

  static DataSource postgres() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", 5432), 500);
    } catch (IOException e) {
      String why = "PostgreSQL is not reachable at 127.0.0.1:5432 (" + e.getMessage() + ")";
      if ("1".equals(System.getenv("OBS_REQUIRE_SERVICES"))) {
        fail(why + "; OBS_REQUIRE_SERVICES=1 requires it");
      }
      Assumptions.abort(why + "; skipped (set OBS_REQUIRE_SERVICES=1 to fail instead)");
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setServerNames(new String[] {"127.0.0.1"});
    ds.setPortNumbers(new int[] {5432});
    ds.setUser("postgres");
    ds.setDatabaseName("test");
    ds.setConnectTimeout(2);
    return ds;
  }

  /** A fresh schema name for one test, so parallel runs never share tables. */
  static String schemaName() {
    return "obs_status_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static void dropSchema(DataSource ds, String schema) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }
}
