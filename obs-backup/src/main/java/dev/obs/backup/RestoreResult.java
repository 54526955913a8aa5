package dev.obs.backup;

import dev.obs.backup.source.SourceResult;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A completed restore whose integrity was checked: checksums before, and the recorded counts (such
 * as tables and rows per table) after.
 *
 * @param backupId the backup restored
 * @param targets where each component went
 * @param restored what each restored component holds
 * @param duration how long it took
 */
public record RestoreResult(
    UUID backupId,
    Map<String, String> targets,
    Map<String, SourceResult> restored,
    Duration duration) {
  /**
   * Creates a result, copying the maps and keeping their order.
   *
   * @param backupId the backup
   * @param targets the targets
   * @param restored the restored contents
   * @param duration the duration
   */
  public RestoreResult {
    targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
    restored = Collections.unmodifiableMap(new LinkedHashMap<>(restored));
  }
}
