package dev.obs.promql;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The expression tree's nodes, built by {@link Parser} and walked by {@link Evaluation}. */
final class Ast {
  /** Prometheus's default lookback for instant selectors: five minutes. */
  static final long LOOKBACK_MILLIS = 5 * 60 * 1000L;

  private Ast() {}

  /** What an expression evaluates to. */
  enum Type {
    SCALAR("scalar"),
    VECTOR("instant vector"),
    MATRIX("range vector");

    final String description;

    Type(String description) {
      this.description = description;
    }
  }

  /** Every node knows its result type. */
  interface Node {
    Type type();
  }

  record NumberLiteral(double value) implements Expr, Node {
    @Override
    public Type type() {
      return Type.SCALAR;
    }

    @Override
    public Duration maxLookback() {
      return Duration.ZERO;
    }

    @Override
    public String toString() {
      return Printer.print(this);
    }
  }

  /** A selector; the metric name, when given, is the first matcher. */
  record VectorSelector(List<LabelMatcher> matchers, long offsetMillis) implements Expr, Node {
    VectorSelector {
      matchers = List.copyOf(matchers);
    }

    @Override
    public Type type() {
      return Type.VECTOR;
    }

    @Override
    public Duration maxLookback() {
      return Duration.ofMillis(Math.max(0, offsetMillis + LOOKBACK_MILLIS));
    }

    @Override
    public String toString() {
      return Printer.print(this);
    }
  }

  record MatrixSelector(VectorSelector selector, long rangeMillis) implements Expr, Node {
    MatrixSelector {
      Objects.requireNonNull(selector, "selector");
    }

    @Override
    public Type type() {
      return Type.MATRIX;
    }

    @Override
    public Duration maxLookback() {
      return Duration.ofMillis(Math.max(0, selector.offsetMillis() + rangeMillis));
    }

    @Override
    public String toString() {
      return Printer.print(this);
    }
  }

  record Call(Function function, List<Expr> args) implements Expr, Node {
    Call {
      args = List.copyOf(args);
    }

    @Override
    public Type type() {
      return function.returnType;
    }

    @Override
    public Duration maxLookback() {
      return max(args);
    }

    @Override
    public String toString() {
      return Printer.print(this);
    }
  }

  record Aggregation(AggregationOp op, Expr arg, List<String> grouping, boolean without)
      implements Expr, Node {
    Aggregation {
      grouping = List.copyOf(grouping);
    }

    @Override
    public Type type() {
      return Type.VECTOR;
    }

    @Override
    public Duration maxLookback() {
      return arg.maxLookback();
    }

    @Override
    public String toString() {
      return Printer.print(this);
    }
  }

  /**
   * How a binary operation between two vectors pairs their samples: {@code on(labels)} or {@code
   * ignoring(labels)}.
   */
  record Matching(boolean on, List<String> labels) {
    Matching {
      labels = List.copyOf(labels);
    }
  }

  record Binary(BinaryOp op, Expr lhs, Expr rhs, boolean returnBool, @Nullable Matching matching)
      implements Expr, Node {
    @Override
    public Type type() {
      return ((Node) lhs).type() == Type.SCALAR && ((Node) rhs).type() == Type.SCALAR
          ? Type.SCALAR
          : Type.VECTOR;
    }

    @Override
    public Duration maxLookback() {
      return max(List.of(lhs, rhs));
    }

    @Override
    public String toString() {
      return Printer.print(this);
    }
  }

  /** Unary minus; unary plus is dropped while parsing. */
  record Unary(Expr operand) implements Expr, Node {
    @Override
    public Type type() {
      return ((Node) operand).type();
    }

    @Override
    public Duration maxLookback() {
      return operand.maxLookback();
    }

    @Override
    public String toString() {
      return Printer.print(this);
    }
  }

  static Type typeOf(Expr e) {
    return ((Node) e).type();
  }

  private static Duration max(List<Expr> exprs) {
    Duration max = Duration.ZERO;
    for (Expr e : exprs) {
      Duration d = e.maxLookback();
      if (d.compareTo(max) > 0) {
        max = d;
      }
    }
    return max;
  }

  /** The supported aggregation operators. */
  enum AggregationOp {
    SUM,
    AVG,
    MIN,
    MAX,
    COUNT;

    final String text = name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The binary operators, with Prometheus's precedence (higher binds tighter). */
  enum BinaryOp {
    OR("or", 1),
    AND("and", 2),
    UNLESS("unless", 2),
    EQL("==", 3),
    NEQ("!=", 3),
    GTR(">", 3),
    LSS("<", 3),
    GTE(">=", 3),
    LTE("<=", 3),
    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5),
    POW("^", 6);

    final String text;
    final int precedence;

    BinaryOp(String text, int precedence) {
      this.text = text;
      this.precedence = precedence;
    }

    boolean comparison() {
      return precedence == 3;
    }

    boolean setOperator() {
      return precedence <= 2;
    }

    boolean rightAssociative() {
      return this == POW;
    }
  }

  /** The supported functions, their argument types and result type. */
  enum Function {
    RATE("rate", Type.VECTOR, Type.MATRIX),
    IRATE("irate", Type.VECTOR, Type.MATRIX),
    INCREASE("increase", Type.VECTOR, Type.MATRIX),
    DELTA("delta", Type.VECTOR, Type.MATRIX),
    AVG_OVER_TIME("avg_over_time", Type.VECTOR, Type.MATRIX),
    MIN_OVER_TIME("min_over_time", Type.VECTOR, Type.MATRIX),
    MAX_OVER_TIME("max_over_time", Type.VECTOR, Type.MATRIX),
    SUM_OVER_TIME("sum_over_time", Type.VECTOR, Type.MATRIX),
    COUNT_OVER_TIME("count_over_time", Type.VECTOR, Type.MATRIX),
    LAST_OVER_TIME("last_over_time", Type.VECTOR, Type.MATRIX),
    QUANTILE_OVER_TIME("quantile_over_time", Type.VECTOR, Type.SCALAR, Type.MATRIX),
    STDDEV_OVER_TIME("stddev_over_time", Type.VECTOR, Type.MATRIX),
    STDVAR_OVER_TIME("stdvar_over_time", Type.VECTOR, Type.MATRIX),
    PRESENT_OVER_TIME("present_over_time", Type.VECTOR, Type.MATRIX),
    HISTOGRAM_QUANTILE("histogram_quantile", Type.VECTOR, Type.SCALAR, Type.VECTOR),
    ABS("abs", Type.VECTOR, Type.VECTOR),
    CLAMP_MIN("clamp_min", Type.VECTOR, Type.VECTOR, Type.SCALAR),
    CLAMP_MAX("clamp_max", Type.VECTOR, Type.VECTOR, Type.SCALAR),
    TIME("time", Type.SCALAR),
    VECTOR("vector", Type.VECTOR, Type.SCALAR),
    SCALAR("scalar", Type.SCALAR, Type.VECTOR);

    final String text;
    final Type returnType;
    final List<Type> argTypes;

    Function(String text, Type returnType, Type... argTypes) {
      this.text = text;
      this.returnType = returnType;
      this.argTypes = List.of(argTypes);
    }

    static @Nullable Function named(String name) {
      for (Function f : values()) {
        if (f.text.equals(name)) {
          return f;
        }
      }
      return null;
    }
  }
}
