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
    String shown = options.schema() == null ? table : options.schema() + "." + table;
    try (Connection connection = Jdbc.connect(dataSource)) {
      String name = HistoryTable.find(connection, options.schema(), table);
      if (name == null) {
        return HealthResult.down(
            "migration history table " + shown + " not found (migrations not applied yet?)");
      }
      int applied = 0;
      String latest = null;
      List<String> failed = new ArrayList<>();
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(Units.seconds(options.timeout()));
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + name)) {
          while (rows.next()) {
            String version = rows.getString("version");
            String type = rows.getString("type");
            if (!rows.getBoolean("success")) {
              String description = rows.getString("description");
              failed.add((version == null ? "repeatable" : version) + " (" + description + ")");
            } else if (type == null || !MARKERS.contains(type)) {
              applied++;
              if (version != null
                  && (latest == null || MigrationVersion.compare(version, latest) > 0)) {
                latest = version;
              }
            }
          }
        }
      }
      return result(shown, applied, latest, failed);
    } catch (CheckFailure e) {
      return HealthResult.down(e.getMessage());
    } catch (SQLException e) {
      return Jdbc.down("cannot read " + shown, e);
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
