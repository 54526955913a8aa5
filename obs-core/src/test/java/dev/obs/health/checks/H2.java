package dev.obs.health.checks;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** A private in-memory H2 database per test, shut down afterwards. */
final class H2 implements AutoCloseable {
  final JdbcDataSource dataSource = new JdbcDataSource();

  H2() {
    dataSource.setURL("jdbc:h2:mem:obs-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  void execute(String... sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String each : sql) {
        statement.execute(each);
      }
    }
  }

  @Override
  public void close() throws SQLException {
    execute("SHUTDOWN");
  }
}
