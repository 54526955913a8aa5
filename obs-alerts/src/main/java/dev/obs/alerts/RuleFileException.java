package dev.obs.alerts;

/**
 * A rule file that cannot be loaded, with the place of the problem: the message reads {@code
 * file:line:column: what is wrong}.
 */
public final class RuleFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The file name or resource as given to the loader. */
  private final String file;

  /** The 1-based line of the problem. */
  private final int line;

  /** The 1-based column of the problem. */
  private final int column;

  /** What is wrong, without the position. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param file the file name or resource as given
   * @param line the 1-based line
   * @param column the 1-based column
   * @param reason what is wrong
   */
  public RuleFileException(String file, int line, int column, String reason) {
    super(file + ":" + line + ":" + column + ": " + reason);
    this.file = file;
    this.line = line;
    this.column = column;
    this.reason = reason;
  }

  /**
   * Returns the file name or resource as given to the loader.
   *
   * @return the file
   */
  public String file() {
    return file;
  }

  /**
   * Returns the 1-based line of the problem.
   *
   * @return the line
   */
  public int line() {
    return line;
  }

  /**
   * Returns the 1-based column of the problem.
   *
   * @return the column
   */
  public int column() {
    return column;
  }

  /**
   * Returns what is wrong, without the position.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
