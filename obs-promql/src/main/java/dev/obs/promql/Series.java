package dev.obs.promql;

import java.util.Arrays;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A series and some of its samples, as a {@link SeriesStore} returns them. The arrays are the
 * caller's to keep and are not copied; they have the same length.
 *
 * @param labels the series' labels, the metric name included
 * @param timestamps sample times in milliseconds since the epoch, ascending
 * @param values sample values, one per timestamp
 */
public record Series(Labels labels, long[] timestamps, double[] values) {
  /**
   * Prometheus's staleness marker: appended when a series disappears, it ends the series at once
   * instead of after the 5 minute lookback. It is a NaN with a particular bit pattern, so use
   * {@link #isStale(double)} rather than {@code ==}.
   */
  public static final double STALE_MARKER = Double.longBitsToDouble(0x7ff0000000000002L);

  /**
   * Tells whether a value is the staleness marker (and not any other NaN).
   *
   * @param value a sample value
   * @return whether it is {@link #STALE_MARKER}
   */
  public static boolean isStale(double value) {
    return Double.doubleToRawLongBits(value) == 0x7ff0000000000002L;
  }

  /**
   * Creates a series, checking that the arrays have the same length.
   *
   * @param labels the labels
   * @param timestamps the sample times
   * @param values the sample values
   */
  public Series {
    Objects.requireNonNull(labels, "labels");
    if (timestamps.length != values.length) {
      throw new IllegalArgumentException(
          "a series needs one value per timestamp, got "
              + timestamps.length
              + " timestamps and "
              + values.length
              + " values");
    }
  }

  /** Compares labels and the samples' contents. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Series s
        && labels.equals(s.labels)
        && Arrays.equals(timestamps, s.timestamps)
        && Arrays.equals(values, s.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * labels.hashCode() + Arrays.hashCode(timestamps)) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return labels + " " + Arrays.toString(timestamps) + " " + Arrays.toString(values);
  }
}
