package dev.obs.history;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Where history is kept: per-minute route and check rows, and incidents. {@link #memory()} is the
 * default; {@link #jdbc(DataSource, String)} keeps history in PostgreSQL or H2 across restarts.
 * Every method is called off the request path, by the sampler thread or by an admin request.
 *
 * <pre>{@code
 * HistoryStore store = HistoryStore.jdbc(dataSource, "monitoring");
 * }</pre>
 */
public interface HistoryStore extends AutoCloseable {

  /** The default cap on route rows kept by the memory store: 200,000. */
  int DEFAULT_MEMORY_ROUTE_ROWS = 200_000;

  /**
   * Returns a store that keeps history in this process only, at most {@link
   * #DEFAULT_MEMORY_ROUTE_ROWS} route rows (the oldest go first) and every check minute within the
   * retention.
   *
   * @return a new memory store
   */
  static HistoryStore memory() {
    return new MemoryStore(DEFAULT_MEMORY_ROUTE_ROWS);
  }

  /**
   * Returns a memory store that keeps at most the given number of route rows.
   *
   * @param maxRouteRows at least 1
   * @return a new memory store
   * @throws IllegalArgumentException if the cap is below 1
   */
  static HistoryStore memory(int maxRouteRows) {
    if (maxRouteRows < 1) {
      throw new IllegalArgumentException("maxRouteRows must be at least 1, got " + maxRouteRows);
    }
    return new MemoryStore(maxRouteRows);
  }

  /**
   * Returns a store in a PostgreSQL or H2 database. {@link #open()} creates or upgrades its tables
   * (named {@code obs_*}) with versioned, idempotent DDL.
   *
   * @param dataSource where to connect
   * @param schema the schema holding the tables, created if missing, or {@code null} for the
   *     connection's default schema
   * @return a new JDBC store
   * @throws IllegalArgumentException if the schema is not a plain SQL identifier
   */
  static HistoryStore jdbc(DataSource dataSource, @Nullable String schema) {
    return new JdbcStore(dataSource, schema);
  }

  /**
   * Prepares the store: the JDBC store creates or upgrades its tables here. Called once by {@link
   * History#start()}.
   *
   * @throws HistoryException when the store cannot be prepared
   */
  void open();

  /**
   * Writes one batch of rows. A row for a minute and route (or check) already stored is merged with
   * it: route counts add up, a check's status is replaced.
   *
   * @param routes route rows
   * @param checks check rows
   * @throws HistoryException when the write fails
   */
  void write(List<RouteMinute> routes, List<CheckMinute> checks);

  /**
   * Reads route rows in {@code [from, to)}, ordered by minute then route.
   *
   * @param from the first minute included
   * @param to the first minute excluded
   * @param route one route, or {@code null} for every route including {@link
   *     RouteMinute#ALL_ROUTES}
   * @return the rows
   */
  List<RouteMinute> routes(Instant from, Instant to, @Nullable String route);

  /**
   * Sums each route's rows in {@code [from, to)}, leaving out {@link RouteMinute#ALL_ROUTES}.
   *
   * @param from the first minute included
   * @param to the first minute excluded
   * @return one total per route that had requests
   */
  List<RouteTotals> routeTotals(Instant from, Instant to);

  /**
   * Reads check rows in {@code [from, to)}, ordered by minute then check.
   *
   * @param from the first minute included
   * @param to the first minute excluded
   * @param check one check, or {@code null} for every check
   * @return the rows
   */
  List<CheckMinute> checks(Instant from, Instant to, @Nullable String check);

  /**
   * Counts each check's minutes per UTC day and status in {@code [from, to)}.
   *
   * @param from the first minute included
   * @param to the first minute excluded
   * @return one entry per check and day that has rows, ordered by check then day
   */
  List<DailyUptime> dailyUptime(Instant from, Instant to);

  /**
   * Inserts or replaces an incident with all its updates.
   *
   * @param incident the incident
   * @throws HistoryException when the write fails
   */
  void save(Incident incident);

  /**
   * Returns one incident.
   *
   * @param id its id
   * @return the incident, or {@code null} when there is none with that id
   */
  @Nullable Incident incident(String id);

  /**
   * Returns the incidents still open and those resolved at or after a time, newest first.
   *
   * @param resolvedSince the oldest resolution time to include
   * @return the incidents
   */
  List<Incident> incidents(Instant resolvedSince);

  /**
   * Deletes route and check rows older than a time, and incidents resolved before it.
   *
   * @param before the first instant kept
   * @return the number of rows and incidents deleted
   * @throws HistoryException when the delete fails
   */
  long purge(Instant before);

  /** Releases what the store holds; the data of a JDBC store stays in the database. */
  @Override
  void close();
}
