package dev.obs.backup;

import java.util.UUID;

/**
 * The answer to a backup trigger: the run started in the background, or another run of the plan was
 * already going.
 *
 * @param backupId the started backup's id, or the running one's when {@code started} is false (the
 *     nil UUID when another process runs it)
 * @param started whether this trigger started a run
 */
public record TriggerResult(UUID backupId, boolean started) {
  /**
   * Returns {@code started} or {@code already_running}, as the admin API answers.
   *
   * @return the status text
   */
  public String status() {
    return started ? "started" : "already_running";
  }
}
