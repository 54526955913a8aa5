package dev.obs.alerts.notify;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the n-th retry waits {@code initial * 2^(n-1)}, capped at {@code
 * max}, plus up to a quarter more at random so that many instances do not retry in step.
 */
record Backoff(int maxAttempts, Duration initial, Duration max) {
  static final Backoff DEFAULT = new Backoff(6, Duration.ofSeconds(1), Duration.ofMinutes(1));

  Backoff {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be at least 1, got " + maxAttempts);
    }
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "backoff must be positive with max >= initial, got " + initial + " and " + max);
    }
  }

  /** The wait before attempt {@code failedAttempts + 1}; {@code random} returns [0, 1). */
  Duration delay(int failedAttempts, DoubleSupplier random) {
    long base = initial.toMillis();
    for (int i = 1; i < failedAttempts && base < max.toMillis(); i++) {
      base *= 2;
    }
    base = Math.min(base, max.toMillis());
    return Duration.ofMillis(base + (long) (base * 0.25 * random.getAsDouble()));
  }

  /** The longest wait before attempt {@code failedAttempts + 1}, jitter included. */
  Duration maxDelay(int failedAttempts) {
    return delay(failedAttempts, () -> 1.0);
  }
}
