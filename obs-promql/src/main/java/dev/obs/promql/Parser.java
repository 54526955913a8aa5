package dev.obs.promql;

import dev.obs.promql.Ast.Aggregation;
import dev.obs.promql.Ast.AggregationOp;
import dev.obs.promql.Ast.BinaryOp;
import dev.obs.promql.Ast.Call;
import dev.obs.promql.Ast.Function;
import dev.obs.promql.Ast.Matching;
import dev.obs.promql.Ast.MatrixSelector;
import dev.obs.promql.Ast.NumberLiteral;
import dev.obs.promql.Ast.Type;
import dev.obs.promql.Ast.Unary;
import dev.obs.promql.Ast.VectorSelector;
import dev.obs.promql.Lexer.Kind;
import dev.obs.promql.Lexer.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A recursive-descent parser for the PromQL subset, with Prometheus's operator precedence and type
 * checks. Everything outside the subset is rejected naming the construct and its position.
 */
final class Parser {
  private static final int UNARY_OPERAND_PRECEDENCE = BinaryOp.POW.precedence;

  private final List<Token> tokens;
  private int next;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Expr parse(String text) {
    Parser p = new Parser(Lexer.tokenize(text));
    Token first = p.peek();
    Expr e = p.expr(0);
    Token end = p.peek();
    if (end.kind() != Kind.EOF) {
      if (end.is(")")) {
        throw error("unexpected ')' without a matching '('", end, ")");
      }
      throw error("unexpected " + end.describe(), end, end.text());
    }
    if (Ast.typeOf(e) == Type.MATRIX) {
      throw error(
          "a range vector cannot be the result of an expression; wrap it in a function such as"
              + " rate()",
          first,
          "range vector");
    }
    return e;
  }

  private Expr expr(int minPrecedence) {
    Expr lhs = unary();
    while (true) {
      Token t = peek();
      BinaryOp op = binaryOp(t);
      if (op == null || op.precedence < minPrecedence) {
        return lhs;
      }
      advance();
      boolean returnBool = false;
      if (peekWord("bool")) {
        Token b = advance();
        if (!op.comparison()) {
          throw error("bool modifier can only be used on comparison operators", b, "bool");
        }
        returnBool = true;
      }
      Matching matching = null;
      if (peekWord("on") || peekWord("ignoring")) {
        boolean on = advance().text().equalsIgnoreCase("on");
        List<String> labels = labelList();
        matching = on || !labels.isEmpty() ? new Matching(on, labels) : null;
      }
      if (peekWord("group_left") || peekWord("group_right")) {
        Token g = advance();
        String name = g.text().toLowerCase(Locale.ROOT);
        throw error("unsupported vector matching '" + name + "'", g, name);
      }
      int nextMin = op.rightAssociative() ? op.precedence : op.precedence + 1;
      Expr rhs = expr(nextMin);
      lhs = TypeChecks.binary(op, lhs, rhs, returnBool, matching, t);
    }
  }

  private @Nullable BinaryOp binaryOp(Token t) {
    if (t.kind() == Kind.PUNCT) {
      for (BinaryOp op : BinaryOp.values()) {
        if (!op.setOperator() && op.text.equals(t.text())) {
          return op;
        }
      }
      return null;
    }
    if (t.kind() == Kind.IDENT) {
      String word = t.text().toLowerCase(Locale.ROOT);
      switch (word) {
        case "and":
          return BinaryOp.AND;
        case "or":
          return BinaryOp.OR;
        case "unless":
          return BinaryOp.UNLESS;
        case "atan2":
          throw error("unsupported operator 'atan2'", t, "atan2");
        default:
          return null;
      }
    }
    return null;
  }

  private Expr unary() {
    Token t = peek();
    if (t.is("-") || t.is("+")) {
      advance();
      Expr operand = expr(UNARY_OPERAND_PRECEDENCE);
      Type type = Ast.typeOf(operand);
      if (type == Type.MATRIX) {
        throw error("unary expression only allowed on scalars and instant vectors", t, t.text());
      }
      if (t.is("+")) {
        return operand;
      }
      if (operand instanceof NumberLiteral n) {
        return new NumberLiteral(-n.value());
      }
      return new Unary(operand);
    }
    boolean parenthesized = t.is("(");
    return postfix(primary(), parenthesized);
  }

