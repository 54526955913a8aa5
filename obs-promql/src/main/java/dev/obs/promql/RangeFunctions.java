package dev.obs.promql;

import dev.obs.promql.Ast.Function;
import java.util.Arrays;

/**
 * The functions over a range of one series' samples, computed on the store's arrays in place and
 * with the same floating-point steps as Prometheus 2.42 so that results agree to the last bit.
 */
final class RangeFunctions {
  private RangeFunctions() {}

  /**
   * Computes a function over samples {@code [from, to)}, or returns NaN with {@code present} false
   * via {@link Double#NaN} sentinel handled by the caller through {@link #defined}.
   */
  static double apply(
      Function f,
      double param,
      long[] ts,
      double[] vs,
      int from,
      int to,
      long rangeStart,
      long rangeEnd,
      long rangeMillis) {
    return switch (f) {
      case RATE ->
          extrapolatedRate(ts, vs, from, to, rangeStart, rangeEnd, rangeMillis, true, true);
      case INCREASE ->
          extrapolatedRate(ts, vs, from, to, rangeStart, rangeEnd, rangeMillis, true, false);
      case DELTA ->
          extrapolatedRate(ts, vs, from, to, rangeStart, rangeEnd, rangeMillis, false, false);
      case IRATE -> irate(ts, vs, from, to);
      case AVG_OVER_TIME -> avg(vs, from, to);
      case MIN_OVER_TIME -> min(vs, from, to);
      case MAX_OVER_TIME -> max(vs, from, to);
      case SUM_OVER_TIME -> sum(vs, from, to);
      case COUNT_OVER_TIME -> to - from;
      case LAST_OVER_TIME -> vs[to - 1];
      case QUANTILE_OVER_TIME -> quantile(param, vs, from, to);
      case STDDEV_OVER_TIME -> Math.sqrt(variance(vs, from, to));
      case STDVAR_OVER_TIME -> variance(vs, from, to);
      case PRESENT_OVER_TIME -> 1;
      default -> throw new IllegalArgumentException(f.text + " is not a range function");
    };
  }

  /** Whether a function gives a result for this many samples (rates need two). */
  static boolean defined(Function f, long[] ts, int from, int to) {
    return switch (f) {
      case RATE, INCREASE, DELTA -> to - from >= 2;
      case IRATE -> to - from >= 2 && ts[to - 1] != ts[to - 2];
      default -> to > from;
    };
  }

  private static double extrapolatedRate(
      long[] ts,
      double[] vs,
      int from,
      int to,
      long rangeStart,
      long rangeEnd,
      long rangeMillis,
      boolean counter,
      boolean rate) {
    int n = to - from;
    double first = vs[from];
    double result = vs[to - 1] - first;
    if (counter) {
      double prev = first;
      for (int i = from + 1; i < to; i++) {
        if (vs[i] < prev) {
          result += prev;
        }
        prev = vs[i];
      }
    }
    double durationToStart = (ts[from] - rangeStart) / 1000.0;
    double durationToEnd = (rangeEnd - ts[to - 1]) / 1000.0;
    double sampledInterval = (ts[to - 1] - ts[from]) / 1000.0;
    double averageBetweenSamples = sampledInterval / (n - 1);
    if (counter && result > 0 && first >= 0) {
      // A counter cannot go below zero: extrapolate no further back than where it would reach it.
      double durationToZero = sampledInterval * (first / result);
      if (durationToZero < durationToStart) {
        durationToStart = durationToZero;
      }
    }
    double threshold = averageBetweenSamples * 1.1;
    double extrapolateTo = sampledInterval;
    extrapolateTo += durationToStart < threshold ? durationToStart : averageBetweenSamples / 2;
    extrapolateTo += durationToEnd < threshold ? durationToEnd : averageBetweenSamples / 2;
    double factor = extrapolateTo / sampledInterval;
    if (rate) {
      factor /= rangeMillis / 1000.0;
    }
    return result * factor;
  }

  private static double irate(long[] ts, double[] vs, int from, int to) {
    double last = vs[to - 1];
    double previous = vs[to - 2];
    double result = last < previous ? last : last - previous;
    return result / ((ts[to - 1] - ts[to - 2]) / 1000.0);
  }

  /** An incremental mean with Kahan-Neumaier compensation. */
  private static double avg(double[] vs, int from, int to) {
    double mean = 0;
    double c = 0;
    double count = 0;
    for (int i = from; i < to; i++) {
      double v = vs[i];
      count++;
      if (Double.isInfinite(mean)) {
        // Inf - Inf would turn the mean into NaN; an infinite mean stays as it is.
        if (Double.isInfinite(v) && (mean > 0) == (v > 0)) {
          continue;
        }
        if (!Double.isInfinite(v) && !Double.isNaN(v)) {
          continue;
        }
      }
      double inc = v / count - mean / count;
      double t = mean + inc;
      c += compensation(mean, inc, t);
      mean = t;
    }
    return Double.isInfinite(mean) ? mean : mean + c;
  }

  /** A sum with Kahan-Neumaier compensation. */
  private static double sum(double[] vs, int from, int to) {
    double sum = 0;
    double c = 0;
    for (int i = from; i < to; i++) {
      double t = sum + vs[i];
      c += compensation(sum, vs[i], t);
      sum = t;
    }
    return Double.isInfinite(sum) ? sum : sum + c;
  }

  /** The rounding error of {@code t = sum + inc}, Neumaier's variant of Kahan summation. */
  private static double compensation(double sum, double inc, double t) {
    return Math.abs(sum) >= Math.abs(inc) ? (sum - t) + inc : (inc - t) + sum;
  }

  private static double min(double[] vs, int from, int to) {
    double min = vs[from];
    for (int i = from; i < to; i++) {
      if (vs[i] < min || Double.isNaN(min)) {
        min = vs[i];
      }
    }
    return min;
  }

  private static double max(double[] vs, int from, int to) {
    double max = vs[from];
    for (int i = from; i < to; i++) {
      if (vs[i] > max || Double.isNaN(max)) {
        max = vs[i];
      }
    }
    return max;
  }

  /** Population variance with Kahan-compensated running mean, as Prometheus computes it. */
  private static double variance(double[] vs, int from, int to) {
    double count = 0;
    double mean = 0;
    double cMean = 0;
    double aux = 0;
    double cAux = 0;
    for (int i = from; i < to; i++) {
      double v = vs[i];
      count++;
      double delta = v - (mean + cMean);
      double inc = delta / count;
      double t = mean + inc;
      cMean += compensation(mean, inc, t);
      mean = t;
      double inc2 = delta * (v - (mean + cMean));
      double t2 = aux + inc2;
      cAux += compensation(aux, inc2, t2);
      aux = t2;
    }
    return (aux + cAux) / count;
  }

  static double quantile(double q, double[] vs, int from, int to) {
    if (to == from || Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[] sorted = Arrays.copyOfRange(vs, from, to);
    Arrays.sort(sorted);
    double n = sorted.length;
    double rank = q * (n - 1);
    double lower = Math.max(0, Math.floor(rank));
    double upper = Math.min(n - 1, lower + 1);
    double weight = rank - Math.floor(rank);
    return sorted[(int) lower] * (1 - weight) + sorted[(int) upper] * weight;
  }
}
