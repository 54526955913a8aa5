package dev.obs.spring.it;

import static dev.obs.testkit.ObsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.obs.Obs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With {@code obs.spring.request-metrics=spring}, Spring's observation records {@code
 * http.server.requests} and obs records no second timer, while still giving each request its id.
 */
@SpringBootTest(
    classes = TestApp.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"obs.spring.request-metrics=spring", "obs.logging.json.enabled=false"})
class SpringRecordsRequestsIT {
  @LocalServerPort int port;
  @Autowired Obs obs;
  @Autowired MeterRegistry registry;

  @Test
  void springRecordsEachRequestOnceAndObsStillSetsTheRequestId() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/users/42"))
                    .header("X-Request-ID", "spring-owned-1")
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("X-Request-ID")).hasValue("spring-owned-1");
    // The response can reach the client before the filters record it: wait for the timer.
    await("http.server.requests for /users/{id}")
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("/users/{id}") > 0);
    assertThat(count("/users/{id}"))
        .as("http.server.requests for /users/{id}, by either filter")
        .isEqualTo(1);
    // Micrometer's observation handler adds the 'error' tag; obs's timer has none.
    assertThat(registry)
        .timer("http.server.requests")
        .withTag("uri", "/users/{id}")
        .withTag("error", "none")
        .hasCount(1);
    assertThat(registry).doesNotHaveMeter("obs.http.server.errors");
    assertThat(obs.http().isRecorded("/users/42")).isFalse();
  }

  private long count(String uri) {
    return registry.find("http.server.requests").tag("uri", uri).timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }
}
