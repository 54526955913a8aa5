package dev.obs.promql;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A bounded, thread-safe series store in memory: the sampler appends to it and the evaluator reads
 * from it. It keeps at most {@link #maxSeries()} series, dropping (and counting) samples of new
 * series beyond that, and when a retention window is set it forgets samples older than the window
 * behind each series' newest sample.
 *
 * <pre>{@code
 * InMemorySeriesStore store = new InMemorySeriesStore(10_000);
 * store.retain(expr.maxLookback().plusMinutes(1));
 * store.append(Labels.of("__name__", "up", "job", "api"), clock.millis(), 1);
 * }</pre>
 */
public final class InMemorySeriesStore implements SeriesStore {
  /** The default limit of series: 10,000. */
  public static final int DEFAULT_MAX_SERIES = 10_000;

  private static final String NO_NAME = "";

  /** The most matcher lists whose matches each metric name remembers before it starts afresh. */
  private static final int MAX_REMEMBERED_SELECTORS = 1_000;

  /** Series by metric name, each sorted by labels so reads come out in Prometheus's order. */
  private final Map<String, Name> byName = new ConcurrentHashMap<>();

  /** Every series by its labels, so an append finds its buffer by hash rather than by comparing. */
  private final Map<Labels, Buffer> all = new ConcurrentHashMap<>();

  private final int maxSeries;
  private final AtomicInteger seriesCount = new AtomicInteger();
  private final AtomicLong droppedSamples = new AtomicLong();

  /** Counts writes, so an {@link EvaluationCache} can tell that its results are out of date. */
  private final AtomicLong version = new AtomicLong();

  private volatile long retentionMillis = Long.MAX_VALUE;

  /** Creates a store holding at most {@value #DEFAULT_MAX_SERIES} series. */
  public InMemorySeriesStore() {
    this(DEFAULT_MAX_SERIES);
  }

  /**
   * Creates a store holding at most {@code maxSeries} series.
   *
   * @param maxSeries the limit of series, at least 1
   * @throws IllegalArgumentException when {@code maxSeries} is less than 1
   */
  public InMemorySeriesStore(int maxSeries) {
    if (maxSeries < 1) {
      throw new IllegalArgumentException("maxSeries must be at least 1, got " + maxSeries);
    }
    this.maxSeries = maxSeries;
  }

  /**
   * Appends a sample. A sample not newer than the series' latest replaces it when the times are
   * equal and is otherwise ignored; a sample of a new series beyond the limit is dropped and
   * counted in {@link #droppedSamples()}.
   *
   * @param labels the series' labels, the metric name included
   * @param timeMillis the sample time in milliseconds since the epoch
   * @param value the value
   */
  public void append(Labels labels, long timeMillis, double value) {
    Buffer buffer = all.get(labels);
    if (buffer == null) {
      String name = labels.name();
      buffer =
          admit(byName.computeIfAbsent(name == null ? NO_NAME : name, n -> new Name()), labels);
      if (buffer == null) {
        droppedSamples.incrementAndGet();
        return;
      }
    }
    buffer.append(timeMillis, value, retentionMillis);
    version.incrementAndGet();
  }

  private @Nullable Buffer admit(Name name, Labels labels) {
    synchronized (name) {
      Buffer existing = name.series.get(labels);
      if (existing != null) {
        return existing;
      }
      if (seriesCount.incrementAndGet() > maxSeries) {
        seriesCount.decrementAndGet();
        return null;
      }
      Buffer created = new Buffer(labels);
      name.series.put(labels, created);
      all.put(labels, created);
      name.generation++;
      return created;
    }
  }

  /**
   * Sets how much history each series keeps behind its newest sample; older samples are dropped as
   * new ones arrive. Stores keep everything until this is called.
   *
   * @param window the history to keep, positive
   * @throws IllegalArgumentException when the window is not positive
   */
  public void retain(Duration window) {
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("retention must be positive, got " + window);
    }
    retentionMillis = window.toMillis();
  }

  /**
   * Drops every sample older than a time, and the series left without samples.
   *
   * @param timeMillis the earliest time to keep, in milliseconds since the epoch
   */
  public void trimBefore(long timeMillis) {
    for (Name name : byName.values()) {
      synchronized (name) {
        for (Buffer b : name.series.values()) {
          if (b.trimBefore(timeMillis)) {
            name.series.remove(b.labels);
            all.remove(b.labels);
            name.generation++;
            seriesCount.decrementAndGet();
          }
        }
      }
    }
    version.incrementAndGet();
  }

  /** Returns a number that changes whenever the store's contents may have changed. */
  long version() {
    return version.get();
  }

  /**
   * Returns the number of series held.
   *
   * @return the number of series
   */
  public int seriesCount() {
    return seriesCount.get();
  }

  /**
   * Returns the limit of series.
   *
   * @return the most series this store holds
   */
  public int maxSeries() {
    return maxSeries;
  }

  /**
   * Returns how many samples were dropped because their series would have exceeded the limit.
   *
   * @return the count since the store was created
   */
  public long droppedSamples() {
    return droppedSamples.get();
  }

  @Override
  public List<Series> select(List<LabelMatcher> matchers, long minTimeMillis, long maxTimeMillis) {
    List<Series> result = new ArrayList<>();
    forEach(
        matchers,
        minTimeMillis,
        maxTimeMillis,
        (labels, ts, vs, from, to) ->
            result.add(
                new Series(
                    labels, Arrays.copyOfRange(ts, from, to), Arrays.copyOfRange(vs, from, to))));
    return result;
  }

  /**
   * Visits the matching series that have samples in the interval, in label order, each while its
   * buffer is locked, without copying.
   */
  void forEach(List<LabelMatcher> matchers, long minTime, long maxTime, SeriesVisitor visitor) {
    String name = equalName(matchers);
    if (name != null) {
      Name series = byName.get(name);
      if (series != null) {
        for (Buffer b : series.matching(matchers)) {
          b.visit(minTime, maxTime, visitor);
        }
      }
      return;
    }
    List<Buffer> matched = new ArrayList<>();
    for (Name series : byName.values()) {
      for (Buffer b : series.series.values()) {
        if (matchesAll(matchers, b.labels)) {
          matched.add(b);
        }
      }
    }
    matched.sort((a, b) -> a.labels.compareTo(b.labels));
    for (Buffer b : matched) {
      b.visit(minTime, maxTime, visitor);
    }
  }

  private static @Nullable String equalName(List<LabelMatcher> matchers) {
    for (LabelMatcher m : matchers) {
      if (m.op() == LabelMatcher.Op.EQUAL && m.name().equals(Labels.METRIC_NAME)) {
        return m.value();
      }
    }
    return null;
  }

  private static boolean matchesAll(List<LabelMatcher> matchers, Labels labels) {
    for (int i = 0; i < matchers.size(); i++) {
      if (!matchers.get(i).matchesLabels(labels)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The series of one metric name, and which of them each selector matched, so that rules reading
   * the same selector do not test every series against its matchers again. The remembered matches
   * hold while no series of the name is added or removed (its generation is unchanged).
   */
  private static final class Name {
    final ConcurrentSkipListMap<Labels, Buffer> series = new ConcurrentSkipListMap<>();
    final Map<List<LabelMatcher>, Matches> matches = new ConcurrentHashMap<>();

    /** Changes, under this object's lock, whenever a series is added or removed. */
    volatile long generation;

    /** The buffers matching every matcher, in label order. */
    Iterable<Buffer> matching(List<LabelMatcher> matchers) {
      if (matchers.size() == 1) {
        // Only the name matcher, which every series here matches.
        return series.values();
      }
      long current = generation;
      Matches known = matches.get(matchers);
      if (known != null && known.generation == current) {
        return known.buffers;
      }
      List<Buffer> found = new ArrayList<>();
      for (Buffer b : series.values()) {
        if (matchesAll(matchers, b.labels)) {
          found.add(b);
        }
      }
      if (matches.size() >= MAX_REMEMBERED_SELECTORS) {
        matches.clear();
      }
      // Read before the scan: a series added meanwhile makes this entry stale, never wrong.
      matches.put(List.copyOf(matchers), new Matches(current, List.copyOf(found)));
      return found;
    }
  }

  /** The buffers a selector matched among a name's series of one generation. */
  private record Matches(long generation, List<Buffer> buffers) {}

  /** Receives one series' samples {@code [from, to)} of the arrays, which it must not keep. */
  @FunctionalInterface
  interface SeriesVisitor {
    void visit(Labels labels, long[] timestamps, double[] values, int from, int to);
  }

  /** One series' samples in ascending time, in arrays that grow by doubling. */
  private static final class Buffer {
    final Labels labels;
    private long[] times = new long[16];
    private double[] values = new double[16];
    private int start;
    private int end;

    Buffer(Labels labels) {
      this.labels = labels;
    }

    synchronized void append(long time, double value, long retention) {
      if (end > start) {
        long last = times[end - 1];
        if (time == last) {
          values[end - 1] = value;
          return;
        }
        if (time < last) {
          return;
        }
      }
      if (retention != Long.MAX_VALUE) {
        long oldest = time - retention;
        while (start < end && times[start] < oldest) {
          start++;
        }
      }
      if (end == times.length) {
        int size = end - start;
        if (size * 2 <= times.length) {
          // Mostly trimmed: slide the live samples down rather than grow.
          System.arraycopy(times, start, times, 0, size);
          System.arraycopy(values, start, values, 0, size);
        } else {
          long[] t = new long[times.length * 2];
          double[] v = new double[times.length * 2];
          System.arraycopy(times, start, t, 0, size);
          System.arraycopy(values, start, v, 0, size);
          times = t;
          values = v;
        }
        start = 0;
        end = size;
      }
      times[end] = time;
      values[end] = value;
      end++;
    }

    /** Drops samples before a time and tells whether none is left. */
    synchronized boolean trimBefore(long time) {
      while (start < end && times[start] < time) {
        start++;
      }
      return start == end;
    }

    synchronized void visit(long minTime, long maxTime, SeriesVisitor visitor) {
      int from = lowerBound(minTime);
      int to = lowerBound(maxTime == Long.MAX_VALUE ? maxTime : maxTime + 1);
      if (to > from) {
        visitor.visit(labels, times, values, from, to);
      }
    }

    /** The first index whose time is at least {@code time}. */
    private int lowerBound(long time) {
      int lo = start;
      int hi = end;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (times[mid] < time) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }
  }
}
