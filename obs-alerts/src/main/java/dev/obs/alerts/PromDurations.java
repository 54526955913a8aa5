package dev.obs.alerts;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Prometheus duration strings ({@code 1h30m}, {@code 5m}, {@code 250ms}) as rule files use them.
 */
final class PromDurations {
  private static final Pattern FORMAT =
      Pattern.compile(
          "^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?"
              + "(?:([0-9]+)ms)?$");
  private static final long[] UNIT_MS = {
    365L * 24 * 3600_000, 7L * 24 * 3600_000, 24L * 3600_000, 3600_000, 60_000, 1000, 1
  };
  private static final String[] UNIT_NAMES = {"y", "w", "d", "h", "m", "s", "ms"};

  private PromDurations() {}

  /**
   * Parses a Prometheus duration; returns null when the text is not one.
   *
   * @param text such as {@code 5m} or {@code 1h30m}
   * @return the duration, or null
   */
  static @Nullable Duration parse(String text) {
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    if (text.isEmpty()) {
      return null;
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return null;
    }
    long total = 0;
    try {
      for (int i = 0; i < UNIT_MS.length; i++) {
        String group = m.group(i + 1);
        if (group != null) {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(group), UNIT_MS[i]));
        }
      }
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
    return Duration.ofMillis(total);
  }

  /**
   * Formats a duration the way Prometheus prints one: the largest units first, {@code 0s} for zero.
   *
   * @param duration a non-negative duration, whole milliseconds
   * @return such as {@code 1h30m}
   */
  static String format(Duration duration) {
    long ms = duration.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < UNIT_MS.length; i++) {
      long n = ms / UNIT_MS[i];
      if (n > 0) {
        sb.append(n).append(UNIT_NAMES[i]);
        ms -= n * UNIT_MS[i];
      }
    }
    return sb.toString();
  }
}