  private Expr postfix(Expr e, boolean parenthesized) {
    while (true) {
      Token t = peek();
      if (t.is("[")) {
        advance();
        Token d = advance();
        if (peek().is(":") || d.is(":")) {
          throw error("unsupported subquery", t, "subquery");
        }
        if (!(e instanceof VectorSelector v) || parenthesized) {
          throw error("ranges only allowed for vector selectors", t, "range");
        }
        if (v.offsetMillis() != 0) {
          throw error("a range must come before the offset modifier", t, "range");
        }
        long range = durationMillis(d);
        if (range <= 0) {
          throw error("range must be greater than 0, got '" + d.text() + "'", d, "duration");
        }
        expect("]", "to close the range");
        e = new MatrixSelector(v, range);
      } else if (peekWord("offset")) {
        advance();
        boolean negative = false;
        if (peek().is("-") || peek().is("+")) {
          negative = advance().is("-");
        }
        long offset = durationMillis(advance());
        if (negative) {
          offset = -offset;
        }
        if (parenthesized) {
          throw error(
              "offset modifier must be preceded by an instant vector selector or range vector"
                  + " selector",
              t,
              "offset");
        }
        if (e instanceof VectorSelector v && v.offsetMillis() == 0) {
          e = new VectorSelector(v.matchers(), offset);
        } else if (e instanceof MatrixSelector m && m.selector().offsetMillis() == 0) {
          e =
              new MatrixSelector(
                  new VectorSelector(m.selector().matchers(), offset), m.rangeMillis());
        } else if (e instanceof VectorSelector || e instanceof MatrixSelector) {
          throw error("offset may not be set multiple times", t, "offset");
        } else {
          throw error(
              "offset modifier must be preceded by an instant vector selector or range vector"
                  + " selector",
              t,
              "offset");
        }
      } else if (t.is("@")) {
        throw error("unsupported @ modifier", t, "@ modifier");
      } else {
        return e;
      }
    }
  }

  private Expr primary() {
    Token t = advance();
    switch (t.kind()) {
      case NUMBER:
        return new NumberLiteral(number(t));
      case STRING:
        throw error("unsupported string literal", t, "string literal");
      case DURATION:
        throw error("unexpected duration '" + t.text() + "'", t, "duration");
      case EOF:
        throw error("unexpected end of input", t, "end of input");
      case PUNCT:
        if (t.is("(")) {
          Expr inner = expr(0);
          Token close = peek();
          if (!close.is(")")) {
            if (close.kind() == Kind.EOF) {
              throw error("unclosed left parenthesis", t, "(");
            }
            throw error("unexpected " + close.describe() + ", expected ')'", close, close.text());
          }
          advance();
          return inner;
        }
        if (t.is("{")) {
          return selector(null, t);
        }
        if (t.is(")")) {
          throw error("unexpected ')' without a matching '('", t, ")");
        }
        throw error("unexpected " + t.describe(), t, t.text());
      default:
        return identifier(t);
    }
  }

  private Expr identifier(Token t) {
    String word = t.text();
    String keyword = Lexer.keyword(word);
    if ("inf".equals(keyword)) {
      return new NumberLiteral(Double.POSITIVE_INFINITY);
    }
    if ("nan".equals(keyword)) {
      return new NumberLiteral(Double.NaN);
    }
    String lower = word.toLowerCase(Locale.ROOT);
    for (AggregationOp op : AggregationOp.values()) {
      if (op.text.equals(lower)) {
        return aggregation(op, t);
      }
    }
    if (TypeChecks.OTHER_AGGREGATIONS.contains(lower)) {
      throw error("unsupported function '" + lower + "'", t, lower);
    }
    if (keyword != null) {
      throw error("unexpected '" + word + "'", t, lower);
    }
    if (peek().is("(")) {
      return call(t);
    }
    return selector(t, peek().is("{") ? advance() : null);
  }

  private Expr call(Token name) {
    Function f = Function.named(name.text());
    if (f == null) {
      if (TypeChecks.OTHER_FUNCTIONS.contains(name.text())) {
        throw error("unsupported function '" + name.text() + "'", name, name.text());
      }
      throw error("unknown function '" + name.text() + "'", name, name.text());
    }
    advance();
    List<Expr> args = new ArrayList<>();
    List<Token> starts = new ArrayList<>();
    if (!peek().is(")")) {
      while (true) {
        starts.add(peek());
        args.add(expr(0));
        if (peek().is(",")) {
          advance();
        } else {
          break;
        }
      }
    }
    expect(")", "to close the call to " + f.text);
    TypeChecks.arguments(f, args, name, starts);
    return new Call(f, args);
  }

  private Expr aggregation(AggregationOp op, Token t) {
    List<String> grouping = List.of();
    boolean without = false;
    boolean grouped = false;
    if (peekWord("by") || peekWord("without")) {
      without = advance().text().equalsIgnoreCase("without");
      grouping = labelList();
      grouped = true;
    }
    Token open = expect("(", "after '" + op.text + "'");
    Token argStart = peek();
    Expr arg = expr(0);
    if (peek().is(",")) {
      throw error("unsupported parameter in aggregation '" + op.text + "'", peek(), op.text);
    }
    if (!peek().is(")")) {
      if (peek().kind() == Kind.EOF) {
        throw error("unclosed left parenthesis", open, "(");
      }
      throw error("unexpected " + peek().describe() + ", expected ')'", peek(), peek().text());
    }
    advance();
    if (peekWord("by") || peekWord("without")) {
      Token g = advance();
      if (grouped) {
        throw error("aggregation may have only one grouping clause", g, g.text());
      }
      without = g.text().equalsIgnoreCase("without");
      grouping = labelList();
    }
    if (Ast.typeOf(arg) != Type.VECTOR) {
      throw error(
          "expected type instant vector in aggregation expression, got "
              + Ast.typeOf(arg).description,
          argStart,
          op.text);
    }
    return new Aggregation(op, arg, grouping, without);
  }

