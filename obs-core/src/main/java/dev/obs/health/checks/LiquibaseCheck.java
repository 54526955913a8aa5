package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

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
    Rows rows = new Rows();
    HealthResult unreadable = HistoryTable.read(dataSource, options, table, rows::add);
    if (unreadable != null) {
      return unreadable;
    }
    HealthResult result = HealthResult.up().withDetail("applied", rows.applied);
    if (rows.latestId != null) {
      result = result.withDetail("latest_id", rows.latestId);
    }
    if (!rows.failed.isEmpty()) {
      return HealthResult.down(
              "failed change sets in "
                  + HistoryTable.shown(options, table)
                  + ": "
                  + String.join(", ", rows.failed))
          .withDetails(result.details())
          .withDetail("failed", List.copyOf(rows.failed));
    }
    if (rows.applied < options.expectAppliedAtLeast()) {
      return HealthResult.down(
              Units.count(rows.applied, "change set")
                  + " applied, expected at least "
                  + options.expectAppliedAtLeast()
                  + " (pending migrations?)")
          .withDetails(result.details());
    }
    return result;
  }

  /** What the rows of the change log add up to. */
  private static final class Rows {
    int applied;
    long latestOrder = Long.MIN_VALUE;
    @Nullable String latestId;
    final List<String> failed = new ArrayList<>();

    void add(ResultSet row) throws SQLException {
      String id = row.getString("ID");
      String execType = row.getString("EXECTYPE");
      if ("FAILED".equals(execType)) {
        // Liquibase's own notation for a change set: file::id::author
        failed.add(row.getString("FILENAME") + "::" + id + "::" + row.getString("AUTHOR"));
      } else if (APPLIED.contains(execType)) {
        applied++;
        long order = row.getLong("ORDEREXECUTED");
        if (order >= latestOrder) {
          latestOrder = order;
          latestId = id;
        }
      }
    }
  }
}
