package dev.obs.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a backup holds and how it went, stored as {@code manifest.json} next to its components.
 *
 * @param backupId the backup's id
 * @param plan the plan that made it
 * @param timestamp when it started, in UTC
 * @param type the retention tier it opened
 * @param status its status
 * @param error why it failed, or {@code null}
 * @param duration how long it took (zero while in progress)
 * @param components its components, in the plan's source order
 * @param keyId the id of the encryption key, or {@code null} when not encrypted
 * @param obsVersion the version of obs that made it
 */
public record Manifest(
    UUID backupId,
    String plan,
    Instant timestamp,
    BackupType type,
    BackupStatus status,
    @Nullable String error,
    Duration duration,
    List<Component> components,
    @Nullable String keyId,
    String obsVersion) {

  /**
   * Creates a manifest, copying the components into an unmodifiable list.
   *
   * @param backupId the id
   * @param plan the plan
   * @param timestamp the start
   * @param type the type
   * @param status the status
   * @param error the error, or {@code null}
   * @param duration the duration
   * @param components the components
   * @param keyId the key id, or {@code null}
   * @param obsVersion the obs version
   */
  public Manifest {
    Objects.requireNonNull(backupId, "backupId");
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(timestamp, "timestamp");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    components = List.copyOf(components);
  }

  /**
   * Returns the total stored size of the components.
   *
   * @return bytes
   */
  public long size() {
    return components.stream().mapToLong(Component::size).sum();
  }

  /**
   * Returns a copy with another status, error, duration and components.
   *
   * @param newStatus the status
   * @param newError the error, or {@code null}
   * @param newDuration the duration
   * @param newComponents the components
   * @return the copy
   */
  public Manifest finish(
      BackupStatus newStatus,
      @Nullable String newError,
      Duration newDuration,
      List<Component> newComponents) {
    return new Manifest(
        backupId,
        plan,
        timestamp,
        type,
        newStatus,
        newError,
        newDuration,
        newComponents,
        keyId,
        obsVersion);
  }

  /**
   * Writes the manifest as JSON with snake_case fields.
   *
   * @param out where to write; left open
   * @throws IOException when writing fails
   */
  public void write(OutputStream out) throws IOException {
    ManifestJson.write(this, out);
  }

  /**
   * Reads a manifest written by {@link #write(OutputStream)}.
   *
   * @param in the JSON
   * @return the manifest
   * @throws IOException when reading fails or the JSON is not a manifest
   */
  public static Manifest read(InputStream in) throws IOException {
    return ManifestJson.read(in);
  }

  /**
   * Returns the manifest as JSON text.
   *
   * @return the JSON
   */
  public String toJson() {
    return ManifestJson.toJson(this);
  }
}
