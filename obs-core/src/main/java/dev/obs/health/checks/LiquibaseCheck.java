package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Reads Liquibase's {@code DATABASECHANGELOG} with plain JDBC: it must exist, record no change set
 * with {@code EXECTYPE} {@code FAILED} and, when expected, hold enough applied change sets.
 */
final class LiquibaseCheck implements HealthCheck {
  static final String DEFAULT_TABLE = "DATABASECHANGELOG";

  /** Exec types of change sets that are in effect. */
  private static final Set<String> APPLIED = Set.of("EXECUTED", "RERAN", "MARK_RAN");

  private final DataSource dataSource;
  private final MigrationCheckOptions options;
  private final String table;

  LiquibaseCheck(DataSource dataSource, MigrationCheckOptions options) {
    if (options.expectAtLeast() != null) {
      throw new IllegalArgumentException(
          "expectAtLeast(version) applies to Flyway only: Liquibase change set ids are not"
              + " ordered; use expectAppliedAtLeast(count)");
    }
    this.dataSource = dataSource;
    this.options = options;
    this.table = options.table() != null ? options.table() : DEFAULT_TABLE;
  }

  @Override
  public HealthResult check() {
    String shown = options.schema() == null ? table : options.schema() + "." + table;
    try (Connection connection = Jdbc.connect(dataSource)) {
      String name = HistoryTable.find(connection, options.schema(), table);
      if (name == null) {
        return HealthResult.down(
            "migration history table " + shown + " not found (migrations not applied yet?)");
      }
      int applied = 0;
      long latestOrder = Long.MIN_VALUE;
      String latestId = null;
      List<String> failed = new ArrayList<>();
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(Units.seconds(options.timeout()));
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + name)) {
          while (rows.next()) {
            String id = rows.getString("ID");
            String execType = rows.getString("EXECTYPE");
            if ("FAILED".equals(execType)) {
              // Liquibase's own notation for a change set: file::id::author
              failed.add(rows.getString("FILENAME") + "::" + id + "::" + rows.getString("AUTHOR"));
            } else if (APPLIED.contains(execType)) {
              applied++;
              long order = rows.getLong("ORDEREXECUTED");
              if (order >= latestOrder) {
                latestOrder = order;
                latestId = id;
              }
            }
          }
        }
      }
      HealthResult result = HealthResult.up().withDetail("applied", applied);
      if (latestId != null) {
        result = result.withDetail("latest_id", latestId);
      }
      if (!failed.isEmpty()) {
        return HealthResult.down(
                "failed change sets in " + shown + ": " + String.join(", ", failed))
            .withDetails(result.details())
            .withDetail("failed", List.copyOf(failed));
      }
      if (applied < options.expectAppliedAtLeast()) {
        return HealthResult.down(
                Units.count(applied, "change set")
                    + " applied, expected at least "
                    + options.expectAppliedAtLeast()
                    + " (pending migrations?)")
            .withDetails(result.details());
      }
      return result;
    } catch (CheckFailure e) {
      return HealthResult.down(e.getMessage());
    } catch (SQLException e) {
      return Jdbc.down("cannot read " + shown, e);
    }
  }
}
