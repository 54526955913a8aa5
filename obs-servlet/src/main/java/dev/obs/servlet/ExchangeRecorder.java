package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.ServerExchange;
import dev.obs.errors.ErrorReporter;
import dev.obs.http.ClientAborts;
import dev.obs.tracing.ServerSpan;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * Translates a finished servlet exchange into a {@link ServerExchange} and records it with {@link
 * Obs#record}, which does the rest. Shared by the synchronous path and the async listener.
 */
final class ExchangeRecorder {
  private final Obs obs;

  ExchangeRecorder(Obs obs) {
    this.obs = obs;
  }

  /** The start of a request, on the clock its duration is measured with. */
  long now() {
    return obs.http().monotonicTime();
  }

  /**
   * Records a request. An exception that escaped the handler is reported unless {@code reported},
   * and its error id returned to the client when the response can still take a header.
   */
  void record(
      HttpServletRequest request,
      HttpServletResponse response,
      String path,
      long start,
      @Nullable Throwable error,
      boolean reported,
      ServerSpan span) {
    int status = response.getStatus();
    Object route = request.getAttribute(ObsFilter.ROUTE_ATTRIBUTE);
    Object requestId = request.getAttribute(ObsFilter.REQUEST_ID_ATTRIBUTE);
    ServerExchange.Builder exchange =
        ServerExchange.builder(request.getMethod(), path)
            .route(route instanceof String r ? r : null)
            .durationNanos(now() - start)
            .requestId(requestId instanceof String id ? id : null)
            .responseBytes(contentLength(response))
            .span(span);
    if (error == null) {
      exchange.status(status).exception(handledException(request));
    } else if (ClientAborts.isClientAbort(error)) {
      // The client left: the status is whatever the response had, and Obs.record counts an abort.
      exchange.status(status).exception(unwrap(error));
    } else if (reported) {
      exchange.status(errorStatus(status)).exception(unwrap(error));
    } else {
      exchange
          .status(errorStatus(status))
          .unhandled(unwrap(error), new ServletRequestView(request, path));
    }
    setErrorId(response, obs.record(exchange.build()));
  }

  /**
   * Reports an async request's failure when the container signals it, while the response can still
   * take the error id; the exchange is recorded when the request completes.
   */
  void reportAsyncError(
      Throwable error, HttpServletRequest request, HttpServletResponse response, String path) {
    if (ClientAborts.isClientAbort(error)) {
      return;
    }
    String errorId =
        obs.errors()
            .report(
                unwrap(error),
                new ServletRequestView(request, path),
                errorStatus(response.getStatus()));
    setErrorId(response, errorId);
  }

  private static int errorStatus(int status) {
    return status >= 400 ? status : 500;
  }

  private static void setErrorId(HttpServletResponse response, @Nullable String errorId) {
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
          true,
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
        recorder.reportAsyncError(
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
