package dev.obs.testkit;

import dev.obs.config.EditDistance;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/** "Did you mean" for a meter name that is not registered, and the names that are. */
final class MeterNames {
  private MeterNames() {}

  /**
   * The text after "found none": the closest registered names, if any are near, then every
   * registered name, such as {@code ; did you mean 'orders.placed'? Registered meter names: a, b}.
   */
  static String suggestions(MeterRegistry registry, String name) {
    TreeSet<String> names = new TreeSet<>();
    for (Meter m : registry.getMeters()) {
      names.add(m.getId().getName());
    }
    List<String> near = new ArrayList<>();
    int best = Integer.MAX_VALUE;
    String wanted = normalized(name);
    for (String candidate : names) {
      int d = EditDistance.between(wanted, normalized(candidate));
      if (d > Math.max(2, name.length() / 4)) {
        continue;
      }
      if (d < best) {
        near.clear();
        best = d;
      }
      if (d == best) {
        near.add("'" + candidate + "'");
      }
    }
    String suggestion = near.isEmpty() ? "." : "; did you mean " + String.join(" or ", near) + "?";
    return suggestion
        + " Registered meter names: "
        + (names.isEmpty() ? "none" : String.join(", ", names));
  }

  // Prometheus spellings (orders_placed_total) and case compare as the dotted name.
  private static String normalized(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace('_', '.');
    for (String suffix : List.of(".total", ".seconds", ".count", ".sum", ".bucket")) {
      if (n.endsWith(suffix)) {
        n = n.substring(0, n.length() - suffix.length());
      }
    }
    return n;
  }
}
