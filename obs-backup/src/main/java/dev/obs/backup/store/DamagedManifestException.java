package dev.obs.backup.store;

import java.io.IOException;

/**
 * A backup's manifest was read but is not a manifest: not JSON, or a field is missing or invalid.
 * The backup it describes cannot be trusted, so callers report a damaged backup rather than an
 * unreadable store.
 */
public final class DamagedManifestException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the manifest when known
   * @param cause the parse failure, or {@code null}
   */
  public DamagedManifestException(String message, Throwable cause) {
    super(message, cause);
  }
}
