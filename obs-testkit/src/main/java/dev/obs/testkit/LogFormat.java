package dev.obs.testkit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Short one-line summaries of captured log events for failure messages, and value matching. */
final class LogFormat {
  private static final int MAX_EVENTS = 20;
  private static final int MAX_VALUE = 80;
  private static final Set<String> SHOWN_FIRST =
      Set.of("@timestamp", "level", "logger", "message", "thread", "stack_trace");

  private LogFormat() {}

  /** One captured event: its JSON line and its parsed fields. */
  record Event(String line, Map<String, Object> fields) {}

  static String list(List<Event> events) {
    if (events.isEmpty()) {
      return "  (none)";
    }
    StringBuilder out = new StringBuilder();
    int shown = Math.min(events.size(), MAX_EVENTS);
    for (int i = 0; i < shown; i++) {
      out.append(i == 0 ? "" : "\n").append("  ").append(summary(events.get(i).fields()));
    }
    if (events.size() > shown) {
      out.append("\n  … and ").append(events.size() - shown).append(" more");
    }
    return out.toString();
  }

  static String summary(Map<String, Object> event) {
    StringBuilder out = new StringBuilder();
    out.append(event.getOrDefault("level", "?"))
        .append(' ')
        .append(event.getOrDefault("logger", "?"))
        .append(": ")
        .append(shorten(String.valueOf(event.getOrDefault("message", ""))));
    StringBuilder fields = new StringBuilder();
    event.forEach(
        (k, v) -> {
          if (!SHOWN_FIRST.contains(k)) {
            fields.append(fields.length() == 0 ? "" : ", ").append(k).append('=');
            fields.append(shorten(String.valueOf(v)));
          }
        });
    if (fields.length() > 0) {
      out.append(" {").append(fields).append('}');
    }
    Object stack = event.get("stack_trace");
    if (stack != null) {
      out.append(" stack_trace=")
          .append(shorten(String.valueOf(stack).lines().findFirst().orElse("")));
    }
    return out.toString();
  }

  static String shorten(String value) {
    String oneLine = value.replace("\r", "\\r").replace("\n", "\\n");
    return oneLine.length() <= MAX_VALUE ? oneLine : oneLine.substring(0, MAX_VALUE) + "…";
  }

  static String quote(@Nullable Object value) {
    return value instanceof String s ? "\"" + shorten(s) + "\"" : String.valueOf(value);
  }

  /** JSON values match by equality; numbers by value; a scalar also matches its text. */
  static boolean matches(@Nullable Object actual, @Nullable Object expected) {
    if (Objects.equals(actual, expected)) {
      return true;
    }
    if (actual == null || expected == null) {
      return false;
    }
    if (actual instanceof Number a && expected instanceof Number e) {
      return new BigDecimal(a.toString()).compareTo(new BigDecimal(e.toString())) == 0;
    }
    if (isScalar(actual) && isScalar(expected)) {
      return actual.toString().equals(expected.toString());
    }
    return false;
  }

  private static boolean isScalar(Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean;
  }
}
