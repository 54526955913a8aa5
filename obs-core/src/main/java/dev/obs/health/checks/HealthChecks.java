package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Built-in checks for common dependencies. Each factory validates its arguments at once and returns
 * a check that bounds its own I/O with a timeout (2 seconds unless given), so that it never leaves
 * a registry thread hanging; the registry's own timeout still applies on top. Failures a user can
 * act on come back as DOWN results with a message naming the dependency; details use snake_case
 * keys.
 *
 * <pre>{@code
 * registry.register("db", HealthChecks.jdbc(dataSource));
 * registry.register("cache", HealthChecks.redis(RedisCheckOptions.builder().host("cache").build()));
 * registry.register("payments", HealthChecks.http(URI.create("http://payments/health")));
 * registry.register("disk", HealthChecks.diskSpaceFreePercent(Path.of("/data"), 10));
 * registry.register("schema", HealthChecks.flywayMigrations(dataSource));
 * }</pre>
 */
public final class HealthChecks {
  /** The default timeout of every built-in check: 2 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private HealthChecks() {}

  /**
   * Checks a database with {@link java.sql.Connection#isValid(int)}. Details: {@code database}
   * (product name), {@code version} (product version) and {@code latency_ms}.
   *
   * @param dataSource the application's data source; how long getting a connection may take is its
   *     own setting
   * @return the check
   */
  public static HealthCheck jdbc(DataSource dataSource) {
    return new JdbcCheck(dataSource, null, DEFAULT_TIMEOUT);
  }

  /**
   * Checks a database with {@link java.sql.Connection#isValid(int)} and the given timeout.
   *
   * @param dataSource the application's data source
   * @param timeout how long validation may take; JDBC counts it in whole seconds, rounded up
   * @return the check
   * @throws IllegalArgumentException when the timeout is not positive
   */
  public static HealthCheck jdbc(DataSource dataSource, Duration timeout) {
    return new JdbcCheck(dataSource, null, timeout);
  }

  /**
   * Checks a database by running a validation query, such as {@code SELECT 1}.
   *
   * @param dataSource the application's data source
   * @param validationQuery the query; it fails the check only by throwing
   * @return the check
   * @throws IllegalArgumentException when the query is blank
   */
  public static HealthCheck jdbc(DataSource dataSource, String validationQuery) {
    return new JdbcCheck(dataSource, validationQuery, DEFAULT_TIMEOUT);
  }

  /**
   * Checks a database by running a validation query with a query timeout.
   *
   * @param dataSource the application's data source
   * @param validationQuery the query, such as {@code SELECT 1}
   * @param timeout the query timeout; JDBC counts it in whole seconds, rounded up
   * @return the check
   * @throws IllegalArgumentException when the query is blank or the timeout is not positive
   */
  public static HealthCheck jdbc(DataSource dataSource, String validationQuery, Duration timeout) {
    return new JdbcCheck(dataSource, validationQuery, timeout);
  }

  /**
   * Checks Redis over its wire protocol, without a client library: {@code AUTH} and {@code SELECT}
   * when configured, {@code PING}, then {@code INFO}. Details: {@code redis_version}, {@code
   * used_memory_bytes}, {@code maxmemory_bytes}, {@code memory_used_ratio} (when a maxmemory is
   * set) and {@code latency_ms} (connect, authenticate and ping).
   *
   * @param options where and how to connect
   * @return the check
   */
  public static HealthCheck redis(RedisCheckOptions options) {
    return new RedisCheck(options);
  }

  /**
   * Checks that a URL answers with a 2xx status within 2 seconds.
   *
   * @param url an {@code http} or {@code https} URL
   * @return the check
   * @throws IllegalArgumentException when the URL is not an absolute http or https URL
   */
  public static HealthCheck http(URI url) {
    return http(HttpCheckOptions.builder().url(url).build());
  }

  /**
   * Checks a chain of URLs: the first that answers with an expected status makes the check UP.
   * Details: {@code url} (the one that answered), {@code status}, {@code latency_ms}, and {@code
   * attempts} (what each URL answered) when an earlier URL failed. DOWN lists every URL's answer.
   *
   * @param options the URLs, expected statuses and timeout
   * @return the check
   */
  public static HealthCheck http(HttpCheckOptions options) {
    return new HttpCheck(options);
  }

