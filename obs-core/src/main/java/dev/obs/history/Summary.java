package dev.obs.history;

import java.time.Duration;
import java.util.List;

/**
 * How the application did over a window: what {@code GET /obs/api/summary} answers.
 *
 * @param window the window, ending now
 * @param uptimePercent the share of sampled minutes whose overall health was available (UP or
 *     DEGRADED), or {@code NaN} when no minute was sampled
 * @param requests the requests served
 * @param errors how many had an error status
 * @param errorRate errors divided by requests, or {@code NaN} without requests
 * @param averageSeconds the mean latency, or {@code NaN} without requests
 * @param p95Seconds the 95th percentile latency over the whole window, or {@code NaN}
 * @param slowestRoutes up to five routes with the highest mean latency, slowest first
 */
public record Summary(
    Duration window,
    double uptimePercent,
    long requests,
    long errors,
    double errorRate,
    double averageSeconds,
    double p95Seconds,
    List<RouteSummary> slowestRoutes) {

  /**
   * Copies the list of routes.
   *
   * @param window the window
   * @param uptimePercent the uptime
   * @param requests the requests
   * @param errors the errors
   * @param errorRate the error rate
   * @param averageSeconds the mean latency
   * @param p95Seconds the 95th percentile
   * @param slowestRoutes the slowest routes
   */
  public Summary {
    slowestRoutes = List.copyOf(slowestRoutes);
  }

  /**
   * One route in a summary.
   *
   * @param route the route template
   * @param requests the requests it served
   * @param errorRate its errors divided by its requests
   * @param averageSeconds its mean latency
   * @param p95Seconds its 95th percentile latency
   */
  public record RouteSummary(
      String route, long requests, double errorRate, double averageSeconds, double p95Seconds) {}
}
