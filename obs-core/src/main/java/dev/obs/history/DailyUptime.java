package dev.obs.history;

import java.time.LocalDate;

/**
 * How one check fared on one UTC day: the sampled minutes by status.
 *
 * @param check the check's name
 * @param day the day, in UTC
 * @param up minutes sampled UP
 * @param degraded minutes sampled DEGRADED
 * @param down minutes sampled DOWN
 */
public record DailyUptime(String check, LocalDate day, int up, int degraded, int down) {

  /**
   * Returns the minutes sampled on that day.
   *
   * @return the total
   */
  public int sampled() {
    return up + degraded + down;
  }

  /**
   * Returns the share of sampled minutes that were available (UP or DEGRADED), in percent.
   *
   * @return the percentage, or {@code NaN} when nothing was sampled
   */
  public double availablePercent() {
    int total = sampled();
    return total == 0 ? Double.NaN : 100.0 * (up + degraded) / total;
  }
}
