package dev.obs.backup;

import java.util.List;
import java.util.UUID;

/**
 * The outcome of re-reading a backup and checking every checksum (and decrypting, when encrypted).
 *
 * @param backupId the backup
 * @param problems one line per failed component, naming it; empty when the backup is intact
 */
public record VerifyResult(UUID backupId, List<String> problems) {
  /**
   * Creates a result, copying the problems.
   *
   * @param backupId the backup
   * @param problems the problems
   */
  public VerifyResult {
    problems = List.copyOf(problems);
  }

  /**
   * Tells whether every component is intact.
   *
   * @return true when there is no problem
   */
  public boolean ok() {
    return problems.isEmpty();
  }
}
