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
 * Reads Flyway's history table with plain JDBC: it must exist, record no failed migration and, when
 * expected, reach a version or a count.
 */
final class FlywayCheck implements HealthCheck {
  static final String DEFAULT_TABLE = "flyway_schema_history";

  /**
   * Types of rows that record something other than an applied migration: the schema or the table
   * being created by Flyway, and migrations deleted by {@code repair}.
   */
  private static final Set<String> MARKERS = Set.of("SCHEMA", "TABLE", "DELETE");

  private final DataSource dataSource;
  private final MigrationCheckOptions options;
  private final String table;

  FlywayCheck(DataSource dataSource, MigrationCheckOptions options) {
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
    return result(HistoryTable.shown(options, table), rows.applied, rows.latest, rows.failed);
  }

  /** What the rows of the history table add up to. */
  private static final class Rows {
    int applied;
    @Nullable String latest;
    final List<String> failed = new ArrayList<>();

    void add(ResultSet row) throws SQLException {
      String version = row.getString("version");
      String type = row.getString("type");
      if (!row.getBoolean("success")) {
        failed.add(
            (version == null ? "repeatable" : version) + " (" + row.getString("description") + ")");
      } else if (type == null || !MARKERS.contains(type)) {
        applied++;
        if (version != null && (latest == null || MigrationVersion.compare(version, latest) > 0)) {
          latest = version;
        }
      }
    }
  }

  private HealthResult result(
      String shown, int applied, @Nullable String latest, List<String> failed) {
    HealthResult result = HealthResult.up().withDetail("applied", applied);
    if (latest != null) {
      result = result.withDetail("latest_version", latest);
    }
    if (!failed.isEmpty()) {
      return HealthResult.down(
              "failed migrations in "
                  + shown
                  + ": "
                  + String.join(", ", failed)
                  + "; fix them and run flyway repair")
          .withDetails(result.details())
          .withDetail("failed", List.copyOf(failed));
    }
    String expected = options.expectAtLeast();
    if (expected != null && (latest == null || MigrationVersion.compare(latest, expected) < 0)) {
      return HealthResult.down(
              "latest applied migration is "
                  + (latest == null ? "none" : latest)
                  + ", expected at least "
                  + expected
                  + " (pending migrations?)")
          .withDetails(result.details());
    }
    if (applied < options.expectAppliedAtLeast()) {
      return HealthResult.down(
              Units.count(applied, "migration")
                  + " applied, expected at least "
                  + options.expectAppliedAtLeast()
                  + " (pending migrations?)")
          .withDetails(result.details());
    }
    return result;
  }
}
