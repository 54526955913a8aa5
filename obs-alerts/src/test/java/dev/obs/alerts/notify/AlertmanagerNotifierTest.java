package dev.obs.alerts.notify;

import static dev.obs.alerts.notify.TestAlerts.firing;
import static dev.obs.alerts.notify.TestAlerts.resolved;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.obs.alert.Alert;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sends to a real Alertmanager started on loopback and reads the alerts back from its API. */
class AlertmanagerNotifierTest {
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  // Alertmanager compares endsAt with its own wall clock: the test clock runs 10 s behind real
  // time, so the resolution it sends is already in the past there, as in production. (A resolution
  // in Alertmanager's future would not end the alert before the earlier endsAt, four minutes on.)
  private final ManualClock clock =
      new ManualClock(
          Instant.now().minusSeconds(10).truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
  private Process alertmanager;
  private URI base;
  private Notifications notifications;

  @TempDir Path dir;

  @BeforeEach
  void startAlertmanager() throws Exception {
    Path binary = onPath("prometheus-alertmanager");
    if (binary == null) {
      String why =
          "prometheus-alertmanager is not on the PATH (Debian package prometheus-alertmanager)";
      if ("1".equals(System.getenv("OBS_REQUIRE_SERVICES"))) {
        fail(why + "; OBS_REQUIRE_SERVICES=1 requires it");
      }
      Assumptions.abort(why + "; skipped (set OBS_REQUIRE_SERVICES=1 to fail instead)");
    }
    Path config = dir.resolve("alertmanager.yml");
    Files.writeString(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
    int port = freePort();
    base = URI.create("http://127.0.0.1:" + port);
    alertmanager =
        new ProcessBuilder(
                binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--cluster.listen-address=")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("alertmanager.log").toFile())
            .start();
    await("Alertmanager to answer /-/ready", () -> status("/-/ready") == 200);
  }

  @AfterEach
  void stop() throws Exception {
    if (notifications != null) {
      notifications.close();
    }
    if (alertmanager != null) {
      alertmanager.destroy();
      if (!alertmanager.waitFor(10, TimeUnit.SECONDS)) {
        alertmanager.destroyForcibly();
      }
    }
  }

  @Test
  void firingAlertIsReadBackFromTheApiAndResolvedOneLeavesIt() throws Exception {
    notifications =
        Notifications.builder(new SimpleMeterRegistry())
            .clock(clock)
            .backgroundTicks(false)
            .externalUrl("http://app.example.org/status")
            .receiver(Receiver.of("alertmanager", Notifier.alertmanager(base)))
            .defaultRoute(Route.builder("default").receivers("alertmanager").build())
            .build();
    Instant now = clock.instant();
    Alert alert = firing("HighErrorRate", now, "severity", "critical", "service", "shop");

    notifications.onAlerts(now, List.of(alert));

    await("the alert to be listed", () -> alerts().size() == 1);
    JsonNode listed = alerts().get(0);
    assertThat(listed.path("labels").path("alertname").asText()).isEqualTo("HighErrorRate");
    assertThat(listed.path("labels").path("severity").asText()).isEqualTo("critical");
    assertThat(listed.path("labels").path("service").asText()).isEqualTo("shop");
    assertThat(listed.path("annotations").path("summary").asText())
        .isEqualTo("HighErrorRate is firing");
    assertThat(Instant.parse(listed.path("startsAt").asText())).isEqualTo(now);
    assertThat(listed.path("generatorURL").asText()).isEqualTo("http://app.example.org/status");
    assertThat(listed.path("status").path("state").asText()).isEqualTo("active");
    assertThat(listed.path("fingerprint").asText()).isNotBlank();

    clock.advance(Duration.ofSeconds(1));
    notifications.onAlerts(clock.instant(), List.of(resolved(alert, clock.instant())));

    await("the resolved alert to leave the list", () -> alerts().isEmpty());
  }

  private List<JsonNode> alerts() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(base.resolve("/api/v2/alerts"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    List<JsonNode> out = new java.util.ArrayList<>();
    Payloads.JSON.readTree(response.body()).forEach(out::add);
    return out;
  }

  private int status(String path) {
    try {
      return client
          .send(
              HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(2)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  /** Checks every 50 ms for at most 20 s. */
  private void await(String what, Condition condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after 20 s waiting for "
                + what
                + "; alertmanager log:\n"
                + Files.readString(dir.resolve("alertmanager.log")));
      }
      if (!alertmanager.isAlive()) {
        throw new AssertionError(
            "alertmanager exited with "
                + alertmanager.exitValue()
                + ":\n"
                + Files.readString(dir.resolve("alertmanager.log")));
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }

  private static @Nullable Path onPath(String name) {
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    return null;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
