package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Borrows a connection and validates it with {@link Connection#isValid(int)} or a query run with
 * {@link Statement#setQueryTimeout(int)}. Getting the connection is bounded by the DataSource's own
 * settings (a pool's connection timeout, a driver's connect timeout); this check does not change
 * them, since the DataSource is shared with the application.
 */
final class JdbcCheck implements HealthCheck {
  private final DataSource dataSource;
  private final @Nullable String validationQuery;
  private final Duration timeout;

  JdbcCheck(DataSource dataSource, @Nullable String validationQuery, Duration timeout) {
    if (validationQuery != null && validationQuery.isBlank()) {
      throw new IllegalArgumentException("validationQuery must not be blank, like SELECT 1");
    }
    this.dataSource = dataSource;
    this.validationQuery = validationQuery;
    this.timeout = Units.positive("timeout", timeout);
  }

  @Override
  public HealthResult check() {
    long start = System.nanoTime();
    try (Connection connection = Jdbc.connect(dataSource)) {
      validate(connection);
      double latency = Units.millisSince(start);
      DatabaseMetaData meta = connection.getMetaData();
      return HealthResult.up()
          .withDetail("database", meta.getDatabaseProductName())
          .withDetail("version", meta.getDatabaseProductVersion())
          .withDetail("latency_ms", latency);
    } catch (CheckFailure e) {
      return HealthResult.down(e.getMessage());
    } catch (SQLException e) {
      return Jdbc.down("database check failed", e);
    }
  }

  private void validate(Connection connection) throws CheckFailure {
    int seconds = Units.seconds(timeout);
    if (validationQuery == null) {
      boolean valid;
      try {
        valid = connection.isValid(seconds);
      } catch (SQLException e) {
        throw new CheckFailure("Connection.isValid failed: " + e.getMessage());
      }
      if (!valid) {
        throw new CheckFailure("the connection is not valid (Connection.isValid(" + seconds + "))");
      }
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(seconds);
      // execute, not executeQuery: a validation query may be a statement without rows
      if (statement.execute(validationQuery)) {
        try (ResultSet rows = statement.getResultSet()) {
          rows.next();
        }
      }
    } catch (SQLException e) {
      throw new CheckFailure(
          "validation query '" + validationQuery + "' failed: " + Jdbc.describe(e));
    }
  }
}
