package dev.obs.backup;

import dev.obs.backup.store.Manifest;
import java.util.UUID;

/**
 * Code run around each backup of a plan, such as pausing a job or marking a point "before
 * migrations". An exception from {@link #beforeRun} fails the attempt; one from {@link #afterRun}
 * is logged and does not undo the completed backup.
 */
public interface BackupHook {
  /**
   * Called before the sources are read.
   *
   * @param plan the plan's name
   * @param backupId the backup's id
   * @throws Exception to fail this attempt
   */
  default void beforeRun(String plan, UUID backupId) throws Exception {}

  /**
   * Called after the run ended, completed or failed.
   *
   * @param manifest the final manifest
   * @throws Exception logged, never rethrown
   */
  default void afterRun(Manifest manifest) throws Exception {}
}
