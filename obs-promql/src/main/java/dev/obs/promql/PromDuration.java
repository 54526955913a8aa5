package dev.obs.promql;

import java.time.Duration;

/**
 * Prometheus durations such as {@code 5m}, {@code 1h30m} or {@code 90d}: the syntax of PromQL
 * ranges and offsets and of a rule file's {@code for}, {@code keep_firing_for} and {@code
 * interval}. Units go from largest to smallest, each at most once: {@code y} (365 days), {@code w},
 * {@code d}, {@code h}, {@code m}, {@code s}, {@code ms}; a bare {@code 0} is zero.
 *
 * <pre>{@code
 * Duration d = PromDuration.parse("1h30m"); // PT1H30M
 * PromDuration.format(Duration.ofDays(90)); // "90d"
 * }</pre>
 */
public final class PromDuration {
  private static final long DAY = 86_400_000L;
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] UNIT_MILLIS = {
    365 * DAY, 7 * DAY, DAY, 3_600_000L, 60_000L, 1000L, 1L
  };

  /** Prometheus' message for a duration too long for it, which callers tell from bad syntax. */
  static final String OUT_OF_RANGE = "duration out of range";

  /** Prometheus keeps durations in Go's {@code time.Duration}, whole nanoseconds in an int64. */
  private static final long MAX_MILLIS = Long.MAX_VALUE / 1_000_000L;

  private PromDuration() {}

  /**
   * Parses a duration as Prometheus does.
   *
   * @param text such as {@code 5m}, {@code 1h30m}, {@code 500ms} or {@code 0}
   * @return the duration
   * @throws IllegalArgumentException with Prometheus' message ({@code not a valid duration string:
   *     "5x"}, {@code empty duration string} or {@code duration out of range}) when the text is not
   *     a duration Prometheus accepts
   */
  public static Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    long total = 0;
    int pos = 0;
    int unit = 0;
    while (pos < text.length()) {
      int digits = pos;
      while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
        pos++;
      }
      int next = pos == digits ? -1 : unitAt(text, pos, unit);
      if (next < 0) {
        throw new IllegalArgumentException("not a valid duration string: " + quoted(text));
      }
      try {
        long n = Long.parseLong(text, digits, pos, 10);
        total = Math.addExact(total, Math.multiplyExact(n, UNIT_MILLIS[next]));
      } catch (NumberFormatException | ArithmeticException e) {
        throw new IllegalArgumentException(OUT_OF_RANGE, e);
      }
      pos += UNITS[next].length();
      unit = next + 1;
    }
    if (total > MAX_MILLIS) {
      throw new IllegalArgumentException(OUT_OF_RANGE);
    }
    return Duration.ofMillis(total);
  }

  /** Returns the index of the unit at {@code pos}, no larger than the unit before it, or -1. */
  private static int unitAt(String text, int pos, int from) {
    // "ms" before "m" so that 5ms is not read as 5 minutes followed by junk.
    if (from <= 6 && text.startsWith("ms", pos)) {
      return 6;
    }
    for (int i = from; i < 6; i++) {
      if (text.startsWith(UNITS[i], pos)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Formats a duration exactly as Prometheus prints one ({@code model.Duration.String()}): the
   * largest units first, years and weeks only when they divide the duration exactly, so 90 days
   * print as {@code 90d} and 14 days as {@code 2w}; zero prints as {@code 0s}. Anything below a
   * millisecond is dropped, as Prometheus counts in milliseconds.
   *
   * @param duration a duration that is not negative
   * @return such as {@code 1h30m}, {@code 2w} or {@code 500ms}
   * @throws IllegalArgumentException if the duration is negative
   */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException(
          "a Prometheus duration must not be negative, got " + duration);
    }
    long ms = duration.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < UNITS.length; i++) {
      // Years and weeks only when exact, as 90d reads better than 12w6d.
      boolean exactOnly = i < 2;
      if (exactOnly && ms % UNIT_MILLIS[i] != 0) {
        continue;
      }
      long n = ms / UNIT_MILLIS[i];
      if (n > 0) {
        b.append(n).append(UNITS[i]);
        ms -= n * UNIT_MILLIS[i];
      }
    }
    return b.toString();
  }

  private static String quoted(String text) {
    StringBuilder b = new StringBuilder();
    Printer.quote(b, text);
    return b.toString();
  }
}
