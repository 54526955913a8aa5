package dev.obs.history;

import dev.obs.health.HealthStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * The status of one health check in one minute, as sampled at the end of the minute.
 *
 * @param minute the start of the minute
 * @param check the check's name, or {@link #OVERALL} for the aggregate of every check
 * @param status the status
 */
public record CheckMinute(Instant minute, String check, HealthStatus status) {
  /** The check name of the rows that hold the aggregate status of every check. */
  public static final String OVERALL = "*";

  /**
   * Checks the fields.
   *
   * @param minute the minute
   * @param check the check
   * @param status the status
   */
  public CheckMinute {
    Objects.requireNonNull(minute, "minute");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
  }
}
