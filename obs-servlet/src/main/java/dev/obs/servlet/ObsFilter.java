package dev.obs.servlet;

import dev.obs.Obs;
import dev.obs.logging.LogContext;
import dev.obs.logging.LogFields;
import dev.obs.tracing.HttpServerTracing;
import dev.obs.tracing.ServerSpan;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Times every request and records it with {@link Obs#record} (meters, span, access-log line, error
 * report), including async requests (recorded when they complete) and requests whose handler throws
 * (recorded as status 500 with the exception's class; the exception propagates unchanged).
 *
 * <p>It also gives each request an id: a valid incoming {@code X-Request-ID} (1 to 128 characters
 * of {@code [A-Za-z0-9._:-]}) is kept, anything else is replaced by a generated id. The id is
 * echoed in the response header, stored in the request attribute {@link #REQUEST_ID_ATTRIBUTE} and
 * in the SLF4J MDC as {@code request_id} for the duration of the request.
 *
 * <p>When tracing is on it runs the request in a SERVER span (continuing an incoming {@code
 * traceparent}) whose ids are in the MDC as {@code trace_id} and {@code span_id}. The log context
 * (request id, trace ids, user, org, session) is cleared when the request leaves the filter, so
 * nothing leaks to the next request on a pooled thread. An exception that escapes the handler is
 * reported through {@code obs.errors()} and its error id returned in the {@code X-Error-ID} header.
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

  /**
   * Request attribute holding the request's {@link ServerSpan}, so handlers can inject its context
   * into outgoing calls; absent when the request is not traced.
   */
  public static final String SPAN_ATTRIBUTE = ServerSpan.class.getName();

  /** The MDC key of the request id. */
  public static final String MDC_REQUEST_ID = LogFields.REQUEST_ID;

  /** The default request id header. */
  public static final String DEFAULT_REQUEST_ID_HEADER = "X-Request-ID";

  private @Nullable ExchangeRecorder recorder;
  private HttpServerTracing tracing = HttpServerTracing.noop();
  private String requestIdHeader = DEFAULT_REQUEST_ID_HEADER;
  private @Nullable String userHeader;
  private @Nullable String orgHeader;
  private boolean userFromPrincipal;

  /**
   * Creates a filter that records into the given {@link Obs}.
   *
   * @param obs the obs root
   */
  public ObsFilter(Obs obs) {
    bind(obs);
  }

  /**
   * Creates a filter for declaration in {@code web.xml}; it finds the {@link Obs} in the servlet
   * context attribute {@link ObsServlets#OBS_ATTRIBUTE} when initialised.
   */
  public ObsFilter() {}

  private void bind(Obs obs) {
    this.recorder = new ExchangeRecorder(obs);
    this.tracing = obs.tracing();
    this.requestIdHeader =
        obs.config().headerName("obs.http.request-id-header", DEFAULT_REQUEST_ID_HEADER);
    String user = obs.config().headerName("obs.logging.user-header", "");
    String org = obs.config().headerName("obs.logging.org-header", "");
    this.userHeader = user.isEmpty() ? null : user;
    this.orgHeader = org.isEmpty() ? null : org;
    this.userFromPrincipal = obs.config().bool("obs.logging.user-from-principal", false);
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
    if (recorder == null) {
      Object obs = config.getServletContext().getAttribute(ObsServlets.OBS_ATTRIBUTE);
      if (!(obs instanceof Obs)) {
        throw new ServletException(
            "ObsFilter needs an Obs in the servlet context attribute '"
                + ObsServlets.OBS_ATTRIBUTE
                + "'; register it with ObsServlets.register(context, obs) or construct"
                + " new ObsFilter(obs)");
      }
      bind((Obs) obs);
    }
  }

  /**
   * Times the request, sets its id and span and records it when it completes.
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
    ExchangeRecorder r = recorder;
    if (r == null
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
    putFromHeader(request, userHeader, LogFields.USER_ID);
    if (userFromPrincipal && request.getUserPrincipal() != null) {
      // Container-managed authentication has already run when filters start.
      MDC.put(LogFields.USER_ID, request.getUserPrincipal().getName());
    }
    putFromHeader(request, orgHeader, LogFields.ORG_ID);
    String path = path(request);
    // Untraced requests need no request view; skipping it keeps that path allocation-free.
    ServerSpan span =
        tracing.tracesRequests()
            ? tracing.start(new ServletRequestView(request, path))
            : ServerSpan.noop();
    if (span.traceId() != null) {
      request.setAttribute(SPAN_ATTRIBUTE, span);
    }
    long start = r.now();
    Throwable error = null;
    try {
      chain.doFilter(request, response);
    } catch (Throwable t) {
      error = t;
      throw t;
    } finally {
      boolean async = error == null && request.isAsyncStarted();
      try {
        if (!async) {
          // While the request's log context is still set, so that an error report carries it.
          r.record(request, response, path, start, error, false, span);
        }
      } finally {
        span.detach();
        MDC.remove(MDC_REQUEST_ID);
        // Whatever the application put in the request's log context ends with the request.
        LogContext.clear();
      }
      if (async) {
        request
            .getAsyncContext()
            .addListener(new ExchangeRecorder.Async(r, path, start, span), request, response);
      }
    }
  }

  /**
   * Puts a header's value in the log context when a header is configured for the field and the
   * value is a safe id (the request id's rule), so a client cannot forge log content through it.
   */
  private static void putFromHeader(
      HttpServletRequest request, @Nullable String header, String field) {
    if (header != null) {
      String value = request.getHeader(header);
      if (RequestIds.isValid(value)) {
        MDC.put(field, value);
      }
    }
  }

  static String path(HttpServletRequest request) {
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
}
