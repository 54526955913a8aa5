package dev.obs.testkit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Text forms of meter ids, tags, durations and numbers for assertion messages. */
final class MeterFormat {
  private MeterFormat() {}

  /** {@code name{k=v, k=v}}, or just the name when it has no tags. */
  static String id(Meter.Id id) {
    List<Tag> tags = id.getTags();
    return tags.isEmpty() ? id.getName() : id.getName() + "{" + joined(tags) + "}";
  }

  /** {@code [k=v, k=v]}. */
  static String tags(Iterable<Tag> tags) {
    return "[" + joined(tags) + "]";
  }

  /** The tag lists of several meters, sorted so messages do not depend on registry order. */
  static String tagLists(Iterable<? extends Meter> meters) {
    List<String> lists = new ArrayList<>();
    for (Meter m : meters) {
      lists.add(tags(m.getId().getTags()));
    }
    lists.sort(Comparator.naturalOrder());
    return String.join(", ", lists);
  }

  /** The type and tag lists of several meters, such as {@code counter [a=b], gauge [c=d]}. */
  static String typedTagLists(Iterable<? extends Meter> meters) {
    List<String> lists = new ArrayList<>();
    for (Meter m : meters) {
      lists.add(
          m.getId().getType().name().toLowerCase(Locale.ROOT) + " " + tags(m.getId().getTags()));
    }
    lists.sort(Comparator.naturalOrder());
    return String.join(", ", lists);
  }

  private static String joined(Iterable<Tag> tags) {
    List<String> parts = new ArrayList<>();
    for (Tag t : tags) {
      parts.add(t.getKey() + "=" + t.getValue());
    }
    return String.join(", ", parts);
  }

  /**
   * A duration in the largest whole unit: {@code 2s}, {@code 150ms}, {@code 250us}, {@code 7ns}.
   */
  static String duration(double nanos) {
    if (nanos == Math.rint(nanos) && Math.abs(nanos) < 1e18) {
      long n = (long) nanos;
      if (n != 0 && n % 1_000_000_000L == 0) {
        return n / 1_000_000_000L + "s";
      }
      if (n % 1_000_000L == 0) {
        return n / 1_000_000L + "ms";
      }
      if (n % 1_000L == 0) {
        return n / 1_000L + "us";
      }
      return n + "ns";
    }
    return nanos + "ns";
  }

  /** A count or value: whole numbers without a fraction ({@code 3}), others as Java prints them. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return Double.toString(value);
  }
}
