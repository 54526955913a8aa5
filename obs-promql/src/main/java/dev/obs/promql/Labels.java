package dev.obs.promql;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An immutable label set, sorted by name, as Prometheus identifies a series. The metric name is the
 * label {@code __name__}. Labels with an empty value are dropped, as Prometheus treats a missing
 * label and an empty one alike.
 */
public final class Labels implements Comparable<Labels> {
  /** The label that holds the metric name. */
  public static final String METRIC_NAME = "__name__";

  private static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private int hash;

  /**
   * The last derived label set asked for through {@link #derived}: series labels are long-lived, so
   * an expression evaluated every tick finds its grouping or matching labels here instead of
   * allocating them again. One immutable holder, so racing threads see a consistent pair.
   */
  private @Nullable Derived derived;

  private @Nullable Labels withoutName;

  private record Derived(Object key, boolean keep, Labels labels) {}

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /**
   * Returns the empty label set.
   *
   * @return the empty label set
   */
  public static Labels empty() {
    return EMPTY;
  }

  /**
   * Returns the label set of a map.
   *
   * @param labels label names to values
   * @return the label set
   */
  public static Labels of(Map<String, String> labels) {
    TreeMap<String, String> sorted = new TreeMap<>();
    labels.forEach(
        (k, v) -> {
          Objects.requireNonNull(k, "label name");
          Objects.requireNonNull(v, "label value");
          if (!v.isEmpty()) {
            sorted.put(k, v);
          }
        });
    return fromSorted(sorted);
  }

