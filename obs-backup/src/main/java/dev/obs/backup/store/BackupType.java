package dev.obs.backup.store;

import java.util.Locale;

/**
 * The retention tier a backup opened when it was made: the first completed backup of a calendar
 * month is {@code MONTHLY}, otherwise the first of an ISO week is {@code WEEKLY}, otherwise {@code
 * DAILY}.
 */
public enum BackupType {
  /** An ordinary backup. */
  DAILY,
  /** The first backup of its ISO week (weeks start on Monday). */
  WEEKLY,
  /** The first backup of its calendar month. */
  MONTHLY;

  /**
   * Returns the name used in manifests, such as {@code daily}.
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
   * @return the type
   * @throws IllegalArgumentException when the text is no type
   */
  public static BackupType parse(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
