package dev.obs.promql;

/**
 * An expression is not valid PromQL or uses something outside the supported subset. The message
 * names the problem and its position, e.g. {@code unsupported function 'topk' at 1:1}.
 */
public final class PromQLParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The 1-based line of the problem. */
  private final int line;

  /** The 1-based column of the problem. */
  private final int column;

  /** The offending construct. */
  private final String construct;

  /**
   * Creates the exception; the message gets the position appended.
   *
   * @param problem what is wrong, without the position
   * @param line the 1-based line in the expression text
   * @param column the 1-based column in that line
   * @param construct the offending construct, e.g. {@code topk} or {@code subquery}
   */
  public PromQLParseException(String problem, int line, int column, String construct) {
    super(problem + " at " + line + ":" + column);
    this.line = line;
    this.column = column;
    this.construct = construct;
  }

  /**
   * Returns the line of the problem.
   *
   * @return the 1-based line within the expression text
   */
  public int line() {
    return line;
  }

  /**
   * Returns the column of the problem.
   *
   * @return the 1-based column within its line
   */
  public int column() {
    return column;
  }

  /**
   * Returns the offending construct, such as a function name, {@code @ modifier}, {@code subquery}
   * or {@code group_left}.
   *
   * @return the construct
   */
  public String construct() {
    return construct;
  }
}