  private List<String> labelList() {
    expect("(", "to open the label list");
    List<String> labels = new ArrayList<>();
    while (!peek().is(")")) {
      Token l = advance();
      if (l.kind() != Kind.IDENT || l.text().indexOf(':') >= 0) {
        throw error("unexpected " + l.describe() + " in label list", l, l.text());
      }
      labels.add(l.text());
      if (peek().is(",")) {
        advance();
      } else if (!peek().is(")")) {
        throw error(
            "unexpected " + peek().describe() + " in label list, expected ',' or ')'",
            peek(),
            peek().text());
      }
    }
    advance();
    return labels;
  }

  private VectorSelector selector(@Nullable Token name, @Nullable Token open) {
    List<LabelMatcher> matchers = new ArrayList<>();
    if (name != null) {
      matchers.add(LabelMatcher.equal(Labels.METRIC_NAME, name.text()));
    }
    Token start = name != null ? name : open;
    if (open != null) {
      while (!peek().is("}")) {
        Token label = advance();
        if (label.kind() != Kind.IDENT || label.text().indexOf(':') >= 0) {
          if (label.kind() == Kind.EOF) {
            throw error("unclosed left brace", open, "{");
          }
          throw error("unexpected " + label.describe() + " in label matching", label, label.text());
        }
        LabelMatcher.Op op = matchOp(advance());
        Token value = advance();
        if (value.kind() != Kind.STRING) {
          throw error(
              "unexpected " + value.describe() + " in label matching, expected a string",
              value,
              value.text());
        }
        if (label.text().equals(Labels.METRIC_NAME) && name != null) {
          throw error("metric name must not be set twice", label, Labels.METRIC_NAME);
        }
        try {
          LabelMatcher m = new LabelMatcher(label.text(), op, value.text());
          if (name == null
              && op == LabelMatcher.Op.EQUAL
              && label.text().equals(Labels.METRIC_NAME)) {
            matchers.add(0, m);
            name = label;
          } else {
            matchers.add(m);
          }
        } catch (IllegalArgumentException e) {
          throw error(e.getMessage(), value, "regular expression");
        }
        if (peek().is(",")) {
          advance();
        } else if (!peek().is("}")) {
          if (peek().kind() == Kind.EOF) {
            throw error("unclosed left brace", open, "{");
          }
          throw error(
              "unexpected " + peek().describe() + " in label matching, expected ',' or '}'",
              peek(),
              peek().text());
        }
      }
      advance();
    }
    boolean nonEmpty = false;
    for (LabelMatcher m : matchers) {
      nonEmpty |= !m.matches(null);
    }
    if (!nonEmpty) {
      throw error(
          "vector selector must contain at least one non-empty matcher", start, "vector selector");
    }
    return new VectorSelector(matchers, 0);
  }

  private static LabelMatcher.Op matchOp(Token op) {
    for (LabelMatcher.Op candidate : LabelMatcher.Op.values()) {
      if (op.is(candidate.symbol())) {
        return candidate;
      }
    }
    throw error(
        "unexpected " + op.describe() + " in label matching, expected one of '=', '!=', '=~', '!~'",
        op,
        op.text());
  }

  private static double number(Token t) {
    String s = t.text();
    try {
      if (s.startsWith("0x") || s.startsWith("0X")) {
        return Long.parseLong(s.substring(2), 16);
      }
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      throw error("bad number '" + s + "'", t, "number");
    }
  }

  private Token expect(String punct, String why) {
    Token t = peek();
    if (!t.is(punct)) {
      throw error("unexpected " + t.describe() + ", expected '" + punct + "' " + why, t, t.text());
    }
    return advance();
  }

  private boolean peekWord(String word) {
    Token t = peek();
    return t.kind() == Kind.IDENT && t.text().equalsIgnoreCase(word);
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token advance() {
    Token t = tokens.get(next);
    if (t.kind() != Kind.EOF) {
      next++;
    }
    return t;
  }

  /** Reads a range or offset; a bare {@code 0} is a number token, yet still a duration. */
  private static long durationMillis(Token t) {
    String s = t.text();
    if (t.kind() == Kind.DURATION || (t.kind() == Kind.NUMBER && s.equals("0"))) {
      try {
        return PromDuration.parse(s).toMillis();
      } catch (IllegalArgumentException e) {
        if (PromDuration.OUT_OF_RANGE.equals(e.getMessage())) {
          throw error("duration '" + s + "' is out of range", t, "duration");
        }
      }
    }
    throw error(
        "bad duration '" + s + "', expected a duration such as 30s, 5m or 1h30m", t, "duration");
  }

  static PromQLParseException error(String problem, Token at, String construct) {
    return new PromQLParseException(problem, at.line(), at.column(), construct);
  }
}
