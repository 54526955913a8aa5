package dev.obs.promql;

import dev.obs.promql.Ast.Aggregation;
import dev.obs.promql.Ast.Binary;
import dev.obs.promql.Ast.BinaryOp;
import dev.obs.promql.Ast.Call;
import dev.obs.promql.Ast.MatrixSelector;
import dev.obs.promql.Ast.NumberLiteral;
import dev.obs.promql.Ast.Unary;
import dev.obs.promql.Ast.VectorSelector;
import java.time.Duration;
import java.util.List;

/** Prints expressions as canonical PromQL in Prometheus's own layout. */
final class Printer {
  private Printer() {}

  static String print(Expr e) {
    StringBuilder b = new StringBuilder();
    print(b, e);
    return b.toString();
  }

  private static void print(StringBuilder b, Expr e) {
    if (e instanceof NumberLiteral n) {
      b.append(number(n.value()));
    } else if (e instanceof VectorSelector v) {
      selector(b, v);
    } else if (e instanceof MatrixSelector m) {
      matchers(b, m.selector().matchers());
      b.append('[').append(PromDuration.format(Duration.ofMillis(m.rangeMillis()))).append(']');
      offset(b, m.selector().offsetMillis());
    } else if (e instanceof Call c) {
      b.append(c.function().text).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        if (i > 0) {
          b.append(", ");
        }
        print(b, c.args().get(i));
      }
      b.append(')');
    } else if (e instanceof Aggregation a) {
      b.append(a.op().text);
      if (a.without() || !a.grouping().isEmpty()) {
        b.append(a.without() ? " without (" : " by (");
        b.append(String.join(", ", a.grouping())).append(") ");
      }
      b.append('(');
      print(b, a.arg());
      b.append(')');
    } else if (e instanceof Binary bin) {
      binary(b, bin);
    } else if (e instanceof Unary u) {
      b.append('-');
      boolean paren = u.operand() instanceof Binary || u.operand() instanceof Unary;
      operand(b, u.operand(), paren);
    }
  }

  private static void binary(StringBuilder b, Binary bin) {
    BinaryOp op = bin.op();
    operand(b, bin.lhs(), needsParens(bin.lhs(), op, true));
    b.append(' ').append(op.text);
    if (bin.returnBool()) {
      b.append(" bool");
    }
    if (bin.matching() != null) {
      b.append(bin.matching().on() ? " on (" : " ignoring (");
      b.append(String.join(", ", bin.matching().labels())).append(')');
    }
    b.append(' ');
    operand(b, bin.rhs(), needsParens(bin.rhs(), op, false));
  }

  private static boolean needsParens(Expr child, BinaryOp parent, boolean left) {
    if (child instanceof Binary c) {
      // Not needed, but "a or (b and c)" reads more safely than "a or b and c".
      if (c.op().setOperator() && parent.setOperator() && c.op() != parent) {
        return true;
      }
      if (c.op().precedence != parent.precedence) {
        return c.op().precedence < parent.precedence;
      }
      return left == parent.rightAssociative();
    }
    // "-a ^ b" parses as "-(a ^ b)", so a negated left operand of "^" needs parentheses.
    if (left && parent == BinaryOp.POW) {
      return child instanceof Unary
          || (child instanceof NumberLiteral n
              && (n.value() < 0 || Double.doubleToRawLongBits(n.value()) == Long.MIN_VALUE));
    }
    return false;
  }

  private static void operand(StringBuilder b, Expr e, boolean paren) {
    if (paren) {
      b.append('(');
    }
    print(b, e);
    if (paren) {
      b.append(')');
    }
  }

  private static void selector(StringBuilder b, VectorSelector v) {
    matchers(b, v.matchers());
    offset(b, v.offsetMillis());
  }

  private static void matchers(StringBuilder b, List<LabelMatcher> matchers) {
    int from = 0;
    if (!matchers.isEmpty()) {
      LabelMatcher first = matchers.get(0);
      if (first.name().equals(Labels.METRIC_NAME)
          && first.op() == LabelMatcher.Op.EQUAL
          && Labels.isMetricName(first.value())
          && Lexer.keyword(first.value()) == null) {
        b.append(first.value());
        from = 1;
        if (matchers.size() == 1) {
          return;
        }
      }
    }
    b.append('{');
    for (int i = from; i < matchers.size(); i++) {
      if (i > from) {
        b.append(", ");
      }
      b.append(matchers.get(i));
    }
    b.append('}');
  }

  private static void offset(StringBuilder b, long offsetMillis) {
    if (offsetMillis > 0) {
      b.append(" offset ").append(PromDuration.format(Duration.ofMillis(offsetMillis)));
    } else if (offsetMillis < 0) {
      b.append(" offset -").append(PromDuration.format(Duration.ofMillis(-offsetMillis)));
    }
  }

  /** Formats a number so that Prometheus and {@link Parser} read back exactly the same value. */
  static String number(double v) {
    if (Double.isNaN(v)) {
      return "NaN";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "+Inf" : "-Inf";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return (Double.doubleToRawLongBits(v) == Long.MIN_VALUE ? "-" : "") + (long) v;
    }
    return Double.toString(v);
  }

  /** Appends a string literal in double quotes, escaped as Go's {@code %q} does. */
  static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            b.append(String.format("\\x%02x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
