package dev.obs.servlet;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointIT {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private Obs obs;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    server.close();
    obs.close();
  }

  private void start(Map<String, String> config) throws Exception {
    obs =
        Obs.builder()
            .meterRegistry(registry)
            .config(ObsConfig.of(config))
            .jvmMetrics(false)
            .build()
            .start();
    server = TestServer.start(context -> ObsServlets.register(context.getServletContext(), obs));
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    return server.get(path, headers);
  }

  @Test
  void missingOrWrongTokenGetsAJson401() throws Exception {
    start(Map.of("obs.metrics.token", "s3cret-token"));

    for (HttpResponse<String> response :
        new HttpResponse[] {
          get("/metrics"),
          get("/metrics", "Authorization", "Bearer wrong"),
          get("/metrics", "Authorization", "Basic czNjcmV0LXRva2Vu"),
          get("/metrics", "Authorization", "Bearer s3cret-token-and-more")
        }) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .contains("Bearer realm=\"obs\"");
      assertThat(response.body())
          .isEqualTo(
              "{\"error\":\"unauthorized\",\"message\":\"a valid credential is required to read"
                  + " metrics\"}");
    }
  }

  @Test
  void theRightTokenReadsMetrics() throws Exception {
    start(Map.of("obs.metrics.token", "s3cret-token"));
    get("/hello");

    HttpResponse<String> response = get("/metrics", "Authorization", "Bearer s3cret-token");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("http_server_requests_seconds_count{");
  }

  @Test
  void openMetricsIsServedWhenAsked() throws Exception {
    start(Map.of());
    get("/hello");

    HttpResponse<String> response =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");

    assertThat(response.headers().firstValue("Content-Type"))
        .contains("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(response.body()).endsWith("# EOF\n");
  }

  @Test
  void theFilterRegisteredByObsServletsRecordsRequestsButNotScrapes() throws Exception {
    start(Map.of());

    get("/hello");
    get("/hello");
    get("/metrics");

    assertThat(registry)
        .timer("http.server.requests")
        .withTag("uri", "NOT_FOUND")
        .withTag("status", "404")
        .hasCount(2);
    assertThat(registry.find("http.server.requests").tag("uri", "/metrics").timers()).isEmpty();
  }

  @Test
  void metricsCanBeSwitchedOff() throws Exception {
    start(Map.of("obs.metrics.enabled", "false"));

    assertThat(get("/metrics").statusCode()).isEqualTo(404);
  }
}
