package dev.obs.health.checks;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.Locale;

/** Formats sizes, percentages and latencies the same way in every built-in check's messages. */
final class Units {
  private static final String[] BYTE_UNITS = {"KB", "MB", "GB", "TB", "PB", "EB"};

  private Units() {}

  /**
   * Formats a size in binary units with one decimal: {@code 512 B}, {@code 1.5 KB}, {@code 2.0 GB}
   * (1 GB = 1024 MB).
   */
  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, BYTE_UNITS[unit]);
  }

  /** Formats a ratio as a percentage with three significant digits: 0.9123 → {@code 91.2%}. */
  static String percent(double ratio) {
    return number(ratio * 100) + "%";
  }

  /** Formats a number with at most three significant digits and no trailing zeros. */
  static String number(double value) {
    if (value == 0 || !Double.isFinite(value)) {
      return value == 0 ? "0" : String.valueOf(value);
    }
    return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }

  /** Counts a noun: {@code 1 migration}, {@code 3 migrations}. */
  static String count(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  /** Rounds a ratio to four decimals for the details. */
  static double ratio(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  /** Milliseconds since a {@link System#nanoTime()} reading, rounded to two decimals. */
  static double millisSince(long startNanos) {
    return Math.round((System.nanoTime() - startNanos) / 10_000.0) / 100.0;
  }

  /** Formats a timeout for messages: {@code 300 ms}. */
  static String millis(Duration duration) {
    return duration.toMillis() + " ms";
  }

  /** The timeout in whole seconds, rounded up and at least 1, for JDBC's second-based timeouts. */
  static int seconds(Duration duration) {
    long seconds = (duration.toMillis() + 999) / 1000;
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, seconds));
  }

  /** Checks that a timeout is positive, naming it in the exception. */
  static Duration positive(String name, Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(
          name + " must be a positive duration like 2s, got " + timeout);
    }
    return timeout;
  }

  /** Checks a TCP port. */
  static int port(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be between 1 and 65535, got " + port);
    }
    return port;
  }

  /** Checks a host name. */
  static String host(String host) {
    if (host.isBlank()) {
      throw new IllegalArgumentException("host must not be blank");
    }
    return host;
  }
}
