package dev.obs.promql;

import java.util.Objects;

/**
 * One element of an instant vector: a label set and its value at the evaluation time.
 *
 * @param labels the labels
 * @param value the value
 */
public record Sample(Labels labels, double value) {

  /**
   * Creates a sample.
   *
   * @param labels the labels
   * @param value the value
   */
  public Sample {
    Objects.requireNonNull(labels, "labels");
  }

  /** Prints the sample as Prometheus does, e.g. {@code up{job="api"} => 1}. */
  @Override
  public String toString() {
    return labels + " => " + Printer.number(value);
  }
}
