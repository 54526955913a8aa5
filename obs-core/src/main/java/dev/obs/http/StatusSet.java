package dev.obs.http;

import java.util.Locale;

/** A set of HTTP status codes parsed from text like {@code 5xx,429} or {@code 500-503}. */
final class StatusSet {
  private final boolean[] members = new boolean[1000];
  private final String spec;

  private StatusSet(String spec) {
    this.spec = spec;
  }

  /** Parses a spec; returns null when any item is not a status, a range or a class. */
  static StatusSet parse(String spec) {
    StatusSet set = new StatusSet(spec);
    for (String raw : spec.split(",")) {
      String item = raw.trim().toLowerCase(Locale.ROOT);
      if (item.isEmpty()) {
        continue;
      }
      if (item.length() == 3
          && item.endsWith("xx")
          && item.charAt(0) >= '1'
          && item.charAt(0) <= '5') {
        int base = (item.charAt(0) - '0') * 100;
        set.add(base, base + 99, spec);
      } else if (item.contains("-")) {
        String[] bounds = item.split("-", 2);
        set.add(status(bounds[0], spec), status(bounds[1], spec), spec);
      } else {
        int s = status(item, spec);
        set.add(s, s, spec);
      }
    }
    return set;
  }

  private static int status(String text, String spec) {
    try {
      int s = Integer.parseInt(text.trim());
      if (s >= 100 && s <= 999) {
        return s;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "'" + text.trim() + "' in '" + spec + "' is not a status code from 100 to 999");
  }

  private void add(int from, int to, String spec) {
    if (from > to) {
      throw new IllegalArgumentException(
          "range '" + from + "-" + to + "' in '" + spec + "' is empty");
    }
    for (int s = from; s <= to; s++) {
      members[s] = true;
    }
  }

  boolean contains(int status) {
    return status >= 0 && status < members.length && members[status];
  }

  @Override
  public String toString() {
    return spec;
  }
}
