package dev.obs.backup.store;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backups in a local directory: {@code <root>/<plan>/<id>/} holds a completed backup's components
 * and {@code manifest.json}; {@code .partial-<id>/} one being written; {@code .failed-<id>.json} a
 * failed one's manifest; {@code .lock} the plan's lock.
 */
final class LocalStore implements BackupStore {
  static final String MANIFEST = "manifest.json";
  private static final String PARTIAL = ".partial-";
  private static final String FAILED = ".failed-";
  private static final Logger log = LoggerFactory.getLogger(LocalStore.class);

  private final Path root;

  LocalStore(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Optional<StoreLock> tryLock(String plan) throws IOException {
    Path dir = Files.createDirectories(planDir(plan));
    FileChannel channel =
        FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    // The OS lock dies with its process, so a partial directory seen now belongs to a run that
    // was killed: record it as failed rather than leave it forever in progress.
    recoverInterrupted(dir);
    FileLock held = lock;
    return Optional.of(
        () -> {
          try {
            held.release();
          } finally {
            channel.close();
          }
        });
  }

  private void recoverInterrupted(Path dir) {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, PARTIAL + "*")) {
      for (Path partial : entries) {
        try {
          Manifest started;
          try (InputStream in = Files.newInputStream(partial.resolve(MANIFEST))) {
            started = Manifest.read(in);
          }
          Manifest failed =
              started.finish(
                  BackupStatus.FAILED,
                  "interrupted: the process stopped before the backup completed",
                  Duration.ZERO,
                  List.of());
          new Pending(partial, failed).abort(failed);
        } catch (IOException e) {
          log.warn("obs backup store: removing unreadable partial backup {}", partial, e);
          deleteTree(partial);
        }
      }
    } catch (IOException e) {
      log.warn("obs backup store: cannot scan {} for interrupted backups", dir, e);
    }
  }

  @Override
  public PendingBackup begin(Manifest started) throws IOException {
    Path dir = Files.createDirectories(planDir(started.plan()));
    Path partial = Files.createDirectory(dir.resolve(PARTIAL + started.backupId()));
    writeAtomically(partial.resolve(MANIFEST), started);
    return new Pending(partial, started);
  }

  @Override
  public List<Manifest> list(String plan) throws IOException {
    Path dir = planDir(plan);
    List<Manifest> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        Path manifest;
        if (name.startsWith(FAILED) && name.endsWith(".json")) {
          manifest = p;
        } else if (!name.startsWith(".") && Files.isRegularFile(p.resolve(MANIFEST))) {
          manifest = p.resolve(MANIFEST);
        } else {
          continue;
        }
        try (InputStream in = Files.newInputStream(manifest)) {
          out.add(Manifest.read(in));
        } catch (IOException e) {
          // One line: a damaged manifest is a finding about the backup, not a bug of obs.
          log.warn(
              "obs backup store: skipping unreadable manifest {}: {}", manifest, e.getMessage());
        }
      }
    }
    out.sort(Comparator.comparing(Manifest::timestamp).reversed());
    return out;
  }

  @Override
  public void checkReadable() throws IOException {
    if (!Files.exists(root)) {
      throw new java.nio.file.NoSuchFileException(
          root.toString(), null, "the store directory does not exist");
    }
    if (!Files.isDirectory(root)) {
      throw new java.nio.file.NotDirectoryException(root.toString());
    }
    if (!Files.isReadable(root) || !Files.isExecutable(root)) {
      throw new java.nio.file.AccessDeniedException(
          root.toString(), null, "this user may not read the store directory");
    }
  }

  @Override
  public Optional<Manifest> find(UUID id) throws IOException {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> plans = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path plan : plans) {
        for (Path candidate :
            List.of(
                plan.resolve(id.toString()).resolve(MANIFEST),
                plan.resolve(FAILED + id + ".json"))) {
          if (Files.isRegularFile(candidate)) {
            try (InputStream in = Files.newInputStream(candidate)) {
              return Optional.of(Manifest.read(in));
            } catch (DamagedManifestException e) {
              throw new DamagedManifestException("manifest " + candidate + " " + e.getMessage(), e);
            }
          }
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public InputStream open(Manifest backup, String file) throws IOException {
    if (backup.status() != BackupStatus.COMPLETED) {
      throw new IOException("backup " + backup.backupId() + " is " + backup.status().jsonName());
    }
    return Files.newInputStream(backupDir(backup).resolve(checkedName(file)));
  }

  @Override
  public void delete(Manifest backup) throws IOException {
    if (backup.status() == BackupStatus.FAILED) {
      Files.deleteIfExists(planDir(backup.plan()).resolve(FAILED + backup.backupId() + ".json"));
      return;
    }
    Path dir = backupDir(backup);
    // Rename first so a half-deleted backup never looks complete.
    Path doomed = dir.resolveSibling(PARTIAL + backup.backupId());
    try {
      Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return;
    }
    deleteTree(doomed);
  }

  @Override
  public String describe() {
    return "local:" + root;
  }

  @Override
  public String toString() {
    return describe();
  }

  private Path planDir(String plan) {
    return root.resolve(checkedName(plan));
  }

  private Path backupDir(Manifest backup) {
    return planDir(backup.plan()).resolve(backup.backupId().toString());
  }

  private static String checkedName(String name) {
    if (name.isEmpty()
        || name.startsWith(".")
        || name.contains("/")
        || name.contains("\\")
        || name.contains("\0")) {
      throw new IllegalArgumentException("not a plain file name: '" + name + "'");
    }
    return name;
  }

  private static void writeAtomically(Path target, Manifest manifest) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      OutputStream out = Channels.newOutputStream(ch);
      manifest.write(out);
      out.flush();
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void fsyncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename is still atomic.
    }
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      log.warn("obs backup store: cannot delete {}", dir, e);
    }
  }

  /** A backup being written in its {@code .partial-<id>} directory. */
  private static final class Pending implements PendingBackup {
    private final Path dir;
    private final Manifest started;

    Pending(Path dir, Manifest started) {
      this.dir = dir;
      this.started = started;
    }

    @Override
    public OutputStream create(String file) throws IOException {
      FileChannel ch =
          FileChannel.open(
              dir.resolve(checkedName(file)),
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
      return new FilterOutputStream(Channels.newOutputStream(ch)) {
        private boolean closed;

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
          if (closed) {
            return;
          }
          closed = true;
          try (ch) {
            out.flush();
            ch.force(true);
          }
        }
      };
    }

    @Override
    public void commit(Manifest completed) throws IOException {
      writeAtomically(dir.resolve(MANIFEST), completed);
      fsyncDirectory(dir);
      Path target = dir.resolveSibling(started.backupId().toString());
      Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
      fsyncDirectory(target.getParent());
    }

    @Override
    public void abort(Manifest failed) {
      deleteTree(dir);
      try {
        writeAtomically(dir.resolveSibling(FAILED + started.backupId() + ".json"), failed);
      } catch (IOException e) {
        log.warn("obs backup store: cannot record failed backup {}", started.backupId(), e);
      }
    }
  }
}
