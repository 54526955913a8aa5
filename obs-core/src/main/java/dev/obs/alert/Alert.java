package dev.obs.alert;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One alert of a rule: the labels that identify it, its templated annotations, its state and the
 * value of the expression at the last evaluation.
 *
 * @param name the rule's alert name
 * @param labels the alert's labels, {@code alertname} included, sorted by name
 * @param annotations the templated annotations, sorted by name
 * @param state the state
 * @param value the expression's value at the last evaluation
 * @param activeAt when the expression first became true (the start of pending)
 * @param firedAt when the alert started firing, or {@code null} while pending
 * @param resolvedAt when the alert resolved, or {@code null} while it is active
 */
public record Alert(
    String name,
    Map<String, String> labels,
    Map<String, String> annotations,
    AlertState state,
    double value,
    Instant activeAt,
    @Nullable Instant firedAt,
    @Nullable Instant resolvedAt) {

  /**
   * Creates an alert, copying labels and annotations into sorted unmodifiable maps.
   *
   * @param name the alert name
   * @param labels the labels
   * @param annotations the annotations
   * @param state the state
   * @param value the value
   * @param activeAt when it became active
   * @param firedAt when it fired, or {@code null}
   * @param resolvedAt when it resolved, or {@code null}
   */
  public Alert {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(activeAt, "activeAt");
    labels = Collections.unmodifiableMap(new TreeMap<>(labels));
    annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
  }

  /**
   * Returns a label's value.
   *
   * @param label the label name
   * @return the value, or {@code null} when the alert has no such label
   */
  public @Nullable String label(String label) {
    return labels.get(label);
  }

  /**
   * Returns a stable identity of the alert's label set, as 16 hex digits (FNV-1a over the sorted
   * labels), the same for the same labels in every process.
   *
   * @return the fingerprint
   */
  public String fingerprint() {
    long hash = 0xcbf29ce484222325L;
    for (Map.Entry<String, String> e : labels.entrySet()) {
      hash = fnv(hash, e.getKey());
      hash = fnv(hash, "\u00ff");
      hash = fnv(hash, e.getValue());
      hash = fnv(hash, "\u00ff");
    }
    return String.format("%016x", hash);
  }

  private static long fnv(long hash, String s) {
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