  /**
   * Returns the label set of alternating names and values, e.g. {@code of("__name__", "up", "job",
   * "api")}.
   *
   * @param namesAndValues names and values, alternating
   * @return the label set
   * @throws IllegalArgumentException when the count is odd or a name repeats
   */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException(
          "labels need names and values in pairs, got " + namesAndValues.length + " strings");
    }
    TreeMap<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      String name = Objects.requireNonNull(namesAndValues[i], "label name");
      String value = Objects.requireNonNull(namesAndValues[i + 1], "label value");
      if (sorted.containsKey(name)) {
        throw new IllegalArgumentException("label '" + name + "' is given twice");
      }
      if (!value.isEmpty()) {
        sorted.put(name, value);
      }
    }
    return fromSorted(sorted);
  }

  private static Labels fromSorted(TreeMap<String, String> sorted) {
    if (sorted.isEmpty()) {
      return EMPTY;
    }
    String[] n = new String[sorted.size()];
    String[] v = new String[sorted.size()];
    int i = 0;
    for (Map.Entry<String, String> e : sorted.entrySet()) {
      n[i] = e.getKey();
      v[i] = e.getValue();
      i++;
    }
    return new Labels(n, v);
  }

  /**
   * Returns a label's value.
   *
   * @param name the label name
   * @return the value, or {@code null} when the label is absent
   */
  public @Nullable String get(String name) {
    int i = Arrays.binarySearch(names, name);
    return i >= 0 ? values[i] : null;
  }

  /**
   * Returns the metric name.
   *
   * @return the value of {@code __name__}, or {@code null} when there is none
   */
  public @Nullable String name() {
    return get(METRIC_NAME);
  }

  /**
   * Returns the number of labels.
   *
   * @return the number of labels
   */
  public int size() {
    return names.length;
  }

  /**
   * Returns the labels as a map sorted by name.
   *
   * @return an unmodifiable sorted map
   */
  public Map<String, String> asMap() {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], values[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  /**
   * Returns these labels without the given ones.
   *
   * @param drop the label names to drop
   * @return the remaining labels, this instance when none is present
   */
  public Labels without(String... drop) {
    int keep = 0;
    boolean[] dropped = new boolean[names.length];
    for (int i = 0; i < names.length; i++) {
      dropped[i] = contains(drop, names[i]);
      if (!dropped[i]) {
        keep++;
      }
    }
    return keep == names.length ? this : select(dropped, keep);
  }

  /**
   * Returns only the given labels of these.
   *
   * @param kept the label names to keep
   * @return the labels kept
   */
  public Labels keep(String... kept) {
    int keep = 0;
    boolean[] dropped = new boolean[names.length];
    for (int i = 0; i < names.length; i++) {
      dropped[i] = !contains(kept, names[i]);
      if (!dropped[i]) {
        keep++;
      }
    }
    return keep == names.length ? this : select(dropped, keep);
  }

  /**
   * Returns these labels without the metric name.
   *
   * @return the labels without {@code __name__}
   */
  public Labels withoutName() {
    if (names.length == 0 || !names[0].equals(METRIC_NAME)) {
      return this;
    }
    Labels w = withoutName;
    if (w == null) {
      w = without(METRIC_NAME);
      withoutName = w;
    }
    return w;
  }

  /**
   * Returns {@link #keep} of the names, or {@link #without} them and the metric name, remembering
   * the last answer for this list instance: the evaluator passes lists from the expression tree,
   * the same instance at every tick.
   */
  Labels derived(List<String> names, boolean keep) {
    Derived d = derived;
    if (d != null && d.key == names && d.keep == keep) {
      return d.labels;
    }
    Labels result;
    if (keep) {
      result = keep(names.toArray(new String[0]));
    } else {
      String[] dropped = names.toArray(new String[names.size() + 1]);
      dropped[names.size()] = METRIC_NAME;
      result = without(dropped);
    }
    derived = new Derived(names, keep, result);
    return result;
  }

  /**
   * Returns these labels with one label set, replaced or removed (for an empty value).
   *
   * @param name the label name
   * @param value the value; empty removes the label
   * @return the new labels
   */
  public Labels with(String name, String value) {
    TreeMap<String, String> map = new TreeMap<>(asMap());
    if (value.isEmpty()) {
      map.remove(name);
    } else {
      map.put(name, value);
    }
    return fromSorted(map);
  }

  private Labels select(boolean[] dropped, int keep) {
    if (keep == 0) {
      return EMPTY;
    }
    String[] n = new String[keep];
    String[] v = new String[keep];
    int j = 0;
    for (int i = 0; i < names.length; i++) {
      if (!dropped[i]) {
        n[j] = names[i];
        v[j] = values[i];
        j++;
      }
    }
    return new Labels(n, v);
  }

  private static boolean contains(String[] list, String name) {
    for (String s : list) {
      if (s.equals(name)) {
        return true;
      }
    }
    return false;
  }

  int count() {
    return names.length;
  }

  String nameAt(int i) {
    return names[i];
  }

  String valueAt(int i) {
    return values[i];
  }

  /** Orders label sets as Prometheus does: label by label, name then value; a prefix first. */
  /** Tells whether a text is a label name, {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  static boolean isLabelName(String s) {
    return isName(s, false);
  }

  /** Tells whether a text is a metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  static boolean isMetricName(String s) {
    return isName(s, true);
  }

  private static boolean isName(String s, boolean colons) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          c == '_'
              || (colons && c == ':')
              || (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (i > 0 && c >= '0' && c <= '9');
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(Labels o) {
    int n = Math.min(names.length, o.names.length);
    for (int i = 0; i < n; i++) {
      int c = names[i].compareTo(o.names[i]);
      if (c != 0) {
        return c;
      }
      c = values[i].compareTo(o.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(names.length, o.names.length);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Labels l
        && hashCode() == l.hashCode()
        && Arrays.equals(names, l.names)
        && Arrays.equals(values, l.values);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 31 * Arrays.hashCode(names) + Arrays.hashCode(values);
      hash = h == 0 ? 1 : h;
    }
    return hash;
  }

  /** Prints the labels as Prometheus does, e.g. {@code up{instance="a", job="api"}}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    String metric = name();
    if (metric != null) {
      b.append(metric);
    }
    b.append('{');
    boolean first = true;
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(METRIC_NAME)) {
        continue;
      }
      if (!first) {
        b.append(", ");
      }
      first = false;
      b.append(names[i]).append('=');
      Printer.quote(b, values[i]);
    }
    return b.append('}').toString();
  }
}
