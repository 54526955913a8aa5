package dev.obs.health.checks;

import dev.obs.health.HealthCheck;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Compares the space available to this JVM's user on a path's file store with a threshold, either
 * in bytes or as a percentage of the store's size.
 */
final class DiskSpaceCheck implements HealthCheck {
  private final Path path;
  private final long minFreeBytes;
  private final double minFreePercent;

  private DiskSpaceCheck(Path path, long minFreeBytes, double minFreePercent) {
    this.path = path;
    this.minFreeBytes = minFreeBytes;
    this.minFreePercent = minFreePercent;
  }

  static DiskSpaceCheck bytes(Path path, long minFreeBytes) {
    if (minFreeBytes < 0) {
      throw new IllegalArgumentException("minFreeBytes must be 0 or more, got " + minFreeBytes);
    }
    return new DiskSpaceCheck(path, minFreeBytes, -1);
  }

  static DiskSpaceCheck percent(Path path, double minFreePercent) {
    if (!(minFreePercent >= 0 && minFreePercent <= 100)) {
      throw new IllegalArgumentException(
          "minFreePercent must be between 0 and 100, got " + minFreePercent);
    }
    return new DiskSpaceCheck(path, -1, minFreePercent);
  }

  @Override
  public HealthResult check() throws IOException {
    FileStore store;
    long free;
    long total;
    try {
      store = Files.getFileStore(path);
      free = store.getUsableSpace();
      total = store.getTotalSpace();
    } catch (NoSuchFileException e) {
      return HealthResult.down("path " + path + " does not exist");
    }
    double freePercent = total > 0 ? 100.0 * free / total : 0;
    HealthResult result =
        HealthResult.up()
            .withDetail("path", path.toString())
            .withDetail("free_bytes", free)
            .withDetail("total_bytes", total)
            .withDetail("free_percent", Math.round(freePercent * 100) / 100.0);
    if (minFreeBytes >= 0) {
      result = result.withDetail("threshold_bytes", minFreeBytes);
      if (free < minFreeBytes) {
        return result
            .withMessage(
                "free space "
                    + Units.bytes(free)
                    + " is below the threshold "
                    + Units.bytes(minFreeBytes)
                    + " on "
                    + path)
            .withStatus(HealthStatus.DOWN);
      }
      return result;
    }
    result = result.withDetail("threshold_percent", minFreePercent);
    if (freePercent < minFreePercent) {
      return result
          .withMessage(
              "free space "
                  + Units.bytes(free)
                  + " ("
                  + Units.number(freePercent)
                  + "%) is below the threshold "
                  + Units.number(minFreePercent)
                  + "% on "
                  + path)
          .withStatus(HealthStatus.DOWN);
    }
    return result;
  }
}
