package dev.obs.health;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one check: a status, an optional message, details for operators, and how long the
 * check took.
 *
 * @param status the status
 * @param message a short human-readable explanation, or {@code null}
 * @param details values for operators such as a database version or latency; shown only to
 *     authorised callers
 * @param duration how long the check took; zero until the registry measures it
 */
public record HealthResult(
    HealthStatus status, @Nullable String message, Map<String, Object> details, Duration duration) {

  /**
   * Creates a result, copying the details into an unmodifiable map that keeps their order.
   *
   * @param status the status
   * @param message the message, or {@code null}
   * @param details the details
   * @param duration the duration
   */
  public HealthResult {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /**
   * Returns an UP result.
   *
   * @return the result
   */
  public static HealthResult up() {
    return new HealthResult(HealthStatus.UP, null, Map.of(), Duration.ZERO);
  }

  /**
   * Returns a DEGRADED result.
   *
   * @param message why the dependency is degraded
   * @return the result
   */
  public static HealthResult degraded(String message) {
    return new HealthResult(HealthStatus.DEGRADED, message, Map.of(), Duration.ZERO);
  }

  /**
   * Returns a DOWN result.
   *
   * @param message why the dependency is down
   * @return the result
   */
  public static HealthResult down(String message) {
    return new HealthResult(HealthStatus.DOWN, message, Map.of(), Duration.ZERO);
  }

  /**
   * Returns a DOWN result for an exception: its class name and message.
   *
   * @param cause what went wrong
   * @return the result
   */
  public static HealthResult down(Throwable cause) {
    String text = cause.getMessage();
    String name = cause.getClass().getName();
    return down(text == null || text.isBlank() ? name : name + ": " + text);
  }

  /**
   * Returns a copy with one more detail.
   *
   * @param key the detail's name, in snake_case
   * @param value its value
   * @return the new result
   */
  public HealthResult withDetail(String key, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(details);
    copy.put(key, value);
    return new HealthResult(status, message, copy, duration);
  }

  /**
   * Returns a copy with more details.
   *
   * @param more details to add, replacing ones with the same name
   * @return the new result
   */
  public HealthResult withDetails(Map<String, ?> more) {
    Map<String, Object> copy = new LinkedHashMap<>(details);
    copy.putAll(more);
    return new HealthResult(status, message, copy, duration);
  }

  /**
   * Returns a copy with the given message.
   *
   * @param newMessage the message, or {@code null}
   * @return the new result
   */
  public HealthResult withMessage(@Nullable String newMessage) {
    return new HealthResult(status, newMessage, details, duration);
  }

  /**
   * Returns a copy with the given duration.
   *
   * @param newDuration how long the check took
   * @return the new result
   */
  public HealthResult withDuration(Duration newDuration) {
    return new HealthResult(status, message, details, newDuration);
  }

  /**
   * Returns a copy with the given status.
   *
   * @param newStatus the status
   * @return the new result
   */
  public HealthResult withStatus(HealthStatus newStatus) {
    return new HealthResult(newStatus, message, details, duration);
  }
}
