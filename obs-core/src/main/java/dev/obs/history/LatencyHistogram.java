package dev.obs.history;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Request counts per latency bucket, the way Prometheus keeps them: each bucket counts the requests
 * at or below its upper bound in seconds that were not counted by a smaller bucket, and the last
 * count is the requests above every bound. Quantiles are interpolated inside a bucket as {@code
 * histogram_quantile} does. Immutable.
 *
 * <pre>{@code
 * LatencyHistogram h = LatencyHistogram.of(new double[] {0.1, 0.5}, new long[] {8, 1, 1});
 * double p50 = h.quantile(0.5); // 0.0625
 * }</pre>
 */
public final class LatencyHistogram {
  private static final LatencyHistogram EMPTY = new LatencyHistogram(new double[0], new long[1]);

  private final double[] bounds;
  private final long[] counts;

  private LatencyHistogram(double[] bounds, long[] counts) {
    this.bounds = bounds;
    this.counts = counts;
  }

  /**
   * Returns a histogram with no bounds and no requests.
   *
   * @return the empty histogram
   */
  public static LatencyHistogram empty() {
    return EMPTY;
  }

  /**
   * Creates a histogram from per-bucket (not cumulative) counts.
   *
   * @param bounds upper bounds in seconds, strictly increasing
   * @param counts one count per bound plus one for the requests above the last bound
   * @return the histogram
   * @throws IllegalArgumentException if the lengths do not match, a bound is not increasing or a
   *     count is negative
   */
  public static LatencyHistogram of(double[] bounds, long[] counts) {
    if (counts.length != bounds.length + 1) {
      throw new IllegalArgumentException(
          "counts must have one more element than bounds, got "
              + counts.length
              + " counts for "
              + bounds.length
              + " bounds");
    }
    for (int i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) {
        throw new IllegalArgumentException(
            "bounds must be strictly increasing, got " + Arrays.toString(bounds));
      }
    }
    for (long c : counts) {
      if (c < 0) {
        throw new IllegalArgumentException("counts must not be negative, got " + c);
      }
    }
    return new LatencyHistogram(bounds.clone(), counts.clone());
  }

  /**
   * Returns the upper bounds in seconds.
   *
   * @return a copy of the bounds
   */
  public List<Double> bounds() {
    List<Double> out = new ArrayList<>(bounds.length);
    for (double b : bounds) {
      out.add(b);
    }
    return out;
  }

  /**
   * Returns the per-bucket counts, the last one for requests above every bound.
   *
   * @return a copy of the counts
   */
  public List<Long> counts() {
    List<Long> out = new ArrayList<>(counts.length);
    for (long c : counts) {
      out.add(c);
    }
    return out;
  }

  /**
   * Returns the number of requests counted.
   *
   * @return the total
   */
  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /**
   * Adds another histogram's counts. Buckets are matched by bound; a bound that only one side has
   * is kept and the other side's requests stay in the bucket that held them.
   *
   * @param other the histogram to add
   * @return the sum
   */
  public LatencyHistogram plus(LatencyHistogram other) {
    if (other.total() == 0 && other.bounds.length <= bounds.length) {
      return this;
    }
    if (total() == 0 && bounds.length <= other.bounds.length) {
      return other;
    }
    if (Arrays.equals(bounds, other.bounds)) {
      long[] sum = counts.clone();
      for (int i = 0; i < sum.length; i++) {
        sum[i] += other.counts[i];
      }
      return new LatencyHistogram(bounds, sum);
    }
    double[] merged =
        java.util.stream.DoubleStream.concat(Arrays.stream(bounds), Arrays.stream(other.bounds))
            .distinct()
            .sorted()
            .toArray();
    long[] sum = new long[merged.length + 1];
    addInto(merged, sum, this);
    addInto(merged, sum, other);
    return new LatencyHistogram(merged, sum);
  }

  private static void addInto(double[] merged, long[] sum, LatencyHistogram h) {
    for (int i = 0; i < h.counts.length; i++) {
      int target = i < h.bounds.length ? Arrays.binarySearch(merged, h.bounds[i]) : merged.length;
      sum[target] += h.counts[i];
    }
  }

  /**
   * Estimates a quantile by linear interpolation inside the bucket that holds it, with 0 as the
   * lower edge of the first bucket; a quantile above the last bound is reported as the last bound.
   *
   * @param q the quantile, between 0 and 1
   * @return the latency in seconds, or {@code NaN} with no requests
   */
  public double quantile(double q) {
    long total = total();
    if (total == 0) {
      return Double.NaN;
    }
    double rank = q * total;
    long below = 0;
    for (int i = 0; i < bounds.length; i++) {
      long next = below + counts[i];
      if (next >= rank && counts[i] > 0) {
        double lower = i == 0 ? 0 : bounds[i - 1];
        return lower + (bounds[i] - lower) * ((rank - below) / counts[i]);
      }
      below = next;
    }
    return bounds.length == 0 ? Double.NaN : bounds[bounds.length - 1];
  }

  /**
   * Writes the histogram as text, {@code le=count} pairs separated by {@code ;} with {@code +Inf}
   * last, the form the JDBC store keeps.
   *
   * @return the text
   */
  public String encode() {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < bounds.length; i++) {
      out.append(format(bounds[i])).append('=').append(counts[i]).append(';');
    }
    return out.append("+Inf=").append(counts[bounds.length]).toString();
  }

  private static String format(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15
        ? Long.toString((long) d)
        : String.format(Locale.ROOT, "%s", d);
  }

  /**
   * Reads the text written by {@link #encode()}.
   *
   * @param text the text
   * @return the histogram
   * @throws IllegalArgumentException if the text is not in that form
   */
  public static LatencyHistogram parse(String text) {
    String[] parts = text.split(";");
    double[] bounds = new double[parts.length - 1];
    long[] counts = new long[parts.length];
    try {
      for (int i = 0; i < parts.length; i++) {
        int eq = parts[i].indexOf('=');
        String le = parts[i].substring(0, eq);
        if (i < parts.length - 1) {
          bounds[i] = Double.parseDouble(le);
        } else if (!le.equals("+Inf")) {
          throw new IllegalArgumentException("the last bucket must be +Inf in '" + text + "'");
        }
        counts[i] = Long.parseLong(parts[i].substring(eq + 1));
      }
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("not a histogram: '" + text + "'", e);
    }
    return of(bounds, counts);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof LatencyHistogram h
        && Arrays.equals(bounds, h.bounds)
        && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bounds) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "LatencyHistogram[" + encode() + "]";
  }
}
