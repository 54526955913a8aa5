package dev.obs.alerts;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Prometheus's rules for metric and label names. */
final class RuleNames {
  private RuleNames() {}

  static boolean isMetricName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c == '_'
              || c == ':'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static boolean isLabelName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c == '_'
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  static Map<String, String> checkLabels(Map<String, String> labels, String owner) {
    Map<String, String> copy = Collections.unmodifiableMap(new TreeMap<>(labels));
    checkNames(copy.keySet(), "label", owner);
    return copy;
  }

  static void checkNames(Collection<String> names, String kind, String owner) {
    for (String n : names) {
      if (!isLabelName(n)) {
        throw new IllegalArgumentException(
            owner + ": invalid " + kind + " name '" + n + "': must match [a-zA-Z_][a-zA-Z0-9_]*");
      }
    }
  }
}
