package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import at.favre.lib.crypto.bcrypt.BCrypt;
import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.config.ObsConfigException;
import dev.obs.testkit.LogCapture;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which obs endpoints a fresh application serves and to whom: health and {@code /metrics} public,
 * the API and admin endpoints closed until a credential is configured, the status page opt-in, and
 * no obs path silently shadowing one of the application's.
 */
class WebExposureIT {
  private Obs obs;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (obs != null) {
      obs.close();
    }
  }

  /** The application's own status endpoint. */
  private static final class AppStatus extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.getWriter().write("the app's own status");
    }
  }

  private Obs obs(Map<String, String> config) {
    obs =
        Obs.builder()
            .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .config(ObsConfig.of(config))
            .jvmMetrics(false)
            .build()
            .start();
    return obs;
  }

  private void start(Map<String, String> config) throws Exception {
    Obs o = obs(config);
    server = TestServer.start(c -> ObsServlets.register(c.getServletContext(), o));
  }

  @Test
  void aFreshApplicationServesHealthAndMetricsPubliclyAndLogsWhatItServes() throws Exception {
    try (LogCapture logs = LogCapture.logger(WebExposure.class)) {
      start(Map.of());

      assertThat(logs.events())
          .extracting(e -> e.get("message"))
          .contains(
              "obs web: serving public /livez /readyz /healthz /metrics; guarded /obs/admin/alerts"
                  + " /obs/admin/rules /obs/admin/silences /obs/admin/silences/*"
                  + " /obs/admin/alerts/test /obs/api/summary /obs/api/series"
                  + " /obs/admin/incidents (no credential configured: they answer 403); not"
                  + " exposed: status (obs.web.exposure.include)");
    }
    assertThat(server.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(server.get("/metrics").statusCode()).isEqualTo(200);
    assertThat(server.get("/status").statusCode()).isEqualTo(404);
    assertThat(server.get("/status.json").statusCode()).isEqualTo(404);
  }

  @Test
  void theHistoryApiIsClosedWithoutACredentialUnlessMadePublic() throws Exception {
    start(Map.of());
    HttpResponse<String> closed = server.get("/obs/api/summary");
    assertThat(closed.statusCode()).isEqualTo(403);
    assertThat(closed.body())
        .isEqualTo(
            "{\"error\":\"forbidden\",\"message\":\"the admin API is off: configure"
                + " obs.admin.token, obs.admin.tokens.*, obs.admin.users.* or obs.admin.jwt.* to"
                + " use it\"}");
    server.close();
    obs.close();

    start(Map.of("obs.api.public", "true"));
    assertThat(server.get("/obs/api/summary").statusCode()).isEqualTo(200);
  }

  @Test
  void theStatusPageIsServedWhenIncludedUnderTheBasePath() throws Exception {
    start(Map.of("obs.web.exposure.include", "*", "obs.web.base-path", "/ops"));

    HttpResponse<String> page = server.get("/ops/status");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/ops/status/assets/status.css");
    assertThat(server.get("/ops/status/assets/status.css").statusCode()).isEqualTo(200);
    assertThat(server.get("/ops/metrics").statusCode()).isEqualTo(200);
    assertThat(server.get("/metrics").statusCode()).isEqualTo(404);
  }

  @Test
  void excludeWinsOverInclude() throws Exception {
    start(Map.of("obs.web.exposure.include", "*", "obs.web.exposure.exclude", "metrics,status"));

    assertThat(server.get("/metrics").statusCode()).isEqualTo(404);
    assertThat(server.get("/status").statusCode()).isEqualTo(404);
    assertThat(server.get("/livez").statusCode()).isEqualTo(200);
  }

  @Test
  void anUnknownEndpointIdFailsAtStart() {
    assertThatThrownBy(
            () ->
                WebExposure.fromConfig(
                    ObsConfig.of(Map.of("obs.web.exposure.include", "health,stats"))))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs.web.exposure.include must list endpoint ids among health, metrics, status, api,"
                + " admin or *, got 'stats'");
  }

  @Test
  void anObsPathShadowingAnApplicationServletRefusesToStartNamingBoth() {
    Obs o = obs(Map.of("obs.web.exposure.include", "*"));
    assertThatThrownBy(
            () ->
                TestServer.start(
                    c -> {
                      appStatus(c);
                      ObsServlets.register(c.getServletContext(), o);
                    }))
        .isInstanceOf(ObsConfigException.class)
        .hasMessage(
            "obs path /status would shadow the application's mapping of servlet 'appStatus' on"
                + " /status; set obs.web.path-conflict=app to leave it to the application,"
                + " obs.web.base-path to move obs's endpoints, or obs.web.exposure.exclude to turn"
                + " the obs endpoint off");
  }

  @Test
  void whenToldTheApplicationWinsObsLeavesThePathToIt() throws Exception {
    Obs o = obs(Map.of("obs.web.exposure.include", "*", "obs.web.path-conflict", "app"));
    server =
        TestServer.start(
            c -> {
              appStatus(c);
              ObsServlets.register(c.getServletContext(), o);
            });

    assertThat(server.get("/status").body()).isEqualTo("the app's own status");
    assertThat(server.get("/status.json").statusCode()).isEqualTo(200);
  }

  private static void appStatus(ServletContextHandler c) {
    // Registered through the servlet API, as an application's own servlet would be.
    c.getServletContext().addServlet("appStatus", new AppStatus()).addMapping("/status");
  }

  @Test
  void protectedMetricsAcceptTheMetricsTokenAndAReadOnlyBasicUser() throws Exception {
    Map<String, String> config = new HashMap<>();
    config.put("obs.metrics.public", "false");
    config.put("obs.metrics.token", "scrape-token");
    config.put(
        "obs.admin.users.prometheus.password-hash",
        BCrypt.withDefaults().hashToString(6, "pw".toCharArray()));
    config.put("obs.admin.users.prometheus.access", "read");
    start(config);
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("prometheus:pw".getBytes(StandardCharsets.UTF_8));

    assertThat(server.get("/metrics", "Authorization", basic).statusCode()).isEqualTo(200);
    assertThat(server.get("/metrics", "Authorization", "Bearer scrape-token").statusCode())
        .isEqualTo(200);
    HttpResponse<String> anonymous = server.get("/metrics");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.body())
        .isEqualTo(
            "{\"error\":\"unauthorized\",\"message\":\"a valid credential is required to read"
                + " metrics\"}");
    assertThat(
            server.get("/obs/admin/incidents", "Authorization", "Bearer scrape-token").statusCode())
        .as("the metrics token opens /metrics only")
        .isEqualTo(401);
  }

  @Test
  void protectedMetricsWithoutAnyCredentialAreClosed() throws Exception {
    start(Map.of("obs.metrics.public", "false"));

    HttpResponse<String> response = server.get("/metrics");
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body())
        .isEqualTo(
            "{\"error\":\"forbidden\",\"message\":\"metrics are protected (obs.metrics.public=false)"
                + " but no credential is configured: set obs.metrics.token or an admin"
                + " credential\"}");
  }
}
