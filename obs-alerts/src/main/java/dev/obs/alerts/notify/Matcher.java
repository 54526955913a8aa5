package dev.obs.alerts.notify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A label matcher as Alertmanager writes them: {@code severity=critical}, {@code team!=db}, {@code
 * instance=~"web-.*"}, {@code env!~"dev|test"}. Regular expressions are anchored at both ends, and
 * a missing label matches as the empty string.
 *
 * <pre>{@code
 * Matcher critical = Matcher.parse("severity=critical");
 * critical.matches(alert.labels()); // true for severity="critical"
 * }</pre>
 */
public final class Matcher {
  /** The comparison a matcher makes. */
  public enum Op {
    /** The label equals the value. */
    EQUAL("="),
    /** The label differs from the value. */
    NOT_EQUAL("!="),
    /** The label matches the regular expression. */
    REGEX("=~"),
    /** The label does not match the regular expression. */
    NOT_REGEX("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /**
     * Returns the operator as written in a matcher, such as {@code =~}.
     *
     * @return the symbol
     */
    public String symbol() {
      return symbol;
    }
  }

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private final String name;
  private final Op op;
  private final String value;
  private final @Nullable Pattern pattern;

  private Matcher(String name, Op op, String value) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "matcher label name must match [a-zA-Z_][a-zA-Z0-9_]*, got '" + name + "'");
    }
    this.name = name;
    this.op = op;
    this.value = value;
    Pattern compiled = null;
    if (op == Op.REGEX || op == Op.NOT_REGEX) {
      try {
        compiled = Pattern.compile("^(?:" + value + ")$");
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "matcher " + name + op.symbol + " has an invalid regular expression '" + value + "'",
            e);
      }
    }
    this.pattern = compiled;
  }

  /**
   * Creates a matcher.
   *
   * @param name the label name
   * @param op the comparison
   * @param value the value, or the regular expression for {@link Op#REGEX} and {@link Op#NOT_REGEX}
   * @return the matcher
   * @throws IllegalArgumentException if the name is not a label name or the regex is invalid
   */
  public static Matcher of(String name, Op op, String value) {
    return new Matcher(Objects.requireNonNull(name), Objects.requireNonNull(op), value);
  }

  /**
   * Creates an equality matcher.
   *
   * @param name the label name
   * @param value the value
   * @return the matcher {@code name=value}
   */
  public static Matcher equal(String name, String value) {
    return of(name, Op.EQUAL, value);
  }

  /**
   * Parses one matcher such as {@code severity=critical} or {@code instance=~"web-.*"}; the value
   * may be double-quoted.
   *
   * @param text the matcher
   * @return the matcher
   * @throws IllegalArgumentException if the text is not a matcher
   */
  public static Matcher parse(String text) {
    String t = text.trim();
    int i = 0;
    while (i < t.length() && (Character.isLetterOrDigit(t.charAt(i)) || t.charAt(i) == '_')) {
      i++;
    }
    String name = t.substring(0, i);
    String rest = t.substring(i).stripLeading();
    Op op = null;
    for (Op candidate : new Op[] {Op.REGEX, Op.NOT_REGEX, Op.NOT_EQUAL, Op.EQUAL}) {
      if (rest.startsWith(candidate.symbol)) {
        op = candidate;
        break;
      }
    }
    if (name.isEmpty() || op == null) {
      throw new IllegalArgumentException(
          "matcher must look like name=value, name!=value, name=~regex or name!~regex, got '"
              + text
              + "'");
    }
    String value = rest.substring(op.symbol.length()).trim();
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      value = value.substring(1, value.length() - 1).replace("\\\"", "\"");
    }
    return new Matcher(name, op, value);
  }

  /**
   * Parses a comma-separated list of matchers, such as {@code severity=critical, team=~"db|ops"};
   * commas inside double quotes belong to the value.
   *
   * @param text the matchers, optionally wrapped in braces
   * @return the matchers, empty for blank text
   * @throws IllegalArgumentException if an item is not a matcher
   */
  public static List<Matcher> parseList(String text) {
    String t = text.trim();
    if (t.startsWith("{") && t.endsWith("}")) {
      t = t.substring(1, t.length() - 1);
    }
    List<Matcher> out = new ArrayList<>();
    StringBuilder item = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '"' && (i == 0 || t.charAt(i - 1) != '\\')) {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        addItem(out, item);
      } else {
        item.append(c);
      }
    }
    addItem(out, item);
    return List.copyOf(out);
  }

  private static void addItem(List<Matcher> out, StringBuilder item) {
    if (!item.toString().isBlank()) {
      out.add(parse(item.toString()));
    }
    item.setLength(0);
  }

  /**
   * Returns the label name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the comparison.
   *
   * @return the operator
   */
  public Op op() {
    return op;
  }

  /**
   * Returns the value or regular expression.
   *
   * @return the value
   */
  public String value() {
    return value;
  }

  /**
   * Tells whether a label set satisfies this matcher; a missing label reads as empty.
   *
   * @param labels the labels
   * @return whether they match
   */
  public boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(name, "");
    return switch (op) {
      case EQUAL -> actual.equals(value);
      case NOT_EQUAL -> !actual.equals(value);
      case REGEX -> Objects.requireNonNull(pattern).matcher(actual).matches();
      case NOT_REGEX -> !Objects.requireNonNull(pattern).matcher(actual).matches();
    };
  }

  /**
   * Tells whether every matcher of a list matches a label set.
   *
   * @param matchers the matchers
   * @param labels the labels
   * @return true when all match, including for an empty list
   */
  public static boolean all(List<Matcher> matchers, Map<String, String> labels) {
    for (Matcher m : matchers) {
      if (!m.matches(labels)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Matcher m && m.name.equals(name) && m.op == op && m.value.equals(value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, op, value);
  }

  /** Returns the matcher as written, with the value quoted: {@code severity="critical"}. */
  @Override
  public String toString() {
    return name + op.symbol + '"' + value.replace("\"", "\\\"") + '"';
  }
}
