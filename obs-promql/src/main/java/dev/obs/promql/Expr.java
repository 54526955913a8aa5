package dev.obs.promql;

import java.time.Duration;

/**
 * A parsed PromQL expression of the supported subset: immutable, compiled once and evaluated many
 * times by {@link Evaluator}. Two expressions are equal when they mean the same thing as written,
 * so {@code PromQL.parse(e.toString()).equals(e)} holds.
 */
public sealed interface Expr
    permits Ast.NumberLiteral,
        Ast.VectorSelector,
        Ast.MatrixSelector,
        Ast.Call,
        Ast.Aggregation,
        Ast.Binary,
        Ast.Unary {

  /**
   * Returns the expression as canonical PromQL that Prometheus accepts, with parentheses only where
   * they are needed.
   *
   * @return the PromQL text
   */
  @Override
  String toString();

  /**
   * Returns how far back from the evaluation time the expression reads samples: the longest range
   * plus offset, and for an instant selector its offset plus the 5 minute lookback. A store that
   * keeps this much history gives the same results as one that keeps everything.
   *
   * @return the longest lookback, zero for an expression that reads no series
   */
  Duration maxLookback();
}
