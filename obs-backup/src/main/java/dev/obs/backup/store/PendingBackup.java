package dev.obs.backup.store;

import java.io.IOException;
import java.io.OutputStream;

/** A backup being written: components are created, then it is committed or aborted. */
public interface PendingBackup {
  /**
   * Creates a component file. The returned stream syncs the file to disk when closed.
   *
   * @param file the file name, without directories
   * @return the stream to write the stored bytes to
   * @throws IOException when the file cannot be created
   */
  OutputStream create(String file) throws IOException;

  /**
   * Makes the backup visible, complete with its manifest.
   *
   * @param completed the final manifest, status {@link BackupStatus#COMPLETED}
   * @throws IOException when the store cannot be written; the backup then stays invisible
   */
  void commit(Manifest completed) throws IOException;

  /**
   * Removes whatever was written and keeps only the failed manifest. Never throws: a store too
   * broken to record the failure still must not show a partial backup.
   *
   * @param failed the final manifest, status {@link BackupStatus#FAILED}
   */
  void abort(Manifest failed);
}
