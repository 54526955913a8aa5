package dev.obs.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.obs.alerts.notify.Notification;
import dev.obs.alerts.notify.Notifications;
import dev.obs.alerts.notify.Receiver;
import dev.obs.alerts.notify.Route;
import dev.obs.config.ObsConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotificationsAdminIT {
  private static final String TOKEN = "admin-secret";
  private final ObjectMapper json = new ObjectMapper();
  private final List<Notification> received = new CopyOnWriteArrayList<>();
  private Notifications notifications;
  private TestServer server;

  @TempDir Path dir;

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
            .silencesFile(dir.resolve("silences.json"))
            .receiver(Receiver.of("chat", received::add))
            .route(Route.builder("critical").match("severity=critical").receivers("chat").build())
            .build();
    ObsConfig obsConfig = ObsConfig.of(config);
    server =
        TestServer.start(
            context ->
                NotificationServlets.register(
                    context.getServletContext(), notifications, obsConfig));
  }

  private HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(path))
            .timeout(Duration.ofSeconds(10))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return server.client().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> admin(String method, String path, String body) throws Exception {
    return send(
        method, path, body, "Authorization", "Bearer " + TOKEN, "Content-Type", "application/json");
  }

  @Test
  void silenceIsCreatedListedAndRemoved() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    HttpResponse<String> created =
        admin(
            "POST",
            "/obs/admin/silences",
            "{\"matchers\": [\"alertname=HighErrorRate\", \"instance=~\\\"web-.*\\\"\"],"
                + " \"duration\": \"1h\", \"created_by\": \"ana\", \"comment\": \"deploying\"}");

    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode silence = json.readTree(created.body());
    String id = silence.get("id").asText();
    assertThat(silence.get("matchers").toString())
        .isEqualTo("[\"alertname=\\\"HighErrorRate\\\"\",\"instance=~\\\"web-.*\\\"\"]");
    assertThat(silence.get("created_by").asText()).isEqualTo("ana");
    assertThat(silence.get("comment").asText()).isEqualTo("deploying");
    assertThat(
            Duration.between(
                java.time.Instant.parse(silence.get("starts_at").asText()),
                java.time.Instant.parse(silence.get("ends_at").asText())))
        .isEqualTo(Duration.ofHours(1));
    assertThat(notifications.silences().list()).hasSize(1);

    JsonNode listed = json.readTree(admin("GET", "/obs/admin/silences", null).body());
    assertThat(listed.get("silences")).hasSize(1);
    assertThat(listed.get("silences").get(0).get("id").asText()).isEqualTo(id);

    HttpResponse<String> removed = admin("DELETE", "/obs/admin/silences/" + id, null);
    assertThat(removed.statusCode()).isEqualTo(200);
    assertThat(removed.body()).isEqualTo("{\"id\":\"" + id + "\",\"status\":\"expired\"}");
    assertThat(notifications.silences().list()).isEmpty();
    assertThat(admin("DELETE", "/obs/admin/silences/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void badSilenceRequestsSayWhatIsWrong() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    HttpResponse<String> noEnd =
        admin(
            "POST", "/obs/admin/silences", "{\"matchers\": \"alertname=X\", \"author\": \"ana\"}");
    assertThat(noEnd.statusCode()).isEqualTo(400);
    assertThat(noEnd.body())
        .isEqualTo(
            "{\"error\":\"bad_request\",\"message\":\"a silence needs a duration (like \\\"1h\\\")"
                + " or ends_at\"}");

    HttpResponse<String> badMatcher =
        admin(
            "POST", "/obs/admin/silences", "{\"matchers\": [\"alertname\"], \"duration\": \"1h\"}");
    assertThat(badMatcher.statusCode()).isEqualTo(400);
    assertThat(json.readTree(badMatcher.body()).get("message").asText())
        .startsWith("matcher must look like name=value");

    HttpResponse<String> noAuthor =
        admin("POST", "/obs/admin/silences", "{\"matchers\": [\"a=b\"], \"duration\": \"1h\"}");
    assertThat(json.readTree(noAuthor.body()).get("message").asText())
        .isEqualTo("a silence needs an author (created_by)");

    assertThat(admin("POST", "/obs/admin/silences", "{oops").statusCode()).isEqualTo(400);
  }

  @Test
  void testNotificationGoesThroughTheRoute() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    HttpResponse<String> response =
        admin("POST", "/obs/admin/alerts/test", "{\"route\": \"critical\"}");

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("{\"receivers\":[\"chat\"]}");
    assertThat(notifications.awaitIdle(Duration.ofSeconds(10))).isTrue();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).kind()).isEqualTo(Notification.Kind.TEST);

    HttpResponse<String> unknown =
        admin("POST", "/obs/admin/alerts/test", "{\"receiver\": \"pager\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json.readTree(unknown.body()).get("message").asText())
        .isEqualTo("no receiver named 'pager'; receivers are [chat, log]");
  }

  @Test
  void everyEndpointNeedsTheToken() throws Exception {
    start(Map.of("obs.admin.token", TOKEN));

    for (HttpResponse<String> response :
        List.of(
            send("GET", "/obs/admin/silences", null),
            send("POST", "/obs/admin/alerts/test", "{}", "Authorization", "Bearer wrong"),
            send("DELETE", "/obs/admin/silences/x", null, "Authorization", "Basic YTpi"))) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .contains("Bearer realm=\"obs\"");
      assertThat(response.body())
          .isEqualTo(
              "{\"error\":\"unauthorized\",\"message\":\"a valid credential is required for the"
                  + " admin API\"}");
    }
    assertThat(notifications.silences().list()).isEmpty();
  }

  @Test
  void withoutAConfiguredTokenTheApiIsOff() throws Exception {
    start(Map.of());

    HttpResponse<String> response = send("GET", "/obs/admin/silences", null);

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(json.readTree(response.body()).get("message").asText())
        .isEqualTo(
            "the admin API is off: configure obs.admin.token, obs.admin.tokens.*,"
                + " obs.admin.users.* or obs.admin.jwt.* to use it");
  }
}
