package dev.obs.history;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** What a point of a series measures, computed from the route rows of its step. */
public enum SeriesMetric {
  /** Requests served in the step. */
  REQUESTS,
  /** Requests with an error status in the step. */
  ERRORS,
  /** Errors divided by requests. */
  ERROR_RATE,
  /** Mean latency in seconds. */
  AVERAGE,
  /** Median latency in seconds. */
  P50,
  /** 95th percentile latency in seconds. */
  P95,
  /** 99th percentile latency in seconds. */
  P99;

  /**
   * Parses a name such as {@code p95} or {@code error_rate} in any case.
   *
   * @param text the name
   * @return the metric, or {@code null} when the text names none
   */
  public static @Nullable SeriesMetric parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /**
   * Returns the lower-case name used in URLs and JSON.
   *
   * @return the name, such as {@code p95}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
