package dev.obs.config;

/**
 * Thrown at start when an {@code obs.*} configuration value is invalid. The message names the key,
 * shows the rejected value and says what is accepted.
 */
public final class ObsConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The configuration key whose value was rejected. */
  private final String key;

  /**
   * Creates an exception for one configuration key.
   *
   * @param key the offending key, such as {@code obs.http.uri-cap}
   * @param message the full message shown to the user
   */
  public ObsConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /**
   * Returns the configuration key whose value was rejected.
   *
   * @return the key, such as {@code obs.http.uri-cap}
   */
  public String key() {
    return key;
  }
}
