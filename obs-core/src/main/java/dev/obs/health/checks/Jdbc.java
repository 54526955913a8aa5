package dev.obs.health.checks;

import dev.obs.health.HealthResult;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Connection handling and messages shared by the JDBC and migration checks. */
final class Jdbc {
  private Jdbc() {}

  static Connection connect(DataSource dataSource) throws CheckFailure {
    try {
      return dataSource.getConnection();
    } catch (SQLException e) {
      throw new CheckFailure("cannot get a connection: " + describe(e));
    }
  }

  static HealthResult down(String what, SQLException e) {
    HealthResult down = HealthResult.down(what + ": " + describe(e));
    return e.getSQLState() == null ? down : down.withDetail("sql_state", e.getSQLState());
  }

  /** The exception's message, or its class name when it has none. */
  static String describe(SQLException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getName() : message;
  }
}
