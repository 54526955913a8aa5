package dev.obs.backup;

import java.util.Map;

/**
 * How to restore a backup.
 *
 * @param confirm must be true: a restore overwrites data, so it is never implied
 * @param replace whether a non-empty target may be cleaned (PostgreSQL) or overwritten
 *     (directories); without it such a target is refused
 * @param targets per component name, where to restore it (a database name or a directory); a
 *     component not named goes to its source's own database or directory
 */
public record RestoreOptions(boolean confirm, boolean replace, Map<String, String> targets) {
  /**
   * Creates options, copying the targets.
   *
   * @param confirm the confirmation
   * @param replace whether to replace a non-empty target
   * @param targets the targets per component
   */
  public RestoreOptions {
    targets = Map.copyOf(targets);
  }

  /**
   * Returns confirmed options restoring the named components into the given targets, refusing
   * non-empty ones.
   *
   * @param targets the targets per component
   * @return the options
   */
  public static RestoreOptions confirmed(Map<String, String> targets) {
    return new RestoreOptions(true, false, targets);
  }
}
