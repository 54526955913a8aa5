package dev.obs.health.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.obs.health.HealthResult;
import dev.obs.health.HealthStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpCheckTest {
  private static HttpServer server;
  private static String base;

  @BeforeAll
  static void startServer() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    answer("/api/health", 503);
    answer("/health", 200);
    answer("/broken", 500);
    answer("/no-content", 204);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static void answer(String path, int status) {
    server.createContext(
        path,
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(status, -1);
          exchange.close();
        });
  }

  @AfterAll
  static void stopServer() {
    server.stop(0);
  }

  @Test
  void twoHundredIsUpWithUrlStatusAndLatency() throws Exception {
    HealthResult result = HealthChecks.http(URI.create(base + "/health")).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.message()).isNull();
    assertThat(result.details())
        .containsEntry("url", base + "/health")
        .containsEntry("status", 200)
        .containsKey("latency_ms");
  }

  @Test
  void unexpectedStatusIsDownSayingWhatWasExpected() throws Exception {
    HealthResult result = HealthChecks.http(URI.create(base + "/api/health")).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message()).isEqualTo(base + "/api/health answered 503, expected 2xx");
    assertThat(result.details()).containsEntry("attempts", Map.of(base + "/api/health", 503));
  }

  @Test
  void fallbackChainReportsTheUrlThatAnswered() throws Exception {
    HealthResult result =
        HealthChecks.http(
                HttpCheckOptions.builder().url(base + "/api/health").url(base + "/health").build())
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.UP);
    assertThat(result.details())
        .containsEntry("url", base + "/health")
        .containsEntry("status", 200)
        .containsEntry("attempts", Map.of(base + "/api/health", 503));
    assertThat(result.message())
        .isEqualTo(base + "/api/health answered 503; " + base + "/health answered 200");
  }

  @Test
  void chainWhereEveryUrlFailsIsDownListingEachAnswer() throws Exception {
    int closed = Loopback.closedPort();
    String refused = "http://127.0.0.1:" + closed + "/health";

    HealthResult result =
        HealthChecks.http(
                HttpCheckOptions.builder()
                    .url(base + "/api/health")
                    .url(base + "/broken")
                    .url(refused)
                    .build())
            .check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message())
        .isEqualTo(
            "none of 3 URLs answered 2xx: "
                + base
                + "/api/health answered 503; "
                + base
                + "/broken answered 500; "
                + refused
                + " could not connect");
    assertThat(result.details())
        .containsEntry(
            "attempts",
            Map.of(base + "/api/health", 503, base + "/broken", 500, refused, "could not connect"));
  }

  @Test
  void expectedStatusesReplaceTheDefault() throws Exception {
    HttpCheckOptions options =
        HttpCheckOptions.builder().url(base + "/health").expectedStatuses(204, 503).build();
    HealthResult healthy =
        HealthChecks.http(
                HttpCheckOptions.builder()
                    .url(base + "/no-content")
                    .expectedStatuses(204, 503)
                    .build())
            .check();

    HealthResult result = HealthChecks.http(options).check();

    assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(result.message()).isEqualTo(base + "/health answered 200, expected 204 or 503");
    assertThat(healthy.status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void peerThatNeverAnswersIsDownAfterTheCheckTimeout() throws Exception {
    try (Loopback.HangingServer hanging = new Loopback.HangingServer()) {
      String url = "http://127.0.0.1:" + hanging.port() + "/health";

      HealthResult result =
          HealthChecks.http(
                  HttpCheckOptions.builder().url(url).timeout(Duration.ofMillis(300)).build())
              .check();

      assertThat(result.status()).isEqualTo(HealthStatus.DOWN);
      assertThat(result.message()).isEqualTo(url + " did not answer within 300 ms, expected 2xx");
    }
  }

  @Test
  void optionsAreValidatedWhenBuilt() {
    assertThatThrownBy(() -> HttpCheckOptions.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("at least one url is required; call url(\"http://...\")");
    assertThatThrownBy(() -> HttpCheckOptions.builder().url("ftp://host/health").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "url must be an absolute http or https URL like http://host:8080/health, got"
                + " 'ftp://host/health'");
    assertThatThrownBy(() -> HttpCheckOptions.builder().url("http://a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url must be a valid URI, got 'http://a b'");
    assertThatThrownBy(
            () -> HttpCheckOptions.builder().url(base).expectedStatuses(200, 600).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("expectedStatuses must be HTTP statuses between 100 and 599, got 600");
  }
}
