package dev.obs.promql;

import java.util.List;

/** Where the evaluator reads series from. {@link InMemorySeriesStore} is the usual one. */
public interface SeriesStore {

  /**
   * Returns every series matching all matchers, with its samples in {@code [minTimeMillis,
   * maxTimeMillis]}, sorted by labels. A series with no sample in the interval may be left out.
   *
   * @param matchers the matchers, all of which must match
   * @param minTimeMillis the earliest sample time, inclusive
   * @param maxTimeMillis the latest sample time, inclusive
   * @return the matching series
   */
  List<Series> select(List<LabelMatcher> matchers, long minTimeMillis, long maxTimeMillis);
}
