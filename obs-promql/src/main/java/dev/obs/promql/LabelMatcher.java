package dev.obs.promql;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One label matcher, such as {@code status=~"5.."}: in a PromQL vector selector, a notification
 * route or a silence. Regular expressions use RE2 syntax and must match the whole value, as in
 * Prometheus and Alertmanager, so lookarounds and backreferences are refused. A missing label
 * matches as the empty string.
 *
 * <pre>{@code
 * LabelMatcher web = LabelMatcher.parse("instance=~\"web-.*\"");
 * web.matches("web-12"); // true
 * LabelMatcher.matchesAll(LabelMatcher.parseList("severity=critical, team=~\"db|ops\""), labels);
 * }</pre>
 *
 * @param name the label name
 * @param op the comparison
 * @param value the value, or the regular expression for {@link Op#REGEX} and {@link Op#NOT_REGEX}
 */
public record LabelMatcher(String name, Op op, String value) {
  private static final int MAX_CACHED_PATTERNS = 10_000;
  private static final Map<String, Compiled> PATTERNS = new ConcurrentHashMap<>();

  /**
   * A compiled regular expression with a matcher per thread, reset for each value, so matching a
   * label on every evaluation allocates nothing.
   */
  private record Compiled(Pattern pattern, ThreadLocal<Matcher> matcher) {
    Compiled(Pattern pattern) {
      this(pattern, ThreadLocal.withInitial(() -> pattern.matcher("")));
    }

    boolean matches(String value) {
      // matches() anchors at both ends, as Prometheus' "^(?:" + regex + ")$" does.
      return matcher.get().reset(value).matches();
    }
  }

  /** The comparison a matcher makes. */
  public enum Op {
    /** {@code =}: the label equals the value. */
    EQUAL("="),
    /** {@code !=}: the label differs from the value. */
    NOT_EQUAL("!="),
    /** {@code =~}: the regular expression matches the whole label value. */
    REGEX("=~"),
    /** {@code !~}: the regular expression does not match the whole label value. */
    NOT_REGEX("!~");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /**
     * Returns the operator as written in PromQL, such as {@code =~}.
     *
     * @return the symbol
     */
    public String symbol() {
      return symbol;
    }
  }

  /**
   * Creates a matcher, checking the label name and that a regular expression compiles as RE2.
   *
   * @param name the label name, matching {@code [a-zA-Z_][a-zA-Z0-9_]*}
   * @param op the comparison
   * @param value the value or regular expression
   * @throws IllegalArgumentException if the name is not a label name or the regular expression is
   *     not valid RE2
   */
  public LabelMatcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(op, "op");
    Objects.requireNonNull(value, "value");
    if (!Labels.isLabelName(name)) {
      throw new IllegalArgumentException(
          "matcher label name must match [a-zA-Z_][a-zA-Z0-9_]*, got '" + name + "'");
    }
    if (op == Op.REGEX || op == Op.NOT_REGEX) {
      pattern(name, value);
    }
  }

  /**
   * Returns a matcher for label equality.
   *
   * @param name the label name
   * @param value the value
   * @return the matcher {@code name="value"}
   */
  public static LabelMatcher equal(String name, String value) {
    return new LabelMatcher(name, Op.EQUAL, value);
  }

  /**
   * Parses one matcher as Alertmanager writes them: {@code severity=critical}, {@code team!="db"}
   * or {@code instance=~"web-.*"}. The value may be double-quoted, and then {@code \"}, {@code \\},
   * {@code \n}, {@code \r}, {@code \t} and {@code \xNN} are unescaped while any other backslash
   * stays, so {@link #toString()} parses back to the same matcher.
   *
   * @param text the matcher
   * @return the matcher
   * @throws IllegalArgumentException if the text is not a matcher
   */
  public static LabelMatcher parse(String text) {
    return MatcherText.parse(text);
  }

  /**
   * Parses a comma-separated list of matchers, such as {@code severity=critical, team=~"db|ops"};
   * commas inside double quotes belong to the value.
   *
   * @param text the matchers, optionally wrapped in braces
   * @return the matchers, empty for blank text
   * @throws IllegalArgumentException if an item is not a matcher
   */
  public static List<LabelMatcher> parseList(String text) {
    return MatcherText.parseList(text);
  }

  /**
   * Tells whether a label value matches.
   *
   * @param labelValue the value, or {@code null} when the label is missing
   * @return whether it matches
   */
  public boolean matches(@Nullable String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (op) {
      case EQUAL -> value.equals(v);
      case NOT_EQUAL -> !value.equals(v);
      case REGEX -> pattern(name, value).matches(v);
      case NOT_REGEX -> !pattern(name, value).matches(v);
    };
  }

  /**
   * Tells whether every matcher of a list matches a label set; a missing label reads as empty.
   *
   * @param matchers the matchers
   * @param labels label names to values
   * @return true when all match, including for an empty list
   */
  public static boolean matchesAll(List<LabelMatcher> matchers, Map<String, String> labels) {
    for (LabelMatcher m : matchers) {
      if (!m.matches(labels.get(m.name))) {
        return false;
      }
    }
    return true;
  }

  /** Tells whether a series' labels match. */
  boolean matchesLabels(Labels labels) {
    return matches(labels.get(name));
  }

  private static Compiled pattern(String name, String regex) {
    Compiled p = PATTERNS.get(regex);
    if (p == null) {
      try {
        p = new Compiled(Pattern.compile(regex));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(invalid(name, regex, e), e);
      }
      if (PATTERNS.size() < MAX_CACHED_PATTERNS) {
        PATTERNS.put(regex, p);
      }
    }
    return p;
  }

  private static String invalid(String name, String regex, PatternSyntaxException e) {
    String message =
        "invalid regular expression '"
            + regex
            + "' for label '"
            + name
            + "': "
            + e.getDescription()
            + ": `"
            + e.getPattern()
            + "`";
    String at = e.getPattern();
    if (at.startsWith("(?=")
        || at.startsWith("(?!")
        || at.startsWith("(?<=")
        || at.startsWith("(?<!")) {
      return message + " (RE2 syntax, as in Prometheus, has no lookaround)";
    }
    if (at.length() == 2 && at.charAt(0) == '\\' && Character.isDigit(at.charAt(1))) {
      return message + " (RE2 syntax, as in Prometheus, has no backreferences)";
    }
    return message;
  }

  /** Prints the matcher as PromQL, e.g. {@code status=~"5.."}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name).append(op.symbol);
    Printer.quote(b, value);
    return b.toString();
  }
}
