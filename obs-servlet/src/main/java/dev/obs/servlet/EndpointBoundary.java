package dev.obs.servlet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.obs.http.ClientAborts;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps each of obs's endpoint servlets so that none ever answers with the container's HTML error
 * page: an exception that escapes the endpoint becomes a JSON 500 that names no exception (the
 * exception is logged), and {@code TRACE} is refused with a JSON 405. Register endpoints through
 * {@link #wrap(Servlet)}.
 *
 * <pre>{@code
 * context.addServlet("obsBackups", EndpointBoundary.wrap(new BackupServlet(backups, guard)));
 * }</pre>
 */
public final class EndpointBoundary implements Servlet {
  private static final Logger log = LoggerFactory.getLogger(EndpointBoundary.class);
  static final String INTERNAL_ERROR =
      "{\"error\":\"internal_error\",\"message\":\"the request failed inside obs; see the"
          + " server log\"}";
  static final String TRACE_REFUSED =
      "{\"error\":\"method_not_allowed\",\"message\":\"TRACE is not served by obs endpoints\"}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Servlet endpoint;

  private EndpointBoundary(Servlet endpoint) {
    this.endpoint = endpoint;
  }

  /**
   * Returns the endpoint behind the boundary.
   *
   * @param endpoint one of obs's endpoint servlets
   * @return a servlet that answers JSON whatever the endpoint does
   */
  public static Servlet wrap(Servlet endpoint) {
    return endpoint instanceof EndpointBoundary ? endpoint : new EndpointBoundary(endpoint);
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    endpoint.init(config);
  }

  @Override
  public ServletConfig getServletConfig() {
    return endpoint.getServletConfig();
  }

  @Override
  public String getServletInfo() {
    return endpoint.getServletInfo();
  }

  @Override
  public void destroy() {
    endpoint.destroy();
  }

  /**
   * Serves the request through the endpoint, turning an escaping failure into a JSON 500.
   *
   * @param req the request
   * @param res the response
   * @throws IOException when the client went away
   * @throws ServletException never, in practice: failures become a JSON 500
   */
  @Override
  public void service(ServletRequest req, ServletResponse res)
      throws ServletException, IOException {
    if (!(req instanceof HttpServletRequest request)
        || !(res instanceof HttpServletResponse response)) {
      endpoint.service(req, res);
      return;
    }
    if ("TRACE".equals(request.getMethod())) {
      response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      response.setHeader("Allow", "GET, HEAD, POST, DELETE, OPTIONS");
      JsonResponses.write(response, TRACE_REFUSED);
      return;
    }
    try {
      endpoint.service(request, new JsonErrors(response));
    } catch (IOException e) {
      if (ClientAborts.isClientAbort(e)) {
        throw e;
      }
      fail(request, response, e);
    } catch (RuntimeException | ServletException e) {
      fail(request, response, e);
    }
  }

  /**
   * Turns {@code sendError}, which the container answers with its HTML page (the servlet default of
   * an unsupported method, a missing asset), into a small JSON body.
   */
  static final class JsonErrors extends HttpServletResponseWrapper {
    JsonErrors(HttpServletResponse response) {
      super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
      sendError(status, null);
    }

    @Override
    public void sendError(int status, @Nullable String message) throws IOException {
      if (isCommitted()) {
        super.sendError(status, message);
        return;
      }
      resetBuffer();
      setStatus(status);
      ObjectNode body = JSON.createObjectNode();
      body.put("error", code(status));
      body.put(
          "message",
          message == null || message.isBlank() ? code(status).replace('_', ' ') : message);
      JsonResponses.write((HttpServletResponse) getResponse(), JSON.writeValueAsString(body));
    }

    private static String code(int status) {
      return switch (status) {
        case 400 -> "bad_request";
        case 401 -> "unauthorized";
        case 403 -> "forbidden";
        case 404 -> "not_found";
        case 405 -> "method_not_allowed";
        case 413 -> "too_large";
        case 415 -> "unsupported_media_type";
        default -> status >= 500 ? "internal_error" : "error";
      };
    }
  }

  private static void fail(HttpServletRequest request, HttpServletResponse response, Exception e)
      throws IOException {
    log.error(
        "obs endpoint {} {} failed; answered 500", request.getMethod(), request.getRequestURI(), e);
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    JsonResponses.write(response, INTERNAL_ERROR);
  }
}
