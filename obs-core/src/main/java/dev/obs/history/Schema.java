package dev.obs.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The tables of the JDBC store and how they evolve: numbered migrations, each a list of idempotent
 * statements, applied in order inside one transaction and recorded in {@code obs_history_version}.
 * A database at an older version is upgraded on start; one at the current version is left alone;
 * one newer than this code is refused rather than written to wrongly.
 */
final class Schema {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  /** The migrations; index 0 is version 1. Append, never edit a released one. */
  static final List<List<String>> MIGRATIONS =
      List.of(
          List.of(
              "CREATE TABLE IF NOT EXISTS {s}obs_route_minute ("
                  + "minute_ms BIGINT NOT NULL, route VARCHAR(512) NOT NULL,"
                  + " requests BIGINT NOT NULL, errors BIGINT NOT NULL,"
                  + " sum_seconds DOUBLE PRECISION NOT NULL, p50_seconds DOUBLE PRECISION,"
                  + " p95_seconds DOUBLE PRECISION, p99_seconds DOUBLE PRECISION,"
                  + " buckets VARCHAR(4000) NOT NULL, PRIMARY KEY (minute_ms, route))",
              "CREATE TABLE IF NOT EXISTS {s}obs_check_minute ("
                  + "minute_ms BIGINT NOT NULL, check_name VARCHAR(255) NOT NULL,"
                  + " status VARCHAR(16) NOT NULL, PRIMARY KEY (minute_ms, check_name))",
              "CREATE TABLE IF NOT EXISTS {s}obs_incident ("
                  + "id VARCHAR(64) NOT NULL PRIMARY KEY, title VARCHAR(500) NOT NULL,"
                  + " state VARCHAR(16) NOT NULL, started_at_ms BIGINT NOT NULL,"
                  + " resolved_at_ms BIGINT, alert_fingerprint VARCHAR(64))",
              "CREATE TABLE IF NOT EXISTS {s}obs_incident_update ("
                  + "incident_id VARCHAR(64) NOT NULL, seq INT NOT NULL, at_ms BIGINT NOT NULL,"
                  + " state VARCHAR(16) NOT NULL, message VARCHAR(4000) NOT NULL,"
                  + " PRIMARY KEY (incident_id, seq))"),
          // Version 2: per-route reads (series for one route) without scanning every minute.
          List.of(
              "CREATE INDEX IF NOT EXISTS obs_route_minute_by_route"
                  + " ON {s}obs_route_minute (route, minute_ms)",
              "CREATE INDEX IF NOT EXISTS obs_check_minute_by_check"
                  + " ON {s}obs_check_minute (check_name, minute_ms)"));

  private final @Nullable String schema;
  private final String prefix;

  Schema(@Nullable String schema) {
    if (schema != null && !IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be a plain SQL identifier (letters, digits, '_'), got '" + schema + "'");
    }
    this.schema = schema;
    this.prefix = schema == null ? "" : schema + ".";
  }

  static boolean isIdentifier(String text) {
    return IDENTIFIER.matcher(text).matches();
  }

  /** Qualifies a table name with the schema. */
  String table(String name) {
    return prefix + name;
  }

  String sql(String template) {
    return template.replace("{s}", prefix);
  }

  static int latest() {
    return MIGRATIONS.size();
  }

  /** Creates the schema and applies the missing migrations; returns the version now in place. */
  int migrate(Connection c) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      if (schema != null) {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
      }
      st.execute(
          "CREATE TABLE IF NOT EXISTS "
              + table("obs_history_version")
              + " (version INT NOT NULL PRIMARY KEY, applied_at_ms BIGINT NOT NULL)");
      c.commit();
      int current = current(c);
      if (current > latest()) {
        throw new SQLException(
            table("obs_history_version")
                + " is at version "
                + current
                + ", newer than this obs ("
                + latest()
                + "); upgrade obs instead of writing to it");
      }
      for (int v = current + 1; v <= latest(); v++) {
        for (String ddl : MIGRATIONS.get(v - 1)) {
          st.execute(sql(ddl));
        }
        try (PreparedStatement ps =
            c.prepareStatement(
                "INSERT INTO "
                    + table("obs_history_version")
                    + " (version, applied_at_ms) VALUES (?, ?)")) {
          ps.setInt(1, v);
          ps.setLong(2, System.currentTimeMillis());
          ps.executeUpdate();
        }
      }
      c.commit();
      return latest();
    } catch (SQLException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(auto);
    }
  }

  int current(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT MAX(version) FROM " + table("obs_history_version"))) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
