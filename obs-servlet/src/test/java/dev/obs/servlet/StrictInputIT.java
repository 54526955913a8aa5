package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.alerts.notify.Notifications;
import dev.obs.alerts.notify.Receiver;
import dev.obs.config.ObsConfig;
import dev.obs.health.HealthRegistry;
import dev.obs.history.History;
import dev.obs.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The admin and API endpoints read at most {@code obs.admin.max-body} bytes, take exactly one JSON
 * object, validate silences as Alertmanager does and answer every bad parameter with a JSON 400.
 */
class StrictInputIT {
  private static final String TOKEN = "admin-secret";
  private final ObjectMapper json = new ObjectMapper();
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Notifications notifications;
  private TestServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (notifications != null) {
      notifications.close();
    }
  }

  private void start(Map<String, String> config) throws Exception {
    notifications =
        Notifications.builder(new SimpleMeterRegistry())
            .backgroundTicks(false)
            .receiver(Receiver.of("chat", n -> {}))
            .build();
    ObsConfig obsConfig = ObsConfig.of(config);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    History history =
        History.builder(registry, HealthRegistry.builder(registry).build(), clock, obsConfig)
            .build();
    server =
        TestServer.start(
            context -> {
              NotificationServlets.register(context.getServletContext(), notifications, obsConfig);
              context.addServlet(
                  new ServletHolder(
                      EndpointBoundary.wrap(
                          new HistoryApiServlet(history, AdminGuard.fromConfig(obsConfig)))),
                  "/obs/api/series");
              context.addServlet(
                  new ServletHolder(EndpointBoundary.wrap(new BrokenServlet())), "/obs/broken");
            });
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Authorization", "Bearer " + TOKEN)
            .header("Content-Type", "application/json")
            .build();
    return server.client().send(request, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode error(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    return json.readTree(response.body());
  }

  private static String silence(String matchers, String extra) {
    return "{\"matchers\": " + matchers + ", \"created_by\": \"ana\"" + extra + "}";
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeItIsParsedAndNothingIsKept() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));
    String comment = "x".repeat(19 * 1024 * 1024);

    JsonNode body =
        error(
            send(
                "POST",
                "/obs/admin/silences",
                silence(
                    "[\"alertname=A\"]",
                    ", \"duration\": \"1h\", \"comment\": \"" + comment + "\"")),
            413);

    assertThat(body.get("message").asText())
        .isEqualTo(
            "the body must be at most 65536 bytes (set obs.admin.max-body to change the limit)");
    assertThat(notifications.silences().list()).isEmpty();
  }

  @Test
  void theLimitIsConfigurable() throws Exception {
    start(Map.of("obs.admin.token", TOKEN, "obs.admin.max-body", "64"));

    JsonNode body =
        error(
            send(
                "POST",
                "/obs/admin/silences",
                silence("[\"alertname=A\"]", ", \"duration\": \"1h\", \"comment\": \"deploying\"")),
            413);

    assertThat(body.get("message").asText())
        .isEqualTo(
            "the body must be at most 64 bytes (set obs.admin.max-body to change the limit)");
  }

  @Test
  void aBodyMustBeExactlyOneObjectWithoutDuplicateKeys() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    JsonNode duplicate =
        error(
            send(
                "POST",
                "/obs/admin/silences",
                silence("[\"alertname=A\"]", ", \"duration\": \"1h\", \"duration\": \"720h\"")),
            400);
    assertThat(duplicate.get("message").asText())
        .isEqualTo("the body is not one valid JSON object: Duplicate field 'duration'");

    JsonNode trailing =
        error(
            send(
                "POST",
                "/obs/admin/silences",
                silence("[\"alertname=A\"]", ", \"duration\": \"1h\"") + " {\"more\": 1}"),
            400);
    assertThat(trailing.get("message").asText())
        .startsWith("the body is not one valid JSON object: Trailing token");

    JsonNode array = error(send("POST", "/obs/admin/silences", "[1, 2]"), 400);
    assertThat(array.get("message").asText())
        .isEqualTo("the body must be a JSON object, got ARRAY");
    assertThat(notifications.silences().list()).isEmpty();
  }

  @Test
  void silencesAreValidatedAsAlertmanagerDoes() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    JsonNode matchesEverything =
        error(
            send(
                "POST",
                "/obs/admin/silences",
                silence("[\"alertname=~\\\".*\\\"\"]", ", \"duration\": \"1h\"")),
            400);
    assertThat(matchesEverything.get("message").asText())
        .isEqualTo(
            "at least one matcher of a silence must not match the empty string, got"
                + " [alertname=~\".*\"]; a silence of them would mute every alert");

    JsonNode tooLong =
        error(
            send(
                "POST",
                "/obs/admin/silences",
                silence("[\"alertname=A\"]", ", \"duration\": \"31d\"")),
            400);
    assertThat(tooLong.get("message").asText())
        .isEqualTo(
            "a silence may last at most PT720H (obs.alerts.notify.silences.max-duration), got"
                + " PT744H");

    JsonNode both =
        error(
            send(
                "POST",
                "/obs/admin/silences",
                silence(
                    "[\"alertname=A\"]",
                    ", \"duration\": \"1h\", \"ends_at\": \"2099-01-01T00:00:00Z\"")),
            400);
    assertThat(both.get("message").asText())
        .isEqualTo("a silence takes either duration or ends_at, not both");

    JsonNode farEnd =
        error(
            send(
                "POST",
                "/obs/admin/silences",
                silence("[\"alertname=A\"]", ", \"ends_at\": \"+1000000000-01-01T00:00:00Z\"")),
            400);
    assertThat(farEnd.get("message").asText()).contains("at most PT720H");
    assertThat(notifications.silences().list()).isEmpty();
  }

  @Test
  void anOutOfRangeParameterIsAJson400NamingIt() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    JsonNode to =
        error(send("GET", "/obs/api/series?metric=requests&to=9223372036854775807", null), 400);
    assertThat(to.get("error").asText()).isEqualTo("bad_request");
    assertThat(to.get("message").asText())
        .isEqualTo(
            "to must be between 1970-01-01T00:00:00Z and 9999-12-31T23:59:59Z (epoch seconds 0"
                + " to 253402300799), got '9223372036854775807'");

    JsonNode step =
        error(
            send(
                "GET",
                "/obs/api/series?metric=requests&from=2026-01-01T00:00:00Z"
                    + "&to=2026-03-01T00:00:00Z&step=1m",
                null),
            400);
    assertThat(step.get("message").asText())
        .isEqualTo(
            "step must give at most 50000 points between from and to, got 84960; raise step");

    JsonNode order =
        error(send("GET", "/obs/api/series?metric=requests&from=2000&to=1000", null), 400);
    assertThat(order.get("message").asText())
        .isEqualTo(
            "from must be before to, got from=1970-01-01T00:33:20Z and to=1970-01-01T00:16:40Z");
  }

  @Test
  void aFailureInsideAnEndpointIsAJson500WithoutTheExceptionsName() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    HttpResponse<String> response = send("GET", "/obs/broken", null);

    JsonNode body = error(response, 500);
    assertThat(body.get("error").asText()).isEqualTo("internal_error");
    assertThat(response.body()).doesNotContain("IllegalStateException").doesNotContain("secret");
  }

  @Test
  void traceIsRefusedOnObsEndpoints() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    for (String path : new String[] {"/obs/admin/silences", "/obs/api/series", "/obs/broken"}) {
      JsonNode body = error(send("TRACE", path, null), 405);
      assertThat(body.get("error").asText()).isEqualTo("method_not_allowed");
    }
  }

  private static final class BrokenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) {
      throw new IllegalStateException("a secret detail");
    }
  }
}
