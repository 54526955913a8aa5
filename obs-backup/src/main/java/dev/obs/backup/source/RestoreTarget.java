package dev.obs.backup.source;

import java.util.Objects;

/**
 * Where a restore goes.
 *
 * @param location a database name, a directory, or what the source understands
 * @param replace whether a non-empty target may be cleaned or overwritten; without it a non-empty
 *     target is refused
 */
public record RestoreTarget(String location, boolean replace) {
  /**
   * Creates a target.
   *
   * @param location the location
   * @param replace whether a non-empty target may be replaced
   */
  public RestoreTarget {
    Objects.requireNonNull(location, "location");
    if (location.isBlank()) {
      throw new IllegalArgumentException("a restore target must not be blank");
    }
  }
}
