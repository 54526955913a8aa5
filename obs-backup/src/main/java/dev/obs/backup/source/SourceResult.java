package dev.obs.backup.source;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a source counted while backing up or found after restoring.
 *
 * @param counts counts such as {@code tables}, {@code rows:public.users} or {@code files}
 * @param tools versions of the tools used, such as {@code pg_dump}
 * @param files paths archived by a directory source, empty otherwise
 */
public record SourceResult(
    Map<String, Long> counts, Map<String, String> tools, List<String> files) {

  /**
   * Creates a result, copying into unmodifiable collections.
   *
   * @param counts the counts
   * @param tools the tool versions
   * @param files the paths
   */
  public SourceResult {
    counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    tools = Collections.unmodifiableMap(new TreeMap<>(tools));
    files = List.copyOf(files);
  }

  /**
   * Returns a result with counts only.
   *
   * @param counts the counts
   * @return the result
   */
  public static SourceResult of(Map<String, Long> counts) {
    return new SourceResult(counts, Map.of(), List.of());
  }
}
