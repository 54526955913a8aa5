package dev.obs.promql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code histogram_quantile} over classic {@code le} buckets, as Prometheus 2.42 computes it. */
final class Histograms {
  private static final String BUCKET_LABEL = "le";
  private static final List<String> GROUPING_DROPS = List.of(BUCKET_LABEL);

  private Histograms() {}

  static List<Sample> quantile(double q, List<Sample> buckets) {
    Map<Labels, List<double[]>> groups = new LinkedHashMap<>();
    for (Sample s : buckets) {
      String le = s.labels().get(BUCKET_LABEL);
      if (le == null) {
        continue;
      }
      double upperBound;
      try {
        upperBound = parseBound(le);
      } catch (NumberFormatException e) {
        continue;
      }
      Labels key = s.labels().derived(GROUPING_DROPS, false);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {upperBound, s.value()});
    }
    List<Sample> out = new ArrayList<>(groups.size());
    for (Map.Entry<Labels, List<double[]>> e : groups.entrySet()) {
      out.add(new Sample(e.getKey(), bucketQuantile(q, e.getValue())));
    }
    return out;
  }

  private static double parseBound(String le) {
    String s = le.trim();
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "+inf", "inf", "+infinity", "infinity":
        return Double.POSITIVE_INFINITY;
      case "-inf", "-infinity":
        return Double.NEGATIVE_INFINITY;
      case "nan":
        return Double.NaN;
      default:
        return Double.parseDouble(s);
    }
  }

  /** Each bucket is {upper bound, cumulative count}. */
  static double bucketQuantile(double q, List<double[]> list) {
    if (Double.isNaN(q)) {
      return Double.NaN;
    }
    if (q < 0) {
      return Double.NEGATIVE_INFINITY;
    }
    if (q > 1) {
      return Double.POSITIVE_INFINITY;
    }
    double[][] buckets = list.toArray(new double[0][]);
    Arrays.sort(buckets, (a, b) -> Double.compare(a[0], b[0]));
    if (buckets[buckets.length - 1][0] != Double.POSITIVE_INFINITY) {
      return Double.NaN;
    }
    // Buckets with the same bound (e.g. "1" and "1.0") add up.
    int n = 0;
    double[] last = buckets[0].clone();
    for (int i = 1; i < buckets.length; i++) {
      if (buckets[i][0] == last[0]) {
        last[1] += buckets[i][1];
      } else {
        buckets[n++] = last;
        last = buckets[i].clone();
      }
    }
    buckets[n++] = last;
    // Counts that go down (from scrapes taken at slightly different times) are raised.
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (buckets[i][1] > max) {
        max = buckets[i][1];
      } else if (buckets[i][1] < max) {
        buckets[i][1] = max;
      }
    }
    if (n < 2) {
      return Double.NaN;
    }
    double observations = buckets[n - 1][1];
    if (observations == 0) {
      return Double.NaN;
    }
    double rank = q * observations;
    int b = 0;
    while (b < n - 1 && !(buckets[b][1] >= rank)) {
      b++;
    }
    if (b == n - 1) {
      return buckets[n - 2][0];
    }
    if (b == 0 && buckets[0][0] <= 0) {
      return buckets[0][0];
    }
    double bucketStart = 0;
    double bucketEnd = buckets[b][0];
    double count = buckets[b][1];
    if (b > 0) {
      bucketStart = buckets[b - 1][0];
      count -= buckets[b - 1][1];
      rank -= buckets[b - 1][1];
    }
    return bucketStart + (bucketEnd - bucketStart) * (rank / count);
  }
}
