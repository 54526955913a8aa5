package dev.obs.backup.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A directory backed up as a tar.gz archive: permissions, modification times and symbolic links are
 * kept, sockets, pipes and devices skipped, and every archived path is listed in the manifest. A
 * restore refuses entries that would land outside the target directory.
 *
 * <pre>{@code
 * BackupSource uploads = DirectorySource.of("uploads", Path.of("/srv/app/uploads"));
 * }</pre>
 */
public final class DirectorySource implements BackupSource {
  private static final PosixFilePermission[] BITS = {
    PosixFilePermission.OTHERS_EXECUTE,
    PosixFilePermission.OTHERS_WRITE,
    PosixFilePermission.OTHERS_READ,
    PosixFilePermission.GROUP_EXECUTE,
    PosixFilePermission.GROUP_WRITE,
    PosixFilePermission.GROUP_READ,
    PosixFilePermission.OWNER_EXECUTE,
    PosixFilePermission.OWNER_WRITE,
    PosixFilePermission.OWNER_READ
  };

  private final String name;
  private final Path directory;

  private DirectorySource(String name, Path directory) {
    this.name = Objects.requireNonNull(name, "name");
    this.directory = directory.toAbsolutePath().normalize();
  }

  /**
   * Returns a source for a directory.
   *
   * @param name the source's name in its plan
   * @param directory the directory to archive
   * @return the source
   */
  public static DirectorySource of(String name, Path directory) {
    return new DirectorySource(name, directory);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "directory";
  }

  @Override
  public String extension() {
    return ".tar.gz";
  }

  @Override
  public String defaultTarget() {
    return directory.toString();
  }

  @Override
  public SourceResult backup(OutputStream out) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IOException("directory " + directory + " does not exist");
    }
    List<String> files = new ArrayList<>();
    long[] counts = new long[4]; // files, directories, symlinks, skipped
    GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(nonClosing(out));
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      Files.walkFileTree(
          directory,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (!dir.equals(directory)) {
                TarArchiveEntry e = new TarArchiveEntry(relative(dir) + "/");
                describe(e, dir, attrs);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
                counts[1]++;
              }
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              String rel = relative(file);
              if (attrs.isSymbolicLink()) {
                TarArchiveEntry e = new TarArchiveEntry(rel, TarConstants.LF_SYMLINK);
                e.setLinkName(Files.readSymbolicLink(file).toString());
                e.setModTime(attrs.lastModifiedTime());
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
                counts[2]++;
              } else if (attrs.isRegularFile()) {
                TarArchiveEntry e = new TarArchiveEntry(rel);
                describe(e, file, attrs);
                e.setSize(attrs.size());
                tar.putArchiveEntry(e);
                try (InputStream in = Files.newInputStream(file)) {
                  // Copy exactly the size declared, even if the file grows while archived.
                  copy(in, tar, attrs.size(), file);
                }
                tar.closeArchiveEntry();
                counts[0]++;
              } else {
                counts[3]++; // sockets, pipes and devices cannot be archived meaningfully
                return FileVisitResult.CONTINUE;
              }
              files.add(rel);
              return FileVisitResult.CONTINUE;
            }
          });
      tar.finish();
    }
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("files", counts[0]);
    c.put("directories", counts[1]);
    c.put("symlinks", counts[2]);
    c.put("skipped", counts[3]);
    return new SourceResult(c, Map.of(), files);
  }

  @Override
  public SourceResult restore(InputStream in, RestoreTarget target) throws IOException {
    Path root = SafePaths.prepare(target.location(), target.replace());
    List<String> files = new ArrayList<>();
    long[] counts = new long[3];
    Map<Path, Integer> dirModes = new LinkedHashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path dest = SafePaths.resolve(root, e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(dest);
          dirModes.put(dest, e.getMode());
          counts[1]++;
          continue;
        }
        Files.createDirectories(dest.getParent());
        if (target.replace()) {
          Files.deleteIfExists(dest);
        }
        String rel = root.relativize(dest).toString();
        if (e.isSymbolicLink()) {
          Files.createSymbolicLink(dest, Path.of(e.getLinkName()));
          counts[2]++;
        } else if (e.isFile()) {
          Files.copy(tar, dest, StandardCopyOption.REPLACE_EXISTING);
          Files.setPosixFilePermissions(dest, permissions(e.getMode()));
          Files.setLastModifiedTime(dest, FileTime.from(e.getLastModifiedTime().toInstant()));
          counts[0]++;
        } else {
          continue;
        }
        files.add(rel);
      }
    }
    // Directory modes last, so a read-only directory does not stop its own entries.
    for (Map.Entry<Path, Integer> d : dirModes.entrySet()) {
      Files.setPosixFilePermissions(d.getKey(), permissions(d.getValue()));
    }
    Map<String, Long> c = new LinkedHashMap<>();
    c.put("files", counts[0]);
    c.put("directories", counts[1]);
    c.put("symlinks", counts[2]);
    return new SourceResult(c, Map.of(), files);
  }

  @Override
  public String scratchTarget(String suffix) throws IOException {
    return Files.createTempDirectory("obs-drill-" + name + "-").toString();
  }

  @Override
  public void dropScratch(String location) throws IOException {
    Path dir = Path.of(location);
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          p.toFile().setWritable(true, true);
        }
        Files.deleteIfExists(p);
      }
    }
  }

  private String relative(Path p) {
    return directory.relativize(p).toString().replace('\\', '/');
  }

  private static void describe(TarArchiveEntry e, Path p, BasicFileAttributes attrs)
      throws IOException {
    e.setModTime(attrs.lastModifiedTime());
    try {
      e.setMode((e.isDirectory() ? 040000 : 0100000) | mode(Files.getPosixFilePermissions(p)));
    } catch (UnsupportedOperationException ignored) {
      // Not a POSIX file system: the archive keeps tar's default modes.
    }
  }

  private static int mode(Set<PosixFilePermission> perms) {
    int mode = 0;
    for (int i = 0; i < BITS.length; i++) {
      if (perms.contains(BITS[i])) {
        mode |= 1 << i;
      }
    }
    return mode;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((mode & (1 << i)) != 0) {
        perms.add(BITS[i]);
      }
    }
    return perms;
  }

  private static void copy(InputStream in, OutputStream out, long size, Path file)
      throws IOException {
    byte[] buf = new byte[64 * 1024];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new IOException(file + " shrank while it was archived");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  static OutputStream nonClosing(OutputStream out) {
    return new java.io.FilterOutputStream(out) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  @Override
  public String toString() {
    return "DirectorySource[" + name + ", " + directory + "]";
  }
}
