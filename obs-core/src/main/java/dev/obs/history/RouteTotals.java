package dev.obs.history;

/**
 * What one route served over a window: requests, errors and total time.
 *
 * @param route the route template
 * @param requests the number of requests
 * @param errors how many had an error status
 * @param sumSeconds their total duration in seconds
 */
public record RouteTotals(String route, long requests, long errors, double sumSeconds) {
  /**
   * Returns the mean latency in seconds.
   *
   * @return the mean, or {@code NaN} without requests
   */
  public double averageSeconds() {
    return requests == 0 ? Double.NaN : sumSeconds / requests;
  }
}
