package dev.obs.backup;

/**
 * How many backups a plan keeps, grandfather-father-son style. Which backups count for each tier:
 *
 * <ul>
 *   <li><b>daily</b>: the newest completed backup of each of the {@code daily} most recent calendar
 *       days that have one;
 *   <li><b>weekly</b>: the first completed backup of each of the {@code weekly} most recent ISO
 *       weeks (Monday to Sunday) that have one;
 *   <li><b>monthly</b>: the first completed backup of each of the {@code monthly} most recent
 *       calendar months that have one.
 * </ul>
 *
 * Days, weeks and months are taken in the plan's time zone. A backup kept by several tiers counts
 * once. The newest completed backup is always kept; failed runs are removed after a day.
 *
 * @param daily daily backups kept; the default is 7
 * @param weekly weekly backups kept; the default is 4
 * @param monthly monthly backups kept; the default is 12
 */
public record Retention(int daily, int weekly, int monthly) {
  /**
   * Creates a retention, rejecting negative counts.
   *
   * @param daily daily backups kept
   * @param weekly weekly backups kept
   * @param monthly monthly backups kept
   */
  public Retention {
    if (daily < 0 || weekly < 0 || monthly < 0) {
      throw new IllegalArgumentException(
          "retention counts must be zero or more, got daily="
              + daily
              + " weekly="
              + weekly
              + " monthly="
              + monthly);
    }
  }

  /**
   * Returns the default: 7 daily, 4 weekly and 12 monthly backups.
   *
   * @return the default retention
   */
  public static Retention defaults() {
    return new Retention(7, 4, 12);
  }
}
