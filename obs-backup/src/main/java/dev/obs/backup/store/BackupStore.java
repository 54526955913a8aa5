package dev.obs.backup.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where backups are kept. A backup is written through a {@link PendingBackup} and becomes visible
 * to {@link #list(String)} only when it is committed complete with its manifest; a failed one
 * leaves only its manifest.
 *
 * <pre>{@code
 * BackupStore store = BackupStore.local(Path.of("/var/backups/app"));
 * }</pre>
 */
public interface BackupStore {

  /**
   * Returns a store in a local directory, created when missing. Each plan gets a subdirectory; each
   * backup a directory named by its id, written under a temporary name, synced and renamed.
   *
   * @param root the directory
   * @return the store
   */
  static BackupStore local(Path root) {
    return new LocalStore(root);
  }

  /**
   * Takes the plan's lock, held until closed, so one run at a time writes, prunes or restores the
   * plan's backups, across processes too.
   *
   * @param plan the plan's name
   * @return the lock, or empty when another run holds it
   * @throws IOException when the lock cannot be created
   */
  Optional<StoreLock> tryLock(String plan) throws IOException;

  /**
   * Starts writing a backup; the caller holds the plan's lock.
   *
   * @param started the manifest so far, with status {@link BackupStatus#IN_PROGRESS}
   * @return the pending backup
   * @throws IOException when the store cannot be written
   */
  PendingBackup begin(Manifest started) throws IOException;

  /**
   * Lists the plan's completed and failed backups, newest first.
   *
   * @param plan the plan's name
   * @return the manifests
   * @throws IOException when the store cannot be read
   */
  List<Manifest> list(String plan) throws IOException;

  /**
   * Finds a backup of any plan by its id.
   *
   * @param id the backup id
   * @return its manifest, or empty
   * @throws IOException when the store cannot be read
   */
  Optional<Manifest> find(UUID id) throws IOException;

  /**
   * Opens a stored component of a completed backup.
   *
   * @param backup the backup
   * @param file the component's file name
   * @return the stored bytes
   * @throws IOException when the file is missing or cannot be read
   */
  InputStream open(Manifest backup, String file) throws IOException;

  /**
   * Deletes a completed or failed backup.
   *
   * @param backup the backup
   * @throws IOException when it cannot be deleted
   */
  void delete(Manifest backup) throws IOException;

  /**
   * Checks that the store can be read at all, so that a command line reading it can say why not
   * instead of finding no backups. The default does nothing.
   *
   * @throws IOException naming what could not be read and why
   */
  default void checkReadable() throws IOException {}

  /**
   * Describes the store for messages and logs, such as {@code local:/var/backups/app}.
   *
   * @return the description
   */
  String describe();
}
