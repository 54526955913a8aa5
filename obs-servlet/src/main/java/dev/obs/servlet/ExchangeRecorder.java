package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.errors.ErrorReporter;
import dev.obs.http.HttpExchange;
import dev.obs.http.HttpServerMetrics;
import dev.obs.logging.AccessLog;
import dev.obs.tracing.ServerSpan;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Turns a finished servlet exchange into obs's records: the request meters, the span's end and the
 * access-log line. Shared by the synchronous path and the async listener.
 */
final class ExchangeRecorder {
  final HttpServerMetrics metrics;
  final ErrorReporter errors;
  private final AccessLog accessLog;

  ExchangeRecorder(Obs obs) {
    this.metrics = obs.http();
    this.errors = obs.errors();
    this.accessLog = AccessLog.fromConfig(obs.config());
  }

  void record(
      HttpServletRequest request,
      HttpServletResponse response,
      String path,
      long start,
      @Nullable Throwable error,
      ServerSpan span) {
    long duration = metrics.monotonicTime() - start;
    Throwable cause = error != null ? unwrap(error) : handledException(request);
    int status = response.getStatus();
    if (error != null && status < 400) {
      status = 500;
    }
    Object routeAttribute = request.getAttribute(ObsFilter.ROUTE_ATTRIBUTE);
    String route = routeAttribute instanceof String r ? r : null;
    String method = request.getMethod();
    boolean recorded = metrics.record(method, route, path, status, duration, cause);
    Object idAttribute = request.getAttribute(ObsFilter.REQUEST_ID_ATTRIBUTE);
    String requestId = idAttribute instanceof String s ? s : null;
    if (span.traceId() != null) {
      span.end(new HttpExchange(method, route, path, status, duration, cause, requestId));
    }
    // Probes and scrapes are left out of the access log as they are out of the metrics.
    if (accessLog.enabled() && recorded) {
      accessLog.log(
          method,
          HttpServerMetrics.uri(route, path, status),
          status,
          duration,
          contentLength(response),
          requestId);
    }
  }

  /**
   * Reports an exception that escaped the handler, while the request's log context is still set,
   * and returns its error id to the client when the response can still take a header.
   */
  void reportUnhandled(
      Throwable error, HttpServletRequest request, HttpServletResponse response, String path) {
    int status = response.getStatus() >= 400 ? response.getStatus() : 500;
    String errorId = errors.report(unwrap(error), new ServletRequestView(request, path), status);
    if (errorId != null && !response.isCommitted()) {
      response.setHeader(ErrorReporter.ERROR_ID_HEADER, errorId);
    }
  }

  /** The Content-Length the handler set (or the container set when it committed), else -1. */
  private static long contentLength(HttpServletResponse response) {
    String length = response.getHeader("Content-Length");
    try {
      return length != null ? Long.parseLong(length.trim()) : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static @Nullable Throwable handledException(HttpServletRequest request) {
    Object handled = request.getAttribute(ObsFilter.EXCEPTION_ATTRIBUTE);
    if (handled == null) {
      handled = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    }
    return handled instanceof Throwable t ? unwrap(t) : null;
  }

  static Throwable unwrap(Throwable t) {
    if (t instanceof ServletException se && se.getRootCause() != null) {
      return se.getRootCause();
    }
    return t;
  }

  /** Records an async request once it completes, with the error it failed with, if any. */
  static final class Async implements AsyncListener {
    private final ExchangeRecorder recorder;
    private final String path;
    private final long start;
    private final ServerSpan span;
    private @Nullable Throwable error;

    Async(ExchangeRecorder recorder, String path, long start, ServerSpan span) {
      this.recorder = recorder;
      this.path = path;
      this.start = start;
      this.span = span;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      recorder.record(
          (HttpServletRequest) event.getSuppliedRequest(),
          (HttpServletResponse) event.getSuppliedResponse(),
          path,
          start,
          error,
          span);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // The container completes a timed-out request with an error status; onComplete records it.
    }

    @Override
    public void onError(AsyncEvent event) {
      error = event.getThrowable();
      if (error != null) {
        recorder.reportUnhandled(
            error,
            (HttpServletRequest) event.getSuppliedRequest(),
            (HttpServletResponse) event.getSuppliedResponse(),
            path);
      }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      event
          .getAsyncContext()
          .addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
    }
  }
}
