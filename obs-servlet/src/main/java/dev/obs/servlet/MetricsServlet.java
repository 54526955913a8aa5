package dev.obs.servlet;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Serves the registry in the Prometheus text format, or OpenMetrics when the {@code Accept} header
 * asks for {@code application/openmetrics-text}. When a token is configured, requests must send
 * {@code Authorization: Bearer <token>}; the comparison takes constant time.
 */
public final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  // The exposition library's constants are not on the compile classpath; these match them.
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final transient PrometheusMeterRegistry registry;
  private final transient AdminGuard guard;

  /**
   * Creates the servlet.
   *
   * @param registry the registry to expose
   * @param token the bearer token required to read metrics, or {@code null} for none
   */
  public MetricsServlet(PrometheusMeterRegistry registry, @Nullable String token) {
    this.registry = registry;
    // Its own credential, open until set: Prometheus scrapes with it, not with the admin token.
    this.guard =
        AdminGuard.ofToken(token)
            .openWhenUnconfigured()
            .unauthorizedMessage("a valid bearer token is required to read metrics");
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    if (guard.admit(req, res)) {
      super.service(req, res);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
    String accept = req.getHeader("Accept");
    String contentType =
        accept != null && accept.contains("application/openmetrics-text")
            ? OPENMETRICS
            : PROMETHEUS_TEXT;
    res.setStatus(HttpServletResponse.SC_OK);
    res.setContentType(contentType);
    res.setHeader("Cache-Control", "no-store");
    try (OutputStream out = res.getOutputStream()) {
      registry.scrape(out, contentType);
    }
  }
}
