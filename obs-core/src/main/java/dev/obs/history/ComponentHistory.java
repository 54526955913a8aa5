package dev.obs.history;

import java.util.List;

/**
 * A public component of the status page: a health check registered with a public title, and its
 * daily uptime.
 *
 * @param check the check's name
 * @param title the public title
 * @param days one entry per UTC day, oldest first, the last one today; a day without samples has
 *     zero minutes
 * @param uptimePercent the share of available minutes over all the days, or {@code NaN} when none
 *     was sampled
 */
public record ComponentHistory(
    String check, String title, List<DailyUptime> days, double uptimePercent) {
  /**
   * Copies the days.
   *
   * @param check the check
   * @param title the title
   * @param days the days
   * @param uptimePercent the uptime
   */
  public ComponentHistory {
    days = List.copyOf(days);
  }
}
