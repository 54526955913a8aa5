package dev.obs.promql;

import dev.obs.promql.Lexer.Kind;
import dev.obs.promql.Lexer.Token;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Prometheus durations such as {@code 5m} or {@code 1h30m}: parsing and canonical printing. */
final class Durations {
  private static final Pattern DURATION =
      Pattern.compile(
          "(?:(\\d+)y)?(?:(\\d+)w)?(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");
  private static final long[] DURATION_UNITS = {
    365 * 86_400_000L, 7 * 86_400_000L, 86_400_000L, 3_600_000L, 60_000L, 1000L, 1L
  };

  private Durations() {}

  /** Parses a Prometheus duration such as {@code 5m} or {@code 1h30m} into milliseconds. */
  static long parse(Token t) {
    String s = t.text();
    if (t.kind() == Kind.NUMBER && s.equals("0")) {
      return 0;
    }
    Matcher m = DURATION.matcher(s);
    if (t.kind() != Kind.DURATION || s.isEmpty() || !m.matches()) {
      throw Parser.error(
          "bad duration '" + s + "', expected a duration such as 30s, 5m or 1h30m", t, "duration");
    }
    long total = 0;
    try {
      for (int i = 0; i < DURATION_UNITS.length; i++) {
        String n = m.group(i + 1);
        if (n != null) {
          total = Math.addExact(total, Math.multiplyExact(Long.parseLong(n), DURATION_UNITS[i]));
        }
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw Parser.error("duration '" + s + "' is too long", t, "duration");
    }
    return total;
  }

  /** Formats milliseconds as Prometheus does: {@code 1h30m}, {@code 1d}, {@code 1w}, {@code 0s}. */
  static String format(long millis) {
    if (millis == 0) {
      return "0s";
    }
    StringBuilder b = new StringBuilder();
    long ms = millis;
    long day = 24 * 60 * 60 * 1000L;
    // Years and weeks only when exact, as 90d reads better than 12w6d.
    if (ms % (365 * day) == 0) {
      b.append(ms / (365 * day)).append('y');
      return b.toString();
    }
    if (ms % (7 * day) == 0) {
      b.append(ms / (7 * day)).append('w');
      return b.toString();
    }
    ms = unit(b, ms, day, "d");
    ms = unit(b, ms, 60 * 60 * 1000L, "h");
    ms = unit(b, ms, 60 * 1000L, "m");
    ms = unit(b, ms, 1000L, "s");
    unit(b, ms, 1L, "ms");
    return b.toString();
  }

  private static long unit(StringBuilder b, long ms, long mult, String unit) {
    long n = ms / mult;
    if (n > 0) {
      b.append(n).append(unit);
      return ms - n * mult;
    }
    return ms;
  }
}
