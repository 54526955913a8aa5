package dev.obs.backup.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Resolves archive entry names inside a restore target, refusing any that would escape it. */
final class SafePaths {
  private SafePaths() {}

  /** Creates the target, refusing a non-empty one unless {@code replace}. */
  static Path prepare(String location, boolean replace) throws IOException {
    Path target = Path.of(location).toAbsolutePath().normalize();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException("restore target " + target + " exists and is not a directory");
      }
      try (Stream<Path> entries = Files.list(target)) {
        if (!replace && entries.findAny().isPresent()) {
          throw new IOException(
              "restore target directory "
                  + target
                  + " is not empty; restore into an empty directory or allow overwriting");
        }
      }
    }
    Files.createDirectories(target);
    return target.toRealPath();
  }

  /**
   * Returns where an entry goes, refusing absolute names, names that climb out with {@code ..}, and
   * names whose parent directory is a symbolic link leading outside the target.
   */
  static Path resolve(Path target, String entryName) throws IOException {
    Path relative = Path.of(entryName);
    Path dest = target.resolve(relative).normalize();
    if (relative.isAbsolute() || !dest.startsWith(target)) {
      throw new IOException(
          "archive entry '" + entryName + "' escapes the target directory; refusing to restore it");
    }
    // The nearest existing ancestor decides where missing directories would be created.
    Path existing = dest.getParent();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !existing.toRealPath().startsWith(target)) {
      throw new IOException(
          "archive entry '"
              + entryName
              + "' would be written through a symbolic link leading out of the target directory;"
              + " refusing to restore it");
    }
    return dest;
  }
}
