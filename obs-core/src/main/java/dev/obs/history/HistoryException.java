package dev.obs.history;

/** A history store could not read or write; the message names the operation and the cause. */
public final class HistoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying error
   */
  public HistoryException(String message, Throwable cause) {
    super(message, cause);
  }
}
