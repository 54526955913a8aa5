package dev.obs.http;

/** The {@code outcome} tag, as Spring Boot defines it: the class of the response status. */
public enum Outcome {
  /** 1xx. */
  INFORMATIONAL,
  /** 2xx. */
  SUCCESS,
  /** 3xx. */
  REDIRECTION,
  /** 4xx. */
  CLIENT_ERROR,
  /** 5xx. */
  SERVER_ERROR,
  /** Any other status. */
  UNKNOWN,
  /**
   * The client went away before the response was complete; never derived from a status, see {@link
   * ClientAborts}.
   */
  CLIENT_ABORT;

  private static final Outcome[] BY_CLASS = {
    INFORMATIONAL, SUCCESS, REDIRECTION, CLIENT_ERROR, SERVER_ERROR
  };

  /**
   * Returns the outcome of a status code.
   *
   * @param status an HTTP status code
   * @return its outcome; {@link #UNKNOWN} outside 100 to 599
   */
  public static Outcome of(int status) {
    if (status < 100 || status > 599) {
      return UNKNOWN;
    }
    return BY_CLASS[status / 100 - 1];
  }
}
