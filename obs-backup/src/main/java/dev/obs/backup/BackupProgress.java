package dev.obs.backup;

import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.Manifest;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Where a backup is: a run in progress with the bytes written so far, or a finished one with its
 * manifest.
 *
 * @param backupId the backup's id
 * @param plan the plan
 * @param status the status
 * @param percent 0 to 100: for a run in progress, the bytes written against the previous backup's
 *     size (at most 99 until it ends); 100 once finished
 * @param bytes the bytes written so far
 * @param manifest the manifest once finished, or {@code null}
 */
public record BackupProgress(
    UUID backupId,
    String plan,
    BackupStatus status,
    int percent,
    long bytes,
    @Nullable Manifest manifest) {

  /**
   * Returns the progress of a finished backup.
   *
   * @param manifest its manifest
   * @return the progress
   */
  public static BackupProgress finished(Manifest manifest) {
    return new BackupProgress(
        manifest.backupId(), manifest.plan(), manifest.status(), 100, manifest.size(), manifest);
  }
}
