package dev.obs.promql;

import java.util.List;

/** The result of evaluating an expression: a scalar or an instant vector. */
public sealed interface Value {

  /**
   * A single number, as {@code time()} or {@code 1 + 2} return.
   *
   * @param value the number
   */
  record Scalar(double value) implements Value {}

  /**
   * A set of samples with distinct label sets, as a selector or {@code sum by (...)} returns.
   *
   * @param samples the samples
   */
  record InstantVector(List<Sample> samples) implements Value {

    /**
     * Creates an instant vector holding an unmodifiable copy of the samples.
     *
     * @param samples the samples
     */
    public InstantVector {
      samples = List.copyOf(samples);
    }
  }
}
