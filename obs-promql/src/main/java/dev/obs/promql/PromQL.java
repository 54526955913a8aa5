package dev.obs.promql;

/**
 * The entry point of the PromQL subset: parses expression text into an {@link Expr}.
 *
 * <pre>{@code
 * Expr expr = PromQL.parse("sum by (uri) (rate(http_server_requests_seconds_count[5m])) > 10");
 * Value value = Evaluator.evaluate(expr, clock.millis(), store);
 * }</pre>
 */
public final class PromQL {
  private PromQL() {}

  /**
   * Parses an expression of the supported subset.
   *
   * @param text the PromQL text, possibly over several lines
   * @return the compiled expression
   * @throws PromQLParseException when the text is not valid PromQL or uses an unsupported
   *     construct, naming it with its line and column
   */
  public static Expr parse(String text) {
    return Parser.parse(text);
  }
}
