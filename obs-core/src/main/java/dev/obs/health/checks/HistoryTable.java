package dev.obs.health.checks;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Finds a migration history table through {@link DatabaseMetaData}, whatever case the database
 * stored its name in (Flyway quotes a lower-case name, Liquibase's is upper case on H2 and lower
 * case on PostgreSQL), and returns its name quoted for SQL.
 */
final class HistoryTable {
  private HistoryTable() {}

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
