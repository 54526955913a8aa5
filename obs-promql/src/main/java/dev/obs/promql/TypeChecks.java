package dev.obs.promql;

import dev.obs.promql.Ast.Binary;
import dev.obs.promql.Ast.BinaryOp;
import dev.obs.promql.Ast.Function;
import dev.obs.promql.Ast.Matching;
import dev.obs.promql.Ast.Type;
import dev.obs.promql.Lexer.Token;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What the subset accepts beyond grammar: operand and argument types, and names it rejects. */
final class TypeChecks {
  /** Prometheus aggregations outside the subset, rejected by name. */
  static final Set<String> OTHER_AGGREGATIONS =
      Set.of("topk", "bottomk", "quantile", "count_values", "stddev", "stdvar", "group");

  /** Prometheus functions outside the subset, rejected by name (others are unknown). */
  static final Set<String> OTHER_FUNCTIONS =
      Set.of(
          "absent",
          "absent_over_time",
          "acos",
          "acosh",
          "asin",
          "asinh",
          "atan",
          "atanh",
          "ceil",
          "changes",
          "clamp",
          "cos",
          "cosh",
          "day_of_month",
          "day_of_week",
          "day_of_year",
          "days_in_month",
          "deg",
          "deriv",
          "exp",
          "floor",
          "histogram_count",
          "histogram_sum",
          "histogram_fraction",
          "holt_winters",
          "hour",
          "idelta",
          "label_join",
          "label_replace",
          "ln",
          "log10",
          "log2",
          "minute",
          "month",
          "pi",
          "predict_linear",
          "rad",
          "resets",
          "round",
          "sgn",
          "sin",
          "sinh",
          "sort",
          "sort_desc",
          "sqrt",
          "tan",
          "tanh",
          "timestamp",
          "year");

  private TypeChecks() {}

  /** Builds a binary expression, rejecting the type combinations Prometheus rejects. */
  static Binary binary(
      BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, @Nullable Matching matching, Token at) {
    Type lt = Ast.typeOf(lhs);
    Type rt = Ast.typeOf(rhs);
    if (lt == Type.MATRIX || rt == Type.MATRIX) {
      throw Parser.error(
          "binary expression must contain only scalar and instant vector types",
          at,
          "range vector");
    }
    boolean scalars = lt == Type.SCALAR && rt == Type.SCALAR;
    if (op.comparison() && scalars && !returnBool) {
      throw Parser.error("comparisons between scalars must use the bool modifier", at, op.text);
    }
    if (op.setOperator() && (lt == Type.SCALAR || rt == Type.SCALAR)) {
      throw Parser.error(
          "set operator '" + op.text + "' not allowed in binary scalar expression", at, op.text);
    }
    if (matching != null && (lt == Type.SCALAR || rt == Type.SCALAR)) {
      throw Parser.error(
          "vector matching only allowed between instant vectors",
          at,
          matching.on() ? "on" : "ignoring");
    }
    return new Binary(op, lhs, rhs, returnBool, matching);
  }

  /** Checks a call's argument count and types against the function's signature. */
  static void arguments(Function f, List<Expr> args, Token name, List<Token> argStarts) {
    if (args.size() != f.argTypes.size()) {
      throw Parser.error(
          "expected "
              + f.argTypes.size()
              + " argument(s) in call to '"
              + f.text
              + "', got "
              + args.size(),
          name,
          f.text);
    }
    for (int i = 0; i < args.size(); i++) {
      Type want = f.argTypes.get(i);
      Type got = Ast.typeOf(args.get(i));
      if (want != got) {
        throw Parser.error(
            "expected type "
                + want.description
                + " in call to function '"
                + f.text
                + "', got "
                + got.description,
            argStarts.get(i),
            f.text);
      }
    }
  }
}
