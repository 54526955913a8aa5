package dev.obs.backup;

import dev.obs.backup.store.Manifest;
import java.util.List;

/**
 * What retention kept and removed (or, in a dry run, would remove).
 *
 * @param plan the plan
 * @param kept the completed backups kept, newest first
 * @param deleted the backups removed or to be removed, newest first
 * @param dryRun whether nothing was actually removed
 */
public record PruneReport(
    String plan, List<Manifest> kept, List<Manifest> deleted, boolean dryRun) {
  /**
   * Creates a report, copying the lists.
   *
   * @param plan the plan
   * @param kept the kept backups
   * @param deleted the deleted backups
   * @param dryRun whether it was a dry run
   */
  public PruneReport {
    kept = List.copyOf(kept);
    deleted = List.copyOf(deleted);
  }
}
