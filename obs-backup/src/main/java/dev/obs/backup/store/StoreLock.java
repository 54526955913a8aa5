package dev.obs.backup.store;

import java.io.IOException;

/** A plan's lock in a {@link BackupStore}; closing releases it. */
public interface StoreLock extends AutoCloseable {
  /**
   * Releases the lock.
   *
   * @throws IOException when releasing fails
   */
  @Override
  void close() throws IOException;
}
