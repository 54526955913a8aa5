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
 * {@code Authorization: Bearer <token>}; the comparison takes constant time. When protected, the
 * admin credentials that grant read are accepted too.
 */
public final class MetricsServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  // The exposition library's constants are not on the compile classpath; these match them.
  static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** The configuration key of the token Prometheus scrapes with. */
  static final String TOKEN_KEY = "obs.metrics.token";

  /** The configuration key that makes {@code /metrics} public or guarded. */
  static final String PUBLIC_KEY = "obs.metrics.public";

  private final transient PrometheusMeterRegistry registry;
  private final transient AdminGuard guard;

  /**
   * Creates the servlet.
   *
   * @param registry the registry to expose
   * @param token the bearer token required to read metrics, or {@code null} for none
   */
  public MetricsServlet(PrometheusMeterRegistry registry, @Nullable String token) {
    this(guard(AdminGuard.ofToken(null), token, token == null), registry);
  }

  // The guard first, so a null token never makes the public constructor ambiguous.
  MetricsServlet(AdminGuard guard, PrometheusMeterRegistry registry) {
    this.registry = registry;
    this.guard = guard;
  }

  /**
   * The guard of {@code /metrics}: public, or admitting its own token (named {@code metrics}) and
   * every admin credential that grants read, so Prometheus can scrape with a Basic user.
   */
  static AdminGuard guard(AdminGuard admin, @Nullable String token, boolean isPublic) {
    AdminGuard guard =
        admin
            .withToken("metrics", token, AdminGuard.Access.READ)
            .unauthorizedMessage("a valid credential is required to read metrics")
            .forbiddenMessage(
                "metrics are protected ("
                    + PUBLIC_KEY
                    + "=false) but no credential is configured: set "
                    + TOKEN_KEY
                    + " or an admin credential");
    return isPublic ? guard.withoutCredentials().openWhenUnconfigured() : guard;
  }

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse res)
      throws ServletException, IOException {
    // Reading metrics is a read whatever the method, so it is never audited as a write.
    if (guard.admit(req, res, AdminGuard.Access.READ)) {
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
