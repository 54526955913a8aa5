package dev.obs.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Reads the parts of Sentry event JSON that assertions need, and describes events in failures. */
final class SentryEvents {
  private SentryEvents() {}

  static boolean hasType(Map<String, Object> event, Class<? extends Throwable> type) {
    for (Map<?, ?> value : exceptions(event)) {
      Object name = value.get("type");
      Object module = value.get("module");
      String full = module == null ? String.valueOf(name) : module + "." + name;
      if (full.equals(type.getName())
          || (type.getSimpleName().equals(name) && type.getPackageName().equals(module))) {
        return true;
      }
    }
    return false;
  }

  static List<Map<?, ?>> exceptions(Map<String, Object> event) {
    List<Map<?, ?>> out = new ArrayList<>();
    if (event.get("exception") instanceof Map<?, ?> exception
        && exception.get("values") instanceof List<?> values) {
      for (Object v : values) {
        if (v instanceof Map<?, ?> m) {
          out.add(m);
        }
      }
    }
    return out;
  }

  /** The breadcrumbs: the SDK sends a list; the protocol also allows {@code {"values": [...]}}. */
  static List<Map<?, ?>> breadcrumbs(Map<String, Object> event) {
    Object crumbs = event.get("breadcrumbs");
    if (crumbs instanceof Map<?, ?> wrapped) {
      crumbs = wrapped.get("values");
    }
    List<Map<?, ?>> out = new ArrayList<>();
    if (crumbs instanceof List<?> list) {
      for (Object c : list) {
        if (c instanceof Map<?, ?> m) {
          out.add(m);
        }
      }
    }
    return out;
  }

  static @Nullable Object path(Map<String, Object> event, String... keys) {
    Object current = event;
    for (String key : keys) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  static String describe(List<Map<String, Object>> events) {
    if (events.isEmpty()) {
      return "  (no events)";
    }
    StringBuilder b = new StringBuilder();
    for (Map<String, Object> event : events) {
      List<String> types = new ArrayList<>();
      for (Map<?, ?> e : exceptions(event)) {
        types.add(e.get("module") + "." + e.get("type") + ": " + e.get("value"));
      }
      b.append("  - ")
          .append(types.isEmpty() ? "(no exception)" : String.join(" <- ", types))
          .append(" tags=")
          .append(event.get("tags"))
          .append(" request=")
          .append(event.get("request"))
          .append(" user=")
          .append(event.get("user"))
          .append(System.lineSeparator());
    }
    return b.toString().stripTrailing();
  }
}
