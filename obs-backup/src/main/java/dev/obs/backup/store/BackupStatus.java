package dev.obs.backup.store;

import java.util.Locale;

/** Where a backup is in its life: running, completed with every component, or failed. */
public enum BackupStatus {
  /** Being written; not visible in the store until it completes. */
  IN_PROGRESS,
  /** Every component written, checksummed and synced, with its manifest. */
  COMPLETED,
  /** Stopped by an error; only its manifest (with the error) is kept. */
  FAILED;

  /**
   * Returns the name used in manifests and JSON bodies, such as {@code in_progress}.
   *
   * @return the lower-case name
   */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a name written by {@link #jsonName()}.
   *
   * @param text the name
   * @return the status
   * @throws IllegalArgumentException when the text is no status
   */
  public static BackupStatus parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
