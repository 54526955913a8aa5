package dev.obs.http;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * One finished HTTP server exchange, as an adapter saw it.
 *
 * @param method the request method, such as {@code GET}
 * @param route the route template such as {@code /users/{id}}, or {@code null} when the adapter
 *     does not know it
 * @param path the raw request path within the application, without the query string
 * @param status the response status; adapters pass 500 when the handler threw
 * @param durationNanos how long the exchange took, in nanoseconds
 * @param exception what the handler threw, or {@code null}
 * @param requestId the request id, or {@code null}
 */
public record HttpExchange(
    String method,
    @Nullable String route,
    String path,
    int status,
    long durationNanos,
    @Nullable Throwable exception,
    @Nullable String requestId) {

  /**
   * Returns how long the exchange took.
   *
   * @return the duration
   */
  public Duration duration() {
    return Duration.ofNanos(durationNanos);
  }
}
