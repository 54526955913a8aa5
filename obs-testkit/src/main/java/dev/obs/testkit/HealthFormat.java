package dev.obs.testkit;

import dev.obs.health.CheckOptions;
import dev.obs.health.HealthRegistry;
import dev.obs.health.HealthReport;
import dev.obs.health.HealthResult;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Text forms of health reports and results for assertion messages. */
final class HealthFormat {
  private HealthFormat() {}

  /**
   * Each check of a report with its status and message, in report order, such as {@code db UP,
   * cache DOWN (non-critical) "refused"}; {@code none} when the report is empty. The registry, when
   * known, marks the non-critical checks.
   */
  static String checks(HealthReport report, @Nullable HealthRegistry registry) {
    if (report.checks().isEmpty()) {
      return "none";
    }
    List<String> parts = new ArrayList<>();
    report
        .checks()
        .forEach(
            (name, result) -> {
              StringBuilder part = new StringBuilder(name).append(' ').append(result.status());
              CheckOptions options = registry == null ? null : registry.options(name);
              if (options != null && !options.critical()) {
                part.append(" (non-critical)");
              }
              if (result.message() != null) {
                part.append(' ').append(quote(result.message()));
              }
              parts.add(part.toString());
            });
    return String.join(", ", parts);
  }

  /** A result's status, message and details, such as {@code DOWN "refused" {port=6379}}. */
  static String result(HealthResult result) {
    StringBuilder text = new StringBuilder(result.status().name());
    if (result.message() != null) {
      text.append(' ').append(quote(result.message()));
    }
    if (!result.details().isEmpty()) {
      text.append(' ').append(result.details());
    }
    return text.toString();
  }

  /** A result's details, such as {@code {database=PostgreSQL, latency_ms=3}}; {@code none}. */
  static String details(HealthResult result) {
    return result.details().isEmpty() ? "none" : result.details().toString();
  }

  /** Text in double quotes, as messages appear in failures. */
  static String quote(String text) {
    return '"' + text + '"';
  }

  /** A detail value as a failure shows it: strings quoted, everything else as printed. */
  static String value(@Nullable Object value) {
    return value instanceof CharSequence ? quote(value.toString()) : String.valueOf(value);
  }

  /** Whether a detail value matches: equal, or both numbers of the same value ({@code 3 == 3L}). */
  static boolean sameValue(@Nullable Object actual, @Nullable Object expected) {
    if (Objects.equals(actual, expected)) {
      return true;
    }
    if (actual instanceof Number a && expected instanceof Number e) {
      try {
        return new BigDecimal(a.toString()).compareTo(new BigDecimal(e.toString())) == 0;
      } catch (NumberFormatException notFinite) {
        // NaN or an infinity: compare as doubles, where NaN equals NaN.
        return Double.compare(a.doubleValue(), e.doubleValue()) == 0;
      }
    }
    return false;
  }
}
