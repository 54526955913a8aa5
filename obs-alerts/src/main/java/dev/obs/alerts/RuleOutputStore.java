package dev.obs.alerts;

import dev.obs.promql.LabelMatcher;
import dev.obs.promql.Labels;
import dev.obs.promql.Sample;
import dev.obs.promql.Series;
import dev.obs.promql.SeriesStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The series rules write: recorded series and {@code ALERTS}/{@code ALERTS_FOR_STATE}. Each rule's
 * output replaces its previous output; a series the rule no longer returns is dropped at once, as a
 * Prometheus staleness marker hides it from instant selectors, so {@code and on()
 * ALERTS{alertname="X"}} stops matching the moment X resolves.
 */
final class RuleOutputStore implements SeriesStore {
  private final Map<Object, Set<Labels>> byRule = new HashMap<>();
  private final Map<Labels, Buffer> series = new HashMap<>();
  private final Map<String, Set<Labels>> byName = new HashMap<>();
  private volatile long retentionMillis;

  RuleOutputStore(long retentionMillis) {
    this.retentionMillis = retentionMillis;
  }

  void retention(long millis) {
    this.retentionMillis = millis;
  }

  /** Replaces what {@code rule} wrote before with {@code samples} at {@code timeMillis}. */
  synchronized void write(Object rule, long timeMillis, List<Sample> samples) {
    Set<Labels> previous = byRule.getOrDefault(rule, Set.of());
    Set<Labels> current = new java.util.HashSet<>(samples.size() * 2);
    for (Sample s : samples) {
      current.add(s.labels());
      series.computeIfAbsent(s.labels(), this::created).add(timeMillis, s.value());
    }
    for (Labels gone : previous) {
      if (!current.contains(gone)) {
        series.remove(gone);
        String name = String.valueOf(gone.name());
        Set<Labels> named = byName.get(name);
        named.remove(gone);
        if (named.isEmpty()) {
          byName.remove(name);
        }
      }
    }
    long oldest = timeMillis - retentionMillis;
    for (Labels l : current) {
      series.get(l).trim(oldest);
    }
    if (current.isEmpty()) {
      byRule.remove(rule);
    } else {
      byRule.put(rule, current);
    }
  }

  private Buffer created(Labels labels) {
    byName
        .computeIfAbsent(String.valueOf(labels.name()), n -> new java.util.HashSet<>())
        .add(labels);
    return new Buffer();
  }

  /** Forgets everything a rule wrote. */
  synchronized void clear(Object rule) {
    write(rule, 0, List.of());
  }

  @Override
  public synchronized List<Series> select(List<LabelMatcher> matchers, long minMs, long maxMs) {
    List<Series> out = new ArrayList<>();
    String name = equalName(matchers);
    Iterable<Labels> candidates =
        name == null ? series.keySet() : byName.getOrDefault(name, Set.of());
    for (Labels labels : candidates) {
      if (matchesAll(matchers, labels)) {
        Series s = series.get(labels).slice(labels, minMs, maxMs);
        if (s != null) {
          out.add(s);
        }
      }
    }
    out.sort((a, b) -> a.labels().compareTo(b.labels()));
    return out;
  }

  private static String equalName(List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (m.op() == LabelMatcher.Op.EQUAL && m.name().equals(Labels.METRIC_NAME)) {
        return m.value();
      }
    }
    return null;
  }

  private static boolean matchesAll(List<LabelMatcher> matchers, Labels labels) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels.get(m.name()))) {
        return false;
      }
    }
    return true;
  }

  /** Samples of one series, ascending by time. */
  private static final class Buffer {
    private long[] times = new long[4];
    private double[] values = new double[4];
    private int start;
    private int end;

    void add(long t, double v) {
      if (end > start && times[end - 1] >= t) {
        // Two evaluations at the same instant: the later one wins, as in Prometheus.
        values[end - 1] = v;
        return;
      }
      if (end == times.length) {
        int n = end - start;
        int capacity = n * 2 >= times.length ? times.length * 2 : times.length;
        long[] t2 = new long[capacity];
        double[] v2 = new double[capacity];
        System.arraycopy(times, start, t2, 0, n);
        System.arraycopy(values, start, v2, 0, n);
        times = t2;
        values = v2;
        start = 0;
        end = n;
      }
      times[end] = t;
      values[end++] = v;
    }

    void trim(long oldest) {
      while (start < end - 1 && times[start] < oldest) {
        start++;
      }
    }

    Series slice(Labels labels, long min, long max) {
      int from = start;
      while (from < end && times[from] < min) {
        from++;
      }
      int to = from;
      while (to < end && times[to] <= max) {
        to++;
      }
      if (to == from) {
        return null;
      }
      return new Series(
          labels, Arrays.copyOfRange(times, from, to), Arrays.copyOfRange(values, from, to));
    }
  }
}
