package dev.obs.promql;

/**
 * An expression could not be evaluated over the current data, e.g. vector matching found several
 * series for one label set. Prometheus reports the same errors for the same data.
 */
public final class PromQLEvalException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public PromQLEvalException(String message) {
    super(message);
  }
}
