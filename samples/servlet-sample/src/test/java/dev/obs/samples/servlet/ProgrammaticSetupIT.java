package dev.obs.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.obs.Obs;
import dev.obs.config.ObsConfig;
import dev.obs.http.HttpMetricsOptions;
import dev.obs.servlet.MetricsServlet;
import dev.obs.servlet.ObsFilter;
import dev.obs.servlet.ObsServlets;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The programmatic setups shown in {@code docs/getting-started.md}, for applications that build
 * their own {@link Obs} instead of relying on the drop-in initializer.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ProgrammaticSetupIT {
  private static final HttpClient client =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private Server server;
  private Obs obs;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    if (obs != null) {
      obs.close();
      obs.meterRegistry().close(); // obs closes only a registry it created itself
    }
  }

  @Test
  void obsServletsRegisterInstallsTheFilterAndATokenProtectedMetricsEndpoint() throws Exception {
    obs =
        Obs.builder()
            .config(ObsConfig.of(Map.of("obs.metrics.token", "s3cret")))
            .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .build()
            .start();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new HelloServlet(), "/hello");
    ObsServlets.register(context.getServletContext(), obs);
    start(context);

    assertThat(get("/hello").headers().firstValue("X-Request-ID")).isPresent();
    HttpResponse<String> anonymous = get("/metrics");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"obs\"");
    HttpResponse<String> authorized = get("/metrics", "Authorization", "Bearer s3cret");
    assertThat(authorized.statusCode()).isEqualTo(200);
    assertThat(authorized.body().lines())
        .contains(
            "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/hello\"} 1");
  }

  @Test
  void filterAndMetricsServletCanBeAddedByHand() throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    obs = Obs.builder().meterRegistry(registry).jvmMetrics(false).build().start();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addFilter(
        new FilterHolder(new ObsFilter(obs)), "/*", EnumSet.of(DispatcherType.REQUEST));
    context.addServlet(new MetricsServlet(registry, null), "/metrics");
    context.addServlet(new UsersServlet(), "/users/*");
    start(context);

    assertThat(get("/users/1").statusCode()).isEqualTo(200);
    HttpResponse<String> metrics =
        get("/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValue("application/openmetrics-text; version=1.0.0; charset=utf-8");
    assertThat(metrics.body().lines())
        .contains(
            "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/users/{id}\"} 1",
            "# EOF")
        .noneMatch(line -> line.startsWith("jvm_"));
  }

  @Test
  void httpOptionsSetInCodeOverrideTheKeys() throws Exception {
    obs =
        Obs.builder()
            .config(ObsConfig.of(Map.of("obs.http.error-statuses", "4xx")))
            .meterRegistry(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
            .http(
                HttpMetricsOptions.builder()
                    .uriCap(200)
                    .exclude("/internal/**")
                    .errorStatuses("5xx,429")
                    .build())
            .jvmMetrics(false)
            .build()
            .start();
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new FailServlet(), "/fail");
    ObsServlets.register(context.getServletContext(), obs);
    start(context);

    assertThat(get("/fail").statusCode()).isEqualTo(500);
    assertThat(get("/internal/ping").statusCode()).isEqualTo(404);
    assertThat(get("/missing").statusCode()).isEqualTo(404);
    String metrics = get("/metrics").body();
    assertThat(metrics.lines())
        .contains(
            "obs_http_server_errors_total{exception=\"IllegalStateException\",method=\"GET\","
                + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/fail\"} 1.0",
            "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
                + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"} 1")
        .noneMatch(
            line -> line.startsWith("obs_http_server_errors_total{") && line.contains("404"));
  }

  private void start(ServletContextHandler context) throws Exception {
    server = new Server(new InetSocketAddress("127.0.0.1", 0));
    server.setHandler(context);
    server.start();
  }

  private HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
