package dev.obs.tracing;

import dev.obs.http.HttpExchange;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The span of one server request, from {@link
 * HttpServerTracing#start(dev.obs.http.HttpRequestView)}. An adapter calls {@link #detach()} on the
 * request thread when the handler returns or throws; {@link #end(HttpExchange)} runs once the
 * exchange is complete, which for async requests may be later and on another thread. Adapters pass
 * the span in the exchange they give {@code Obs.record}, which ends it.
 *
 * <pre>{@code
 * ServerSpan span = obs.tracing().start(view);
 * try {
 *   chain.doFilter(request, response);
 * } finally {
 *   obs.record(ServerExchange.builder(method, path).status(status).span(span).build());
 *   span.detach();
 * }
 * }</pre>
 */
public interface ServerSpan {
  /**
   * Returns the span of a request that is not traced: one shared instance that does nothing.
   *
   * @return the no-op span
   */
  static ServerSpan noop() {
    return NoopServerSpan.INSTANCE;
  }

  /**
   * Returns the trace id.
   *
   * @return 32 lower-case hex characters, or {@code null} for a no-op span
   */
  @Nullable String traceId();

  /**
   * Returns the span id.
   *
   * @return 16 lower-case hex characters, or {@code null} for a no-op span
   */
  @Nullable String spanId();

  /**
   * Leaves the span's context: closes the scope made current by {@code start} and removes {@code
   * trace_id} and {@code span_id} from the SLF4J MDC. Call it on the request thread when the
   * handler returns or throws. Idempotent.
   */
  void detach();

  /**
   * Ends the span with the finished exchange: names it {@code METHOD route} when the route template
   * is known (else {@code METHOD}), sets {@code http.route}, {@code http.response.status_code} and
   * {@code error.type}, records the exception as an event, and sets status ERROR for a 5xx status
   * or an exception. May be called on any thread. Idempotent: only the first call counts.
   *
   * @param exchange the finished exchange
   */
  void end(HttpExchange exchange);

  /**
   * Writes the span's context as W3C {@code traceparent} and {@code tracestate} headers, for
   * outgoing calls made on behalf of this request. A no-op span writes nothing.
   *
   * @param headerSetter receives each header name and value
   */
  void inject(BiConsumer<String, String> headerSetter);
}
