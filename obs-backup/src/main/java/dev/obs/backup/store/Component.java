package dev.obs.backup.store;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One stored part of a backup, such as the dump of one database or the archive of one directory.
 *
 * @param name the source's name, unique in its plan
 * @param kind the source's kind, such as {@code postgresql} or {@code directory}
 * @param file the file name in the backup, such as {@code main.dump}
 * @param size the stored size in bytes (after encryption, when encrypted)
 * @param sha256 the SHA-256 of the stored bytes, as 64 lower-case hex digits
 * @param counts what the source counted while backing up, such as {@code tables}, {@code
 *     rows:public.users} or {@code files}; a restore is checked against them
 * @param tools the versions of the tools used, such as {@code pg_dump}
 * @param files the paths a directory source archived, empty for other kinds
 */
public record Component(
    String name,
    String kind,
    String file,
    long size,
    String sha256,
    Map<String, Long> counts,
    Map<String, String> tools,
    List<String> files) {

  /**
   * Creates a component, copying the maps into sorted unmodifiable ones.
   *
   * @param name the name
   * @param kind the kind
   * @param file the file name
   * @param size the size in bytes
   * @param sha256 the checksum
   * @param counts the counts
   * @param tools the tool versions
   * @param files the archived paths
   */
  public Component {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(sha256, "sha256");
    counts = Collections.unmodifiableMap(new TreeMap<>(counts));
    tools = Collections.unmodifiableMap(new TreeMap<>(tools));
    files = List.copyOf(files);
  }
}
