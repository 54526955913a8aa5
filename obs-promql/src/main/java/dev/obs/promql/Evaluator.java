package dev.obs.promql;

/**
 * Evaluates a compiled expression at one instant over a series store, with Prometheus 2.x
 * semantics: the 5 minute lookback of instant selectors, closed range intervals, the extrapolation
 * of {@code rate}, {@code increase} and {@code delta}, and the same errors.
 */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Evaluates an expression as an instant query at a time.
   *
   * @param expr the expression, from {@link PromQL#parse(String)}
   * @param timeMillis the evaluation time in milliseconds since the epoch
   * @param store where the series are read from
   * @return a {@link Value.Scalar} or a {@link Value.InstantVector}
   * @throws PromQLEvalException when Prometheus would fail too, e.g. for many-to-many matching or
   *     duplicate label sets in a result
   */
  public static Value evaluate(Expr expr, long timeMillis, SeriesStore store) {
    return new Evaluation(timeMillis, store, null).value(expr);
  }

  /**
   * Evaluates an expression as an instant query at a time, reusing the results of equal
   * sub-expressions that earlier evaluations at the same time over the same, unchanged store left
   * in {@code cache}. The result is the same as without the cache.
   *
   * @param expr the expression, from {@link PromQL#parse(String)}
   * @param timeMillis the evaluation time in milliseconds since the epoch
   * @param store where the series are read from
   * @param cache results shared with other evaluations of the same tick
   * @return a {@link Value.Scalar} or a {@link Value.InstantVector}
   * @throws PromQLEvalException when Prometheus would fail too
   */
  public static Value evaluate(
      Expr expr, long timeMillis, SeriesStore store, EvaluationCache cache) {
    return new Evaluation(timeMillis, store, cache.bind(store, timeMillis) ? cache : null)
        .value(expr);
  }
}
