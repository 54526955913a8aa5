package dev.obs.backup;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of a restore drill: the newest backup restored into scratch targets, checked, and
 * dropped.
 *
 * @param plan the plan
 * @param backupId the backup drilled, or {@code null} when the plan had none
 * @param at when the drill started
 * @param duration how long it took
 * @param error why it failed, or {@code null} when it passed
 */
public record DrillResult(
    String plan, @Nullable UUID backupId, Instant at, Duration duration, @Nullable String error) {
  /**
   * Tells whether the drill passed.
   *
   * @return true when the backup restored and matched its manifest
   */
  public boolean ok() {
    return error == null;
  }
}
