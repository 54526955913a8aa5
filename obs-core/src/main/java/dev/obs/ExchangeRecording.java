package dev.obs;

import dev.obs.errors.ErrorReporter;
import dev.obs.http.ClientAborts;
import dev.obs.http.HttpExchange;
import dev.obs.http.HttpRequestView;
import dev.obs.http.HttpServerMetrics;
import dev.obs.logging.AccessLog;
import dev.obs.tracing.ServerSpan;
import org.jspecify.annotations.Nullable;

/**
 * What obs does at the end of every request, in one place, so that an adapter only translates its
 * framework's objects into a {@link ServerExchange}. It lives in the root package because it joins
 * features (http, logging, tracing, errors) that must not know each other.
 */
final class ExchangeRecording {
  private final HttpServerMetrics metrics;
  private final AccessLog accessLog;
  private final ErrorReporter errors;

  ExchangeRecording(HttpServerMetrics metrics, AccessLog accessLog, ErrorReporter errors) {
    this.metrics = metrics;
    this.accessLog = accessLog;
    this.errors = errors;
  }

  @Nullable String record(ServerExchange exchange) {
    String method = exchange.method();
    String route = exchange.route();
    String path = exchange.path();
    int status = exchange.status();
    long duration = exchange.durationNanos();
    Throwable exception = exchange.exception();
    if (ClientAborts.isClientAbort(exception)) {
      return recordAbort(exchange);
    }
    String errorId = null;
    HttpRequestView failed = exchange.unhandledIn();
    // First, as when the filter reported from its catch block: the ERROR line precedes the access
    // line, and the access line is not among the report's breadcrumbs.
    if (exception != null && failed != null) {
      errorId = errors.report(exception, failed, status);
    }
    boolean recorded = metrics.record(method, route, path, status, duration, exception);
    ServerSpan span = exchange.span();
    // Untraced requests skip the span's exchange, keeping their path free of it.
    if (span.traceId() != null) {
      span.end(
          new HttpExchange(method, route, path, status, duration, exception, exchange.requestId()));
    }
    // Probes and scrapes are left out of the access log as they are out of the metrics.
    if (recorded && accessLog.enabled()) {
      accessLog.log(
          method,
          HttpServerMetrics.uri(route, path, status),
          status,
          duration,
          exchange.responseBytes(),
          exchange.requestId());
    }
    return errorId;
  }

  /**
   * A client that went away is not the server's failure: no report, no ERROR line, no error
   * counted, and a span that is not marked failed. Otherwise anyone could raise the error rate by
   * aborting downloads.
   */
  private @Nullable String recordAbort(ServerExchange exchange) {
    String method = exchange.method();
    String route = exchange.route();
    String path = exchange.path();
    int status = exchange.status();
    long duration = exchange.durationNanos();
    boolean recorded =
        metrics.recordClientAbort(method, route, path, status, duration, exchange.exception());
    ServerSpan span = exchange.span();
    if (span.traceId() != null) {
      span.end(new HttpExchange(method, route, path, status, duration, null, exchange.requestId()));
    }
    if (recorded && accessLog.enabled()) {
      accessLog.log(
          method,
          HttpServerMetrics.uri(route, path, status),
          status,
          duration,
          exchange.responseBytes(),
          exchange.requestId());
    }
    return null;
  }
}
