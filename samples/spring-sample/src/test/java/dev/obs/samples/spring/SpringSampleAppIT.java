package dev.obs.samples.spring;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obs.Obs;
import dev.obs.alerts.Alerting;
import dev.obs.backup.Backups;
import dev.obs.backup.store.BackupStatus;
import dev.obs.backup.store.Manifest;
import dev.obs.errors.ErrorReporter;
import dev.obs.health.HealthStatus;
import dev.obs.logging.LoggingOptions;
import dev.obs.testkit.LogCapture;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample as a user runs it: its endpoints, its database check and what obs records. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SpringSampleAppIT {
  static final Path dir = temporaryDirectory();

  static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("spring-sample-it");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The database and the backups of this test go to a directory of their own. */
  @DynamicPropertySource
  static void directories(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> "jdbc:h2:" + dir.resolve("db").toAbsolutePath());
    registry.add("obs.backup.store.path", () -> dir.resolve("backups").toString());
  }

  @Autowired Backups backups;

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

  @Test
  void servesUsersFromTheDatabaseAndRecordsTheRouteTemplate() throws Exception {
    // Formatted with the application's own logging options, so the service field is there too.
    try (LogCapture logs = LogCapture.root(LoggingOptions.fromConfig(obs.config()))) {
      HttpResponse<String> response = get("/users/42", "X-Request-ID", "sample-42");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("{\"id\":42,\"name\":\"Grace Hopper\"}");
      assertThat(logs)
          .hasEventWith("request_id", "sample-42")
          .withMessage("looking up user 42")
          .with("service", "spring-sample");
    }
    await("the request to /users/42 to be recorded")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> registry.find("http.server.requests").tag("uri", "/users/{id}").timer() != null);
    assertThat(registry)
        .timer("http.server.requests")
        .withTag("uri", "/users/{id}")
        .withTag("status", "200")
        .hasCount(1);
  }

  @Test
  void readinessIncludesTheDatabase() throws Exception {
    HttpResponse<String> readyz = get("/readyz");

    assertThat(readyz.statusCode()).isEqualTo(200);
    assertThat(readyz.body()).contains("\"db\":{\"status\":\"UP\"").contains("\"database\":\"H2\"");
    assertThat(obs.health().checkAll().check("db").status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void aFailureIsAnswered500WithAnErrorIdAndCounted() throws Exception {
    HttpResponse<String> response = get("/fail");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue(ErrorReporter.ERROR_ID_HEADER))
        .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    assertThat(registry)
        .counter("obs.http.server.errors")
        .withTag("uri", "/fail")
        .withTag("exception", "IllegalStateException")
        .hasCount(1);
  }

  @Test
  void metricsServesThePrometheusText() throws Exception {
    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("obs_health_status");
  }

  @Test
  void loadsTheRuleFileFromTheClasspath() {
    assertThat(Alerting.of(obs).alerts().groups())
        .singleElement()
        .satisfies(group -> assertThat(group.name()).isEqualTo("spring-sample"));
  }

  @Test
  void backsUpTheDatabaseWithTheNightlyPlan() throws Exception {
    assertThat(backups.plan("nightly").schedule()).isEqualTo("0 3 * * *");

    Manifest manifest = backups.run("nightly");

    assertThat(manifest.status()).isEqualTo(BackupStatus.COMPLETED);
    assertThat(backups.list("nightly"))
        .extracting(Manifest::backupId)
        .contains(manifest.backupId());
    try (var files = Files.walk(dir.resolve("backups"))) {
      assertThat(files.filter(Files::isRegularFile)).isNotEmpty();
    }
  }
}
