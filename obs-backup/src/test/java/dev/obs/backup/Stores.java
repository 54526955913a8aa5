package dev.obs.backup;

import dev.obs.backup.store.BackupStore;
import dev.obs.backup.store.Manifest;
import dev.obs.backup.store.PendingBackup;
import dev.obs.backup.store.StoreLock;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Wrappers around a real store whose component streams misbehave on purpose. */
final class Stores {
  private Stores() {}

  /** A store whose component streams throw "No space left on device" past {@code limit} bytes. */
  static BackupStore full(BackupStore real, long limit) {
    return wrapping(
        real,
        out ->
            new FilterOutputStream(out) {
              private long written;

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > limit) {
                  throw new IOException("No space left on device");
                }
                written += len;
                out.write(b, off, len);
              }

              @Override
              public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
              }
            });
  }

  /** A store whose component streams pass each write through {@code wrap}. */
  static BackupStore wrapping(BackupStore real, UnaryOperator<OutputStream> wrap) {
    return new BackupStore() {
      @Override
      public Optional<StoreLock> tryLock(String plan) throws IOException {
        return real.tryLock(plan);
      }

      @Override
      public PendingBackup begin(Manifest started) throws IOException {
        PendingBackup pending = real.begin(started);
        return new PendingBackup() {
          @Override
          public OutputStream create(String file) throws IOException {
            return wrap.apply(pending.create(file));
          }

          @Override
          public void commit(Manifest completed) throws IOException {
            pending.commit(completed);
          }

          @Override
          public void abort(Manifest failed) {
            pending.abort(failed);
          }
        };
      }

      @Override
      public List<Manifest> list(String plan) throws IOException {
        return real.list(plan);
      }

      @Override
      public Optional<Manifest> find(UUID id) throws IOException {
        return real.find(id);
      }

      @Override
      public InputStream open(Manifest backup, String file) throws IOException {
        return real.open(backup, file);
      }

      @Override
      public void delete(Manifest backup) throws IOException {
        real.delete(backup);
      }

      @Override
      public String describe() {
        return "wrapped " + real.describe();
      }
    };
  }
}
