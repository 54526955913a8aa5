package dev.obs.spring.it;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obs.Obs;
import dev.obs.errors.ErrorReporter;
import dev.obs.testkit.LogCapture;
import dev.obs.testkit.SentryEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a real Spring Boot web application on Tomcat, with Actuator and an embedded H2
 * database: requests through the whole stack, then obs-testkit assertions on what obs recorded.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "obs.logging.service=spring-it",
      "obs.health.show-details=always",
      "management.endpoint.health.show-components=always",
      "management.endpoint.health.show-details=always"
    })
class ObsSpringBootIT {
  static final SentryEndpoint sentry = SentryEndpoint.start();

  @DynamicPropertySource
  static void sentryDsn(DynamicPropertyRegistry registry) {
    registry.add("obs.sentry.dsn", sentry::dsn);
  }

  @AfterAll
  static void stopSentry() {
    sentry.close();
  }

  @LocalServerPort int port;
  @Autowired Obs obs;
  @Autowired MeterRegistry registry;

  private final HttpClient client = HttpClient.newHttpClient();

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The count over every timer of that name and uri, whoever registered it. */
  private long requests(String uri) {
    return registry.find("http.server.requests").tag("uri", uri).timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }

  /**
   * Waits until the filter has recorded a request: the client can read a response the handler
   * flushed before the filter, which records after the chain returns, is done.
   */
  private void awaitRecorded(String uri, long atLeast) {
    await("http.server.requests for " + uri)
        .atMost(Duration.ofSeconds(10))
        .until(() -> requests(uri) >= atLeast);
  }

  @Test
  void obsUsesTheApplicationsRegistry() {
    assertThat(obs.meterRegistry()).isSameAs(registry);
  }

  @Test
  void eachRequestIsRecordedOnceUnderItsRouteTemplate() throws Exception {
    assertThat(get("/users/42").statusCode()).isEqualTo(200);
    assertThat(get("/users/7").statusCode()).isEqualTo(200);
    assertThat(get("/no/such/page").statusCode()).isEqualTo(404);
    awaitRecorded("/users/{id}", 2);

    assertThat(registry)
        .timer("http.server.requests")
        .withTag("uri", "/users/{id}")
        .withTag("method", "GET")
        .withTag("status", "200")
        .withTag("outcome", "SUCCESS")
        .hasCount(2);
    assertThat(requests("/users/{id}")).isEqualTo(2);
    assertThat(registry.find("http.server.requests").tagKeys("error").timers())
        .as("Spring's own observation of server requests must not record a second timer")
        .isEmpty();
    assertThat(registry).timer("http.server.requests").withTag("uri", "NOT_FOUND").exists();
  }

  @Test
  void aFailingRequestIsTaggedReportedToSentryAndAnswered500() throws Exception {
    HttpResponse<String> response = get("/orders/7/fail", "X-Request-ID", "it-fail-1");

    assertThat(response.statusCode()).isEqualTo(500);
    String errorId = response.headers().firstValue(ErrorReporter.ERROR_ID_HEADER).orElseThrow();
    assertThat(registry)
        .timer("http.server.requests")
        .withTag("uri", "/orders/{id}/fail")
        .withTag("status", "500")
        .withTag("exception", "IllegalStateException")
        .hasCount(1);
    assertThat(registry)
        .counter("obs.http.server.errors")
        .withTag("uri", "/orders/{id}/fail")
        .hasCount(1);
    var event =
        assertThat(sentry)
            .within(Duration.ofSeconds(10))
            .captured(IllegalStateException.class)
            .withExceptionMessage("order 7 is locked")
            .withTag("request_id", "it-fail-1")
            .event();
    assertThat(event.get("event_id")).isEqualTo(errorId);
  }

  @Test
  void logLinesAreJsonWithTheRequestId() throws Exception {
    try (LogCapture logs = LogCapture.root()) {
      HttpResponse<String> response = get("/hello", "X-Request-ID", "it-hello-1");

      assertThat(response.body()).isEqualTo("hello");
      assertThat(response.headers().firstValue("X-Request-ID")).hasValue("it-hello-1");
      assertThat(logs)
          .hasEventWith("request_id", "it-hello-1")
          .withMessage("saying hello")
          .withLevel("INFO")
          .withLogger(TestApp.Endpoints.class.getName());
    }
  }

  @Test
  void readinessReportsTheDatabase() throws Exception {
    HttpResponse<String> readyz = get("/readyz");

    assertThat(readyz.statusCode()).isEqualTo(200);
    assertThat(readyz.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(readyz.body()).contains("\"status\":\"UP\"").contains("\"db\"");
    assertThat(obs.health().checkAll().check("db")).isNotNull();
  }

  @Test
  void metricsServesThePrometheusTextWithExactRoutes() throws Exception {
    get("/users/1");
    awaitRecorded("/users/{id}", 1);

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .containsPattern("http_server_requests_seconds_count\\{[^}]*uri=\"/users/\\{id}\"")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void actuatorHealthShowsObsChecksAsAContributor() throws Exception {
    HttpResponse<String> health = get("/actuator/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"obs\":{").contains("\"obs_status\":\"UP\"");
  }
}
