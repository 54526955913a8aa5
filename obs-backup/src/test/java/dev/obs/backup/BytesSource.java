package dev.obs.backup;

import dev.obs.backup.source.BackupSource;
import dev.obs.backup.source.RestoreTarget;
import dev.obs.backup.source.SourceResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A source of fixed bytes that fails its first {@code failures} backups; restores land in {@link
 * #restored}, keyed by target.
 */
final class BytesSource implements BackupSource {
  final Map<String, byte[]> restored = new ConcurrentHashMap<>();
  private final String name;
  private final byte[] content;
  private final AtomicInteger failures;

  BytesSource(String name, byte[] content, int failures) {
    this.name = name;
    this.content = content.clone();
    this.failures = new AtomicInteger(failures);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String kind() {
    return "bytes";
  }

  @Override
  public String extension() {
    return ".bin";
  }

  @Override
  public String defaultTarget() {
    return "original";
  }

  @Override
  public SourceResult backup(OutputStream out) throws IOException {
    if (failures.getAndDecrement() > 0) {
      throw new IOException("source " + name + " is not reachable");
    }
    out.write(content);
    return new SourceResult(
        Map.of("bytes", (long) content.length), Map.of("tool", "1.0"), List.of());
  }

  @Override
  public SourceResult restore(InputStream in, RestoreTarget target) throws IOException {
    byte[] bytes = in.readAllBytes();
    restored.put(target.location(), bytes);
    return SourceResult.of(Map.of("bytes", (long) bytes.length));
  }

  @Override
  public String scratchTarget(String suffix) {
    return "scratch-" + suffix;
  }

  @Override
  public void dropScratch(String location) {
    restored.remove(location);
  }
}
