package dev.obs;

import dev.obs.http.HttpRequestView;
import dev.obs.tracing.ServerSpan;
import org.jspecify.annotations.Nullable;

/**
 * One finished HTTP server request, complete with everything obs records about it: what {@link
 * Obs#record(ServerExchange)} needs for the meters, the access-log line, the span's end and the
 * error report. An adapter builds one per request from its framework's objects with {@link
 * #builder(String, String)}; the components are listed here for reading, not for construction.
 *
 * <pre>{@code
 * ServerExchange exchange =
 *     ServerExchange.builder("GET", "/users/7")
 *         .route("/users/{id}")
 *         .status(200)
 *         .durationNanos(obs.http().monotonicTime() - start)
 *         .requestId(requestId)
 *         .responseBytes(512)
 *         .span(span)
 *         .build();
 * obs.record(exchange);
 * }</pre>
 *
 * @param method the request method, such as {@code GET}
 * @param route the route template such as {@code /users/{id}}, or {@code null} when the adapter
 *     does not know it
 * @param path the raw request path within the application, without the query string
 * @param status the status the client gets; 500 when the handler threw and no error status was set
 * @param durationNanos how long the request took, in nanoseconds
 * @param exception what the handler threw or handled, or {@code null}
 * @param unhandledIn the request to report {@code exception} with, when it escaped the handler and
 *     is reported by {@link Obs#record(ServerExchange)}; {@code null} when there is nothing to
 *     report
 * @param requestId the request id, or {@code null}
 * @param responseBytes the response's length in bytes, or -1 when unknown
 * @param span the request's span from {@code obs.tracing().start(view)}, or {@link
 *     ServerSpan#noop()}
 */
public record ServerExchange(
    String method,
    @Nullable String route,
    String path,
    int status,
    long durationNanos,
    @Nullable Throwable exception,
    @Nullable HttpRequestView unhandledIn,
    @Nullable String requestId,
    long responseBytes,
    ServerSpan span) {

  /**
   * Starts an exchange of a request; everything else has a default: status 200, no route, no
   * exception, no request id, length unknown, no span.
   *
   * @param method the request method, such as {@code GET}
   * @param path the raw request path within the application, without the query string
   * @return a new builder
   */
  public static Builder builder(String method, String path) {
    return new Builder(method, path);
  }

  /** Builds a {@link ServerExchange}; not thread-safe, one per request. */
  public static final class Builder {
    private final String method;
    private final String path;
    private @Nullable String route;
    private int status = 200;
    private long durationNanos;
    private @Nullable Throwable exception;
    private @Nullable HttpRequestView unhandledIn;
    private @Nullable String requestId;
    private long responseBytes = -1;
    private ServerSpan span = ServerSpan.noop();

    private Builder(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /**
     * Sets the route template the request matched, which becomes the {@code uri} tag and the span's
     * name; without it the path is normalised.
     *
     * @param route the template, such as {@code /users/{id}}, or {@code null} when unknown
     * @return this builder
     */
    public Builder route(@Nullable String route) {
      this.route = route;
      return this;
    }

    /**
     * Sets the status the client gets. When the handler threw, pass 500 unless it had set an error
     * status already. The default is 200.
     *
     * @param status the response status
     * @return this builder
     */
    public Builder status(int status) {
      this.status = status;
      return this;
    }

    /**
     * Sets how long the request took, measured with {@code obs.http().monotonicTime()} so that
     * tests control the clock.
     *
     * @param durationNanos the duration in nanoseconds
     * @return this builder
     */
    public Builder durationNanos(long durationNanos) {
      this.durationNanos = durationNanos;
      return this;
    }

    /**
     * Sets an exception that the application handled itself or that was reported already: it tags
     * the meters and marks the span, and is not reported again.
     *
     * @param exception the exception, or {@code null}
     * @return this builder
     */
    public Builder exception(@Nullable Throwable exception) {
      this.exception = exception;
      this.unhandledIn = null;
      return this;
    }

    /**
     * Sets the exception that escaped the handler, to be reported through {@code obs.errors()} as
     * well as tagging the meters and marking the span.
     *
     * @param exception the exception, already unwrapped from container wrappers
     * @param request the request it failed, for the report's request context
     * @return this builder
     */
    public Builder unhandled(Throwable exception, HttpRequestView request) {
      this.exception = exception;
      this.unhandledIn = request;
      return this;
    }

    /**
     * Sets the request id, written in the access-log line.
     *
     * @param requestId the id, or {@code null} when the request has none
     * @return this builder
     */
    public Builder requestId(@Nullable String requestId) {
      this.requestId = requestId;
      return this;
    }

    /**
     * Sets the response's length, written in the access-log line. The default is -1, unknown.
     *
     * @param responseBytes the length in bytes, or -1 when unknown
     * @return this builder
     */
    public Builder responseBytes(long responseBytes) {
      this.responseBytes = responseBytes;
      return this;
    }

    /**
     * Sets the request's span, which recording ends. The default is {@link ServerSpan#noop()}.
     *
     * @param span the span {@code obs.tracing().start(view)} returned
     * @return this builder
     */
    public Builder span(ServerSpan span) {
      this.span = span;
      return this;
    }

    /**
     * Returns the exchange.
     *
     * @return the finished exchange
     */
    public ServerExchange build() {
      return new ServerExchange(
          method,
          route,
          path,
          status,
          durationNanos,
          exception,
          unhandledIn,
          requestId,
          responseBytes,
          span);
    }
  }
}
