package dev.obs.health.checks;

import dev.obs.health.HealthResult;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Finds a migration history table through {@link DatabaseMetaData}, whatever case the database
 * stored its name in (Flyway quotes a lower-case name, Liquibase's is upper case on H2 and lower
 * case on PostgreSQL), and reads its rows for the Flyway and Liquibase checks.
 */
final class HistoryTable {
  private HistoryTable() {}

  /** Receives each row of a history table. */
  interface RowReader {
    void row(ResultSet row) throws SQLException;
  }

  /** How the table is named in messages: {@code schema.table}, or the table alone. */
  static String shown(MigrationCheckOptions options, String table) {
    return options.schema() == null ? table : options.schema() + "." + table;
  }

  /**
   * Feeds every row of the history table to the reader, within the options' timeout.
   *
   * @return {@code null} when every row was read, else the DOWN result saying why not: the table is
   *     missing, the connection failed or the query did
   */
  static @Nullable HealthResult read(
      DataSource dataSource, MigrationCheckOptions options, String table, RowReader reader) {
    String shown = shown(options, table);
    try (Connection connection = Jdbc.connect(dataSource)) {
      String name = find(connection, options.schema(), table);
      if (name == null) {
        return HealthResult.down(
            "migration history table " + shown + " not found (migrations not applied yet?)");
      }
      try (Statement statement = connection.createStatement()) {
        statement.setQueryTimeout(Units.seconds(options.timeout()));
        try (ResultSet rows = statement.executeQuery("SELECT * FROM " + name)) {
          while (rows.next()) {
            reader.row(rows);
          }
        }
      }
      return null;
    } catch (CheckFailure e) {
      return HealthResult.down(e.getMessage());
    } catch (SQLException e) {
      return Jdbc.down("cannot read " + shown, e);
    }
  }

  /**
   * Returns the quoted, schema-qualified name of the table, or {@code null} when it does not exist
   * in the given schema (or, with none given, in the connection's current schema).
   */
  static @Nullable String find(Connection connection, @Nullable String schema, String table)
      throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    String wantedSchema = schema != null ? schema : currentSchema(connection);
    String escape = meta.getSearchStringEscape();
    Set<String> spellings = new LinkedHashSet<>();
    spellings.add(table);
    spellings.add(table.toLowerCase(Locale.ROOT));
    spellings.add(table.toUpperCase(Locale.ROOT));
    for (String spelling : spellings) {
      String pattern = escape == null ? spelling : escapePattern(spelling, escape);
      try (ResultSet tables =
          meta.getTables(connection.getCatalog(), null, pattern, new String[] {"TABLE"})) {
        while (tables.next()) {
          String name = tables.getString("TABLE_NAME");
          String tableSchema = tables.getString("TABLE_SCHEM");
          if (name.equalsIgnoreCase(table)
              && (wantedSchema == null
                  || tableSchema == null
                  || tableSchema.equalsIgnoreCase(wantedSchema))) {
            String quote = meta.getIdentifierQuoteString().trim();
            return tableSchema == null
                ? quote(name, quote)
                : quote(tableSchema, quote) + "." + quote(name, quote);
          }
        }
      }
    }
    return null;
  }

  private static @Nullable String currentSchema(Connection connection) {
    try {
      return connection.getSchema();
    } catch (SQLException | AbstractMethodError e) {
      return null; // an old driver: accept the table in any schema
    }
  }

  private static String escapePattern(String name, String escape) {
    return name.replace(escape, escape + escape)
        .replace("_", escape + "_")
        .replace("%", escape + "%");
  }

  private static String quote(String identifier, String quote) {
    return quote.isEmpty() ? identifier : quote + identifier.replace(quote, quote + quote) + quote;
  }
}
