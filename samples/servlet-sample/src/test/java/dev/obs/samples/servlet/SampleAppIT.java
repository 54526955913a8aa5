package dev.obs.samples.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Starts the sample on a free loopback port, sends it a fixed set of requests once, and checks what
 * obs exposes at {@code /metrics}: the exact series the Prometheus registry writes.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SampleAppIT {
  private static final String USERS_OK =
      "http_server_requests_seconds_count{exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
          + "status=\"200\",uri=\"/users/{id}\"} 2";
  private static final String FAIL =
      "http_server_requests_seconds_count{exception=\"IllegalStateException\",method=\"GET\","
          + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/fail\"} 1";
  private static final String FAIL_ERRORS =
      "obs_http_server_errors_total{exception=\"IllegalStateException\",method=\"GET\","
          + "outcome=\"SERVER_ERROR\",status=\"500\",uri=\"/fail\"} 1.0";
  private static final String NOT_FOUND =
      "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
          + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"NOT_FOUND\"} 1";
  private static final String USER_NOT_FOUND =
      "http_server_requests_seconds_count{exception=\"none\",method=\"GET\","
          + "outcome=\"CLIENT_ERROR\",status=\"404\",uri=\"/users/{id}\"} 1";
  private static final String USERS_BUCKET_5MS =
      "http_server_requests_seconds_bucket{exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
          + "status=\"200\",uri=\"/users/{id}\",le=\"0.005\"} ";
  private static final String HELLO_BUCKET_INF =
      "http_server_requests_seconds_bucket{exception=\"none\",method=\"GET\",outcome=\"SUCCESS\","
          + "status=\"200\",uri=\"/hello\",le=\"+Inf\"} 1";

  private static final HttpClient client =
      HttpClient.newBuilder()
          .proxy(HttpClient.Builder.NO_PROXY)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static SampleApp app;
  private static String metrics;

  @BeforeAll
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  static void startAndSendTraffic() throws Exception {
    app = SampleApp.start(0);
    assertThat(get("/hello").statusCode()).isEqualTo(200);
    assertThat(get("/users/42").body()).isEqualTo("{\"id\":42,\"name\":\"user-42\"}");
    assertThat(get("/users/7").statusCode()).isEqualTo(200);
    assertThat(get("/users/abc").statusCode()).isEqualTo(404);
    assertThat(get("/fail").statusCode()).isEqualTo(500);
    assertThat(get("/no-such-page-" + System.nanoTime()).statusCode()).isEqualTo(404);
    assertThat(get("/healthz").statusCode()).isEqualTo(200);
    HttpResponse<String> scrape = get("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type"))
        .hasValue("text/plain; version=0.0.4; charset=utf-8");
    metrics = scrape.body();
  }

  @AfterAll
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  static void stop() throws Exception {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void readinessReportsTheSampleChecks() throws Exception {
    HttpResponse<String> ready = get("/readyz");

    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .contains("\"disk\":{\"status\":\"UP\"}")
        .contains("\"heap\":{\"status\":");
    assertThat(metrics).contains("obs_health_status{check=\"disk\"} 1.0");
  }

  @Test
  void routeTemplateGroupsAllUsersIntoOneSeries() {
    assertThat(metrics.lines()).contains(USERS_OK);
    assertThat(metrics).doesNotContain("uri=\"/users/42\"", "uri=\"/users/7\"");
  }

  @Test
  void nonNumericUserIdIsA404OnTheSameRoute() {
    assertThat(metrics.lines()).contains(USER_NOT_FOUND);
  }

  @Test
  void thrownExceptionIsRecordedAsServerErrorWithItsClassName() {
    assertThat(metrics.lines()).contains(FAIL, FAIL_ERRORS);
  }

  @Test
  void unknownPathIsTaggedNotFound() {
    assertThat(metrics.lines()).contains(NOT_FOUND);
    assertThat(metrics).doesNotContain("uri=\"/no-such-page");
  }

  @Test
  void histogramBucketsArePublished() {
    assertThat(metrics.lines()).anyMatch(line -> line.startsWith(USERS_BUCKET_5MS));
    assertThat(metrics.lines()).contains(HELLO_BUCKET_INF);
  }

  @Test
  void jvmMetersArePublished() {
    assertThat(metrics.lines()).anyMatch(line -> line.startsWith("jvm_memory_used_bytes{"));
  }

  @Test
  void obsEndpointsAreNotRecorded() {
    assertThat(metrics).doesNotContain("uri=\"/metrics\"", "uri=\"/healthz\"");
  }

  @Test
  void generatesA32HexRequestIdWhenNoneIsSent() throws Exception {
    HttpResponse<String> res = get("/hello");
    assertThat(res.headers().firstValue("X-Request-ID"))
        .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
  }

  @Test
  void echoesAValidIncomingRequestId() throws Exception {
    HttpResponse<String> res = get("/hello", "X-Request-ID", "client-req.42:abc_DEF");
    assertThat(res.headers().firstValue("X-Request-ID")).hasValue("client-req.42:abc_DEF");
  }

  @Test
  void replacesAnInvalidIncomingRequestId() throws Exception {
    HttpResponse<String> res = get("/hello", "X-Request-ID", "not valid!");
    assertThat(res.headers().firstValue("X-Request-ID"))
        .hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f]{32}"));
  }

  private static HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
