package dev.obs.promql;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * One matcher of a vector selector, such as {@code status=~"5.."}. A regular expression must match
 * the whole value, as in Prometheus, and a missing label matches as the empty string.
 *
 * @param name the label name
 * @param type the kind of comparison
 * @param value the value or regular expression
 */
public record LabelMatcher(String name, Type type, String value) {
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
      return matcher.get().reset(value).matches();
    }
  }

  /** The kind of comparison a matcher makes. */
  public enum Type {
    /** {@code =}: equal. */
    EQ("="),
    /** {@code !=}: not equal. */
    NEQ("!="),
    /** {@code =~}: the regular expression matches the whole value. */
    RE("=~"),
    /** {@code !~}: the regular expression does not match the whole value. */
    NRE("!~");

    private final String symbol;

    Type(String symbol) {
      this.symbol = symbol;
    }

    /**
     * Returns the operator as written in PromQL.
     *
     * @return the operator, e.g. {@code =~}
     */
    public String symbol() {
      return symbol;
    }
  }

  /**
   * Creates a matcher, checking that a regular expression compiles.
   *
   * @param name the label name
   * @param type the comparison
   * @param value the value or regular expression
   * @throws IllegalArgumentException when the regular expression is invalid
   */
  public LabelMatcher {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    if (type == Type.RE || type == Type.NRE) {
      pattern(value);
    }
  }

  /**
   * Returns a matcher for label equality.
   *
   * @param name the label name
   * @param value the value
   * @return the matcher
   */
  public static LabelMatcher eq(String name, String value) {
    return new LabelMatcher(name, Type.EQ, value);
  }

  /**
   * Tells whether a label value matches.
   *
   * @param labelValue the value, or {@code null} when the series lacks the label
   * @return whether it matches
   */
  public boolean matches(@Nullable String labelValue) {
    String v = labelValue == null ? "" : labelValue;
    return switch (type) {
      case EQ -> value.equals(v);
      case NEQ -> !value.equals(v);
      case RE -> pattern(value).matches(v);
      case NRE -> !pattern(value).matches(v);
    };
  }

  /** Tells whether a series' labels match. */
  boolean matchesLabels(Labels labels) {
    return matches(labels.get(name));
  }

  private static Compiled pattern(String regex) {
    Compiled p = PATTERNS.get(regex);
    if (p == null) {
      try {
        p = new Compiled(Pattern.compile("^(?:" + regex + ")$"));
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "invalid regular expression '" + regex + "': " + e.getDescription(), e);
      }
      if (PATTERNS.size() < MAX_CACHED_PATTERNS) {
        PATTERNS.put(regex, p);
      }
    }
    return p;
  }

  /** Prints the matcher as PromQL, e.g. {@code status=~"5.."}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder(name).append(type.symbol);
    Printer.quote(b, value);
    return b.toString();
  }
}
