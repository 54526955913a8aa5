package dev.obs.history;

import java.time.Instant;
import java.util.Objects;

/**
 * What one route served during one minute: requests, errors, total time, the P50/P95/P99 latency
 * and the bucket counts they were computed from. The route {@link #ALL_ROUTES} holds every route
 * together, with exact quantiles over all of them.
 *
 * @param minute the start of the minute
 * @param route the route template, such as {@code /users/{id}}, or {@link #ALL_ROUTES}
 * @param requests the number of requests that finished in the minute
 * @param errors how many of them had a status counted as an error
 * @param sumSeconds their total duration in seconds
 * @param p50 the median latency in seconds, {@code NaN} without requests
 * @param p95 the 95th percentile in seconds, {@code NaN} without requests
 * @param p99 the 99th percentile in seconds, {@code NaN} without requests
 * @param histogram the latency buckets of the minute
 */
public record RouteMinute(
    Instant minute,
    String route,
    long requests,
    long errors,
    double sumSeconds,
    double p50,
    double p95,
    double p99,
    LatencyHistogram histogram) {

  /** The route name of the row that aggregates every route of a minute. */
  public static final String ALL_ROUTES = "*";

  /**
   * Checks the fields.
   *
   * @param minute the minute
   * @param route the route
   * @param requests the requests
   * @param errors the errors
   * @param sumSeconds the total time
   * @param p50 the median
   * @param p95 the 95th percentile
   * @param p99 the 99th percentile
   * @param histogram the buckets
   */
  public RouteMinute {
    Objects.requireNonNull(minute, "minute");
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(histogram, "histogram");
  }

  /**
   * Builds a row from counts and buckets, computing the quantiles from the buckets.
   *
   * @param minute the start of the minute
   * @param route the route
   * @param requests the requests
   * @param errors the errors
   * @param sumSeconds the total time in seconds
   * @param histogram the buckets
   * @return the row
   */
  public static RouteMinute of(
      Instant minute,
      String route,
      long requests,
      long errors,
      double sumSeconds,
      LatencyHistogram histogram) {
    return new RouteMinute(
        minute,
        route,
        requests,
        errors,
        sumSeconds,
        histogram.quantile(0.50),
        histogram.quantile(0.95),
        histogram.quantile(0.99),
        histogram);
  }

  /**
   * Adds another row of the same minute and route, such as one written before a restart.
   *
   * @param other the other row
   * @return the sum, with quantiles recomputed from the merged buckets
   */
  public RouteMinute plus(RouteMinute other) {
    return of(
        minute,
        route,
        requests + other.requests,
        errors + other.errors,
        sumSeconds + other.sumSeconds,
        histogram.plus(other.histogram));
  }
}