  /**
   * Checks that a TCP port accepts connections within 2 seconds. Details: {@code latency_ms}.
   *
   * @param host the host name or address
   * @param port the port
   * @return the check
   * @throws IllegalArgumentException when the host is blank or the port out of range
   */
  public static HealthCheck tcp(String host, int port) {
    return new TcpCheck(host, port, DEFAULT_TIMEOUT);
  }

  /**
   * Checks that a TCP port accepts connections within a timeout.
   *
   * @param host the host name or address
   * @param port the port
   * @param timeout the connect timeout
   * @return the check
   * @throws IllegalArgumentException when the host is blank, the port out of range or the timeout
   *     not positive
   */
  public static HealthCheck tcp(String host, int port, Duration timeout) {
    return new TcpCheck(host, port, timeout);
  }

  /**
   * Checks that the file store holding a path has at least some bytes free for this process, such
   * as {@code free space 1.2 GB is below the threshold 2.0 GB on /data} when DOWN. Details: {@code
   * path}, {@code free_bytes}, {@code total_bytes}, {@code free_percent}, {@code threshold_bytes}.
   *
   * @param path any path on the file store, which must exist
   * @param minFreeBytes the least free space that is healthy
   * @return the check
   * @throws IllegalArgumentException when the threshold is negative
   */
  public static HealthCheck diskSpace(Path path, long minFreeBytes) {
    return DiskSpaceCheck.bytes(path, minFreeBytes);
  }

  /**
   * Checks that the file store holding a path has at least a percentage of its size free for this
   * process. Details: {@code path}, {@code free_bytes}, {@code total_bytes}, {@code free_percent},
   * {@code threshold_percent}.
   *
   * @param path any path on the file store, which must exist
   * @param minFreePercent the least free percentage that is healthy, between 0 and 100
   * @return the check
   * @throws IllegalArgumentException when the percentage is outside 0 to 100
   */
  public static HealthCheck diskSpaceFreePercent(Path path, double minFreePercent) {
    return DiskSpaceCheck.percent(path, minFreePercent);
  }

  /**
   * Reports DEGRADED, not DOWN, when the heap still in use after garbage collection exceeds a share
   * of the maximum heap: the JVM is close to running out of memory, but restarting it for that is
   * the orchestrator's call. Details: {@code used_bytes}, {@code max_bytes}, {@code used_ratio},
   * {@code threshold_ratio} and {@code measured} ({@code after_last_gc}, {@code after_gc}, or
   * {@code current} before any collection).
   *
   * @param maxUsedRatio the highest healthy ratio, greater than 0 and at most 1, such as 0.9
   * @return the check
   * @throws IllegalArgumentException when the ratio is out of range
   */
  public static HealthCheck heap(double maxUsedRatio) {
    return new HeapCheck(maxUsedRatio);
  }

  /**
   * Checks Flyway's {@code flyway_schema_history} in the connection's current schema: it exists and
   * records no failed migration. Details: {@code applied}, {@code latest_version}, and {@code
   * failed} when any failed.
   *
   * @param dataSource the application's data source
   * @return the check
   */
  public static HealthCheck flywayMigrations(DataSource dataSource) {
    return new FlywayCheck(dataSource, MigrationCheckOptions.defaults());
  }

  /**
   * Checks Flyway's history table with a schema, table name or expectations of its own.
   *
   * @param dataSource the application's data source
   * @param options the table's location and what must have been applied
   * @return the check
   */
  public static HealthCheck flywayMigrations(DataSource dataSource, MigrationCheckOptions options) {
    return new FlywayCheck(dataSource, options);
  }

  /**
   * Checks Liquibase's {@code DATABASECHANGELOG} in the connection's current schema: it exists and
   * records no failed change set. Details: {@code applied}, {@code latest_id}, and {@code failed}
   * when any failed.
   *
   * @param dataSource the application's data source
   * @return the check
   */
  public static HealthCheck liquibaseMigrations(DataSource dataSource) {
    return new LiquibaseCheck(dataSource, MigrationCheckOptions.defaults());
  }

  /**
   * Checks Liquibase's change log table with a schema, table name or expected count of its own.
   *
   * @param dataSource the application's data source
   * @param options the table's location and how many change sets must have been applied
   * @return the check
   * @throws IllegalArgumentException when the options expect a version, which only Flyway has
   */
  public static HealthCheck liquibaseMigrations(
      DataSource dataSource, MigrationCheckOptions options) {
    return new LiquibaseCheck(dataSource, options);
  }
}
