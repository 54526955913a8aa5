package dev.obs.health;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The result of a group of checks: the aggregate status and each check's result.
 *
 * @param status the aggregate: DOWN when a critical check is DOWN, DEGRADED when a non-critical
 *     check is DOWN or any check is DEGRADED, otherwise UP
 * @param checks each check's result by name, in registration order
 * @param timestamp when the report was made
 */
public record HealthReport(
    HealthStatus status, Map<String, HealthResult> checks, Instant timestamp) {

  /**
   * Creates a report, copying the checks into an unmodifiable map that keeps their order.
   *
   * @param status the aggregate status
   * @param checks the results by name
   * @param timestamp when the report was made
   */
  public HealthReport {
    checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }

  /**
   * Returns one check's result.
   *
   * @param name the check's name
   * @return the result, or {@code null} when the report has no such check
   */
  public @Nullable HealthResult check(String name) {
    return checks.get(name);
  }
}
