package dev.obs.alerts.notify;

import dev.obs.config.ObsConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * At most {@code count} notifications per {@code period}, counted over a sliding window; written
 * {@code 10/1h} in configuration.
 *
 * @param count how many notifications the window allows, at least 1
 * @param period the window
 */
public record RateLimit(int count, Duration period) {

  /**
   * Validates the limit.
   *
   * @param count at least 1
   * @param period positive
   */
  public RateLimit {
    if (count < 1) {
      throw new IllegalArgumentException("rate limit count must be at least 1, got " + count);
    }
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("rate limit period must be positive, got " + period);
    }
  }

  /**
   * Parses {@code count/period}, such as {@code 10/1h} or {@code 20/1m}.
   *
   * @param text the limit
   * @return the limit, or {@code null} when the text is not one
   */
  public static @Nullable RateLimit parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      return null;
    }
    try {
      int count = Integer.parseInt(text.substring(0, slash).trim());
      Duration period = ObsConfig.parseDuration(text.substring(slash + 1));
      if (count < 1 || period == null || period.isZero() || period.isNegative()) {
        return null;
      }
      return new RateLimit(count, period);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Returns the limit as configured, such as {@code 10/PT1H}. */
  @Override
  public String toString() {
    return count + "/" + period;
  }
}
