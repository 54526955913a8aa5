package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.http.HttpServerMetrics;
import dev.obs.logging.AccessLog;
import dev.obs.logging.LogContext;
import dev.obs.logging.LogFields;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Times every request and records it through {@link HttpServerMetrics}, including async requests
 * (recorded when they complete) and requests whose handler throws (recorded as status 500 with the
 * exception's class; the exception propagates unchanged).
 *
 * <p>It also gives each request an id: a valid incoming {@code X-Request-ID} (1 to 128 characters
 * of {@code [A-Za-z0-9._:-]}) is kept, anything else is replaced by a generated id. The id is
 * echoed in the response header, stored in the request attribute {@link #REQUEST_ID_ATTRIBUTE} and
 * in the SLF4J MDC as {@code request_id} for the duration of the request.
 *
 * <p>Handlers that know their route template report it with {@link #setRoute(ServletRequest,
 * String)}, so the {@code uri} tag is {@code /users/{id}} rather than a normalised path.
 *
 * <pre>{@code
 * context.addFilter(new FilterHolder(new ObsFilter(obs)), "/*", EnumSet.of(DispatcherType.REQUEST));
 * }</pre>
 */
public final class ObsFilter implements Filter {
  /** Request attribute holding the route template, such as {@code /users/{id}}. */
  public static final String ROUTE_ATTRIBUTE = "dev.obs.route";

  /** Request attribute holding the request id. */
  public static final String REQUEST_ID_ATTRIBUTE = "dev.obs.request_id";

  /** Request attribute where a handler may leave an exception it handled itself. */
  public static final String EXCEPTION_ATTRIBUTE = "dev.obs.exception";

  /** The MDC key of the request id. */
  public static final String MDC_REQUEST_ID = LogFields.REQUEST_ID;

  /** The default request id header. */
  public static final String DEFAULT_REQUEST_ID_HEADER = "X-Request-ID";

  private @Nullable HttpServerMetrics metrics;
  private String requestIdHeader;
  private AccessLog accessLog = AccessLog.disabled();

  /**
   * Creates a filter that records into the given {@link Obs}.
   *
   * @param obs the obs root
   */
  public ObsFilter(Obs obs) {
    this.metrics = obs.http();
    this.requestIdHeader =
        obs.config().string("obs.http.request-id-header", DEFAULT_REQUEST_ID_HEADER);
    this.accessLog = AccessLog.fromConfig(obs.config());
  }

  /**
   * Creates a filter for declaration in {@code web.xml}; it finds the {@link Obs} in the servlet
   * context attribute {@link ObsServlets#OBS_ATTRIBUTE} when initialised.
   */
  public ObsFilter() {
    this.requestIdHeader = DEFAULT_REQUEST_ID_HEADER;
  }

  /**
   * Records the route template of the current request.
   *
   * @param request the current request
   * @param route the template, such as {@code /users/{id}}
   */
  public static void setRoute(ServletRequest request, String route) {
    request.setAttribute(ROUTE_ATTRIBUTE, route);
  }

  /**
   * Looks up the {@link Obs} when the filter was created without one.
   *
   * @param config the filter configuration
   * @throws ServletException if no {@link Obs} is in the servlet context
   */
  @Override
  public void init(FilterConfig config) throws ServletException {
    if (metrics == null) {
      Object obs = config.getServletContext().getAttribute(ObsServlets.OBS_ATTRIBUTE);
      if (!(obs instanceof Obs)) {
        throw new ServletException(
            "ObsFilter needs an Obs in the servlet context attribute '"
                + ObsServlets.OBS_ATTRIBUTE
                + "'; register it with ObsServlets.register(context, obs) or construct"
                + " new ObsFilter(obs)");
      }
      metrics = ((Obs) obs).http();
      requestIdHeader =
          ((Obs) obs).config().string("obs.http.request-id-header", DEFAULT_REQUEST_ID_HEADER);
      accessLog = AccessLog.fromConfig(((Obs) obs).config());
    }
  }

  /**
   * Times the request, sets its id and records it when it completes.
   *
   * @param req the request
   * @param res the response
   * @param chain the rest of the chain
   * @throws IOException as thrown by the chain
   * @throws ServletException as thrown by the chain
   */
  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServerMetrics m = metrics;
    if (m == null
        || !(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)
        || req.getDispatcherType() != DispatcherType.REQUEST) {
      chain.doFilter(req, res);
      return;
    }
    String incoming = request.getHeader(requestIdHeader);
    String id = RequestIds.isValid(incoming) ? incoming : RequestIds.generate();
    response.setHeader(requestIdHeader, id);
    request.setAttribute(REQUEST_ID_ATTRIBUTE, id);
    MDC.put(MDC_REQUEST_ID, id);
    long start = m.monotonicTime();
    Throwable error = null;
    try {
      chain.doFilter(request, response);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      MDC.remove(MDC_REQUEST_ID);
      // Whatever the application put in the request's log context ends with the request.
      LogContext.clear();
      if (error == null && request.isAsyncStarted()) {
        request
            .getAsyncContext()
            .addListener(new AsyncRecorder(m, accessLog, start), request, response);
      } else {
        record(m, accessLog, request, response, start, error);
      }
    }
  }

  static void record(
      HttpServerMetrics m,
      AccessLog accessLog,
      HttpServletRequest request,
      HttpServletResponse response,
      long start,
      @Nullable Throwable error) {
    long duration = m.monotonicTime() - start;
    Throwable cause = error != null ? unwrap(error) : handledException(request);
    int status = response.getStatus();
    if (error != null && status < 400) {
      status = 500;
    }
    Object route = request.getAttribute(ROUTE_ATTRIBUTE);
    String path = path(request);
    m.record(
        request.getMethod(), route instanceof String r ? r : null, path, status, duration, cause);
    // Probes and scrapes are left out of the access log as they are out of the metrics.
    if (accessLog.enabled() && m.isRecorded(path)) {
      // bytes: the Content-Length the handler set (or Jetty set when it committed), else -1.
      String length = response.getHeader("Content-Length");
      long bytes = -1;
      try {
        bytes = length != null ? Long.parseLong(length.trim()) : -1;
      } catch (NumberFormatException e) {
        // left at -1
      }
      Object id = request.getAttribute(REQUEST_ID_ATTRIBUTE);
      accessLog.log(
          request.getMethod(),
          HttpServerMetrics.uri(route instanceof String r ? r : null, path, status),
          status,
          duration,
          bytes,
          id instanceof String s ? s : null);
    }
  }

  private static @Nullable Throwable handledException(HttpServletRequest request) {
    Object handled = request.getAttribute(EXCEPTION_ATTRIBUTE);
    if (handled == null) {
      handled = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    }
    return handled instanceof Throwable t ? unwrap(t) : null;
  }

  private static Throwable unwrap(Throwable t) {
    if (t instanceof ServletException se && se.getRootCause() != null) {
      return se.getRootCause();
    }
    return t;
  }

  private static String path(HttpServletRequest request) {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    if (uri == null) {
      return "/";
    }
    if (context != null && !context.isEmpty() && uri.startsWith(context)) {
      uri = uri.substring(context.length());
    }
    return uri.isEmpty() ? "/" : uri;
  }

  /** Records an async request once it completes, with the error it failed with, if any. */
  private static final class AsyncRecorder implements AsyncListener {
    private final HttpServerMetrics metrics;
    private final AccessLog accessLog;
    private final long start;
    private @Nullable Throwable error;

    AsyncRecorder(HttpServerMetrics metrics, AccessLog accessLog, long start) {
      this.metrics = metrics;
      this.accessLog = accessLog;
      this.start = start;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      record(
          metrics,
          accessLog,
          (HttpServletRequest) event.getSuppliedRequest(),
          (HttpServletResponse) event.getSuppliedResponse(),
          start,
          error);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // The container completes a timed-out request with an error status; onComplete records it.
    }

    @Override
    public void onError(AsyncEvent event) {
      error = event.getThrowable();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      event
          .getAsyncContext()
          .addListener(this, event.getSuppliedRequest(), event.getSuppliedResponse());
    }
  }
}
