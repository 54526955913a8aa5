package dev.obs.containers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What a WAR with obs-servlet in WEB-INF/lib gets from any servlet container that discovers
 * ServletContainerInitializers on its own; each container test starts the same WAR its own way.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeployedWarContract {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private int port;

  /** Deploys the WAR at the root context on a free loopback port and returns the port. */
  abstract int deploy(Path war) throws Exception;

  /** Stops the container. */
  abstract void stop() throws Exception;

  @BeforeAll
  void deployTheWar() throws Exception {
    String war = System.getProperty("obs.test.war");
    assertThat(war).as("system property obs.test.war (set by the build)").isNotNull();
    Path path = Paths.get(war);
    assertThat(Files.isRegularFile(path)).as("the test WAR at %s exists", path).isTrue();
    port = deploy(path);
  }

  @AfterAll
  void stopTheContainer() throws Exception {
    stop();
  }

  HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theApplicationsOwnPageAnswersWithARequestIdEchoed() throws Exception {
    HttpResponse<String> generated = get("/hello");
    HttpResponse<String> kept = get("/hello", "X-Request-ID", "container-test-0001");

    assertThat(generated.statusCode()).isEqualTo(200);
    assertThat(generated.body()).isEqualTo("hello");
    assertThat(generated.headers().firstValue("X-Request-ID"))
        .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
    assertThat(kept.headers().firstValue("X-Request-ID")).hasValue("container-test-0001");
  }

  @Test
  void metricsCountTheApplicationsRequestsByRoute() throws Exception {
    get("/hello");

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .containsPattern(
            "http_server_requests_seconds_count\\{exception=\"none\",method=\"GET\","
                + "outcome=\"SUCCESS\",status=\"200\",uri=\"/hello\"} [1-9]")
        .contains("jvm_memory_used_bytes{");
  }

  @Test
  void readinessIsUpWithNoChecksRegistered() throws Exception {
    HttpResponse<String> readyz = get("/readyz");

    assertThat(readyz.statusCode()).isEqualTo(200);
    assertThat(readyz.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    assertThat(readyz.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void theStatusPageIsServed() throws Exception {
    HttpResponse<String> status = get("/status");

    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
    assertThat(status.body()).contains("<html");
  }
}
