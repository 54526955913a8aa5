package dev.obs.backup.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Something a plan backs up: writes one stream of bytes, and restores from it. Implement this for
 * anything the built-in sources do not cover; the plan checksums, encrypts and stores the stream.
 *
 * <pre>{@code
 * BackupSource postgres = PostgresSource.builder("main").database("app").build();
 * BackupSource uploads = DirectorySource.of("uploads", Path.of("/srv/uploads"));
 * }</pre>
 */
public interface BackupSource {
  /**
   * Returns the source's name, unique in its plan; it names the stored file.
   *
   * @return the name, letters, digits, dots, dashes and underscores
   */
  String name();

  /**
   * Returns the source's kind, recorded in the manifest, such as {@code postgresql}.
   *
   * @return the kind
   */
  String kind();

  /**
   * Returns the extension of the stored file, such as {@code .dump} or {@code .tar.gz}.
   *
   * @return the extension, with its dot
   */
  String extension();

  /**
   * Writes the backup to {@code out}, streaming: never holding the whole backup in memory.
   *
   * @param out where the bytes go; the caller closes it
   * @return what was counted while backing up
   * @throws IOException when the backup fails
   * @throws InterruptedException when the thread is interrupted; started processes are stopped
   */
  SourceResult backup(OutputStream out) throws IOException, InterruptedException;

  /**
   * Restores a backup written by {@link #backup(OutputStream)} into a target.
   *
   * @param in the bytes written by {@code backup}
   * @param target where to restore, such as a database name or a directory
   * @return what the restored target holds, counted the same way as {@code backup} counted, so the
   *     caller can compare
   * @throws IOException when the restore fails or the target is refused
   * @throws InterruptedException when the thread is interrupted
   */
  SourceResult restore(InputStream in, RestoreTarget target)
      throws IOException, InterruptedException;

  /**
   * Returns where a restore goes when the caller names no target: the backed-up database or
   * directory itself.
   *
   * @return the location
   */
  String defaultTarget();

  /**
   * Returns a fresh, empty target for a restore drill, or {@code null} when this source cannot be
   * drilled (the drill then only verifies its checksum).
   *
   * @param suffix a unique suffix for names
   * @return the scratch location, or {@code null}
   * @throws IOException when the scratch target cannot be prepared
   */
  default @Nullable String scratchTarget(String suffix) throws IOException {
    return null;
  }

  /**
   * Removes a scratch target made by {@link #scratchTarget(String)}.
   *
   * @param location the scratch location
   * @throws IOException when it cannot be removed
   */
  default void dropScratch(String location) throws IOException {}
}
