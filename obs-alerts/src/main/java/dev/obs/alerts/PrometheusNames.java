package dev.obs.alerts;

import dev.obs.promql.Labels;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.NamingConvention;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The series names and labels that micrometer-registry-prometheus gives a meter: dots become
 * underscores, gauges, counters and summaries get their base unit, counters {@code _total}, timers
 * {@code _seconds}, and characters Prometheus does not allow become {@code _}.
 */
final class PrometheusNames {
  private PrometheusNames() {}

  /** Returns the base name of a meter as Prometheus sees it, before any per-series suffix. */
  static String name(Meter.Id id) {
    Meter.Type type = id.getType();
    String name = NamingConvention.snakeCase.name(id.getName(), type, id.getBaseUnit());
    String unit = id.getBaseUnit();
    switch (type) {
      case COUNTER, DISTRIBUTION_SUMMARY, GAUGE -> {
        if (unit != null && !unit.isEmpty() && !name.endsWith("_" + unit)) {
          name = name + "_" + unit;
        }
      }
      case TIMER, LONG_TASK_TIMER -> {
        if (!name.endsWith("_seconds")) {
          name = name + "_seconds";
        }
      }
      default -> {}
    }
    name = sanitize(name, true);
    if (type == Meter.Type.COUNTER) {
      // The exposition strips a trailing _total and adds it back, so it appears exactly once.
      if (!name.endsWith("_total")) {
        name = name + "_total";
      }
    }
    return name;
  }

  /** Returns the labels of a meter's series: its tags with sanitized names, plus the name. */
  static Labels labels(Meter.Id id, String seriesName, String @Nullable ... extra) {
    Map<String, String> labels = new TreeMap<>();
    for (Tag t : id.getTagsAsIterable()) {
      labels.put(
          sanitize(NamingConvention.snakeCase.tagKey(t.getKey()), false),
          NamingConvention.snakeCase.tagValue(t.getValue()));
    }
    if (extra != null) {
      for (int i = 0; i + 1 < extra.length; i += 2) {
        labels.put(extra[i], extra[i + 1]);
      }
    }
    labels.put(Labels.METRIC_NAME, seriesName);
    return Labels.of(labels);
  }

  static String sanitize(String name, boolean metric) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || c == '_'
              || (c >= '0' && c <= '9')
              || (metric && c == ':');
      sb.append(ok ? c : '_');
    }
    if (sb.isEmpty() || !(Character.isLetter(sb.charAt(0)) || sb.charAt(0) == '_')) {
      sb.insert(0, "m_");
    }
    return sb.toString();
  }

  /** Formats a bucket boundary or quantile as the Prometheus text exposition writes it. */
  static String number(double v) {
    if (v == Double.POSITIVE_INFINITY) {
      return "+Inf";
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return "-Inf";
    }
    return Double.toString(v);
  }
}
